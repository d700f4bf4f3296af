import type { MeasuringPage } from "../fit/fit-deck.js";

/**
 * What the build asks of a PDF exporter. Exporters implement these; the
 * build, fitting and the handout only call them, so no exporter imports the
 * code that drives it.
 */

/** Owns the browser for a whole build; each briefing gets a page of its own. */
export interface PdfExporter {
  /** Begins launching the browser, so it boots while decks are parsed and rendered. */
  start?(): void;
  open(deckPath: string, slug: string): Promise<PrintSession>;
  close(): Promise<void>;
  /** Kills the browser at once, for an interrupted build. */
  killNow?(): void;
  /** Kills the browser, waiting briefly for one still starting, and frees its profile. */
  abort?(): Promise<void>;
}

/** One briefing's browser page: measures the staged deck in print view and prints it. */
export interface PrintSession extends MeasuringPage {
  /** Prints the deck (one page per slide, or per fragment step), with a bookmark per entry. */
  print(pdfPath: string, info: PdfInfo, outline: SlideBookmark[], options?: PrintOptions): Promise<void>;
  /** Runs a function in the page while it shows the staged deck in print view (reading its layout). */
  inspect<T, A>(inPage: (arg: A) => T, arg: A): Promise<T>;
  /** Prints the handout page (slides above their notes) on paper. */
  printHandout(handoutPath: string, pdfPath: string, info: PdfInfo, handout: HandoutOptions): Promise<void>;
  close(): Promise<void>;
}

export interface SlideBookmark {
  title: string;
  slideId: string;
}

export interface PrintOptions {
  /** One page per fragment step instead of one per slide. */
  fragments?: boolean;
}

/** Handout paper sizes. */
export type Paper = "a4" | "letter";

/** How the handout is laid out (`--paper`, `--handout-layout`, `--no-handout-lines`). */
export interface HandoutSettings {
  paper: Paper;
  /** Slides per page: 1 puts each slide above its notes; 2 and 3 put the notes beside each slide. */
  perPage: 1 | 2 | 3;
  /** Ruled lines for writing where a slide has no notes to print. */
  lines: boolean;
}

export interface HandoutOptions {
  paper: Paper;
  /** Chromium header and footer templates (title, classification, page numbers). */
  headerHtml: string;
  footerHtml: string;
}

/** The document information of a PDF. */
export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords: string[];
  lang: string;
  /** Fixed dates keep the output reproducible: from SOURCE_DATE_EPOCH or the briefing's date. */
  date: Date;
}
