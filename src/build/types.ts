import type { Diagnostic } from "../core/diagnostics.js";
import type { ProjectBranding } from "../core/model.js";
import type { HandoutSettings, PdfExporter } from "../exporters/contracts.js";
import type { FitMemory } from "../fit/fit-memory.js";
import type { Shard } from "./shard.js";
import type { OutputKind } from "../output/deck-outputs.js";

/** What one build is asked to do: where to read and write, and which outputs to make. */
export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** A folder whose files replace the built-in templates of the same name. */
  templatesDir?: string;
  /** Build only these briefings; all when empty. */
  slugs?: readonly string[];
  /** Build only this deterministic share of the briefings (`build --shard i/n`). */
  shard?: Shard;
  /** Write the PDF beside each deck. */
  pdf: boolean;
  /** Resolve, parse and validate only: write nothing. */
  checkOnly?: boolean;
  /**
   * Produces the PDFs; given by the caller so the HTML-only path never loads
   * a browser. The caller closes it: one exporter can serve many builds.
   */
  pdfExporter?: PdfExporter;
  /**
   * Instead of `pdfExporter`: makes one, called only when a deck must be built,
   * so an up-to-date build never loads or starts a browser. The caller closes it.
   */
  openPdfExporter?: () => Promise<PdfExporter>;
  /** Also print `<slug>-handout.pdf`, laid out so (needs the PDF exporter). */
  handout?: HandoutSettings;
  /** One PDF page per fragment step instead of one per slide. */
  pdfFragments?: boolean;
  /** Also write `<slug>.html`, a deck with everything inlined. */
  singleFile?: boolean;
  /** Also write `<slug>.pptx`, an editable PowerPoint built from the fitted slides (needs the PDF exporter). */
  pptx?: boolean;
  /** False skips measuring and fitting slides (faster; long sections may overflow). */
  fit?: boolean;
  /** Turn fitting notes (splits, shrinks) into errors. */
  strict?: boolean;
  /** Rebuild briefings whose inputs are unchanged since their last build (the cache is still updated). */
  force?: boolean;
  /**
   * A quick HTML pass that a full build will follow (the dev server's): briefings
   * are judged unchanged as for that build, nothing is recorded in the cache, and
   * nothing is printed; with `pdfExporter` the deck is still measured and fitted.
   */
  provisional?: boolean;
  /** `logo` and `accent` of the project file, for briefings whose front matter gives none. */
  branding?: ProjectBranding;
  /** Called as each briefing finishes, for progress output. */
  onBriefing?: (outcome: BriefingOutcome) => void;
  /**
   * Plans of earlier builds that fitting starts from (kept by the dev server
   * across edits): same decks, fewer measuring passes.
   */
  fitMemory?: FitMemory;
}

export interface BriefingOutcome {
  slug: string;
  file: string;
  ok: boolean;
  slides: number;
  /** Where the deck was written (absent for check runs and failures). */
  deckPath?: string;
  pdfPath?: string;
  handoutPath?: string;
  singleFilePath?: string;
  pptxPath?: string;
  /** Problems found while laying the deck out (splits, shrinks, what cannot fit). */
  diagnostics: Diagnostic[];
  /** Why the briefing failed when it is not a content error. */
  failure?: string;
  /** Outputs of the previous build that this one does not make, removed with the old deck folder. */
  removedOutputs?: RemovedOutput[];
  /** Failed, with earlier output left in place: now marked on the index as from that build. */
  markedFailed?: boolean;
  /** Skipped: its inputs are those of the deck already in the output folder. */
  cached?: boolean;
  milliseconds: number;
}

/** A PDF, handout, single-file deck or PowerPoint file that a build removed, and why. */
export interface RemovedOutput {
  kind: OutputKind;
  /** Where it was. */
  path: string;
  /** Not asked for by this build's options, or asked for but not laid out (no browser). */
  because: "not-asked" | "not-laid-out";
}

export interface BuildReport {
  outcomes: BriefingOutcome[];
  /** Every error, warning and note, sorted by file and line. */
  diagnostics: Diagnostic[];
  indexPath?: string;
  /** The index page was rewritten with new content (a card added, removed or flagged). */
  indexChanged?: boolean;
  /** Deck folders removed because their briefing's source is gone (whole builds only). */
  removed?: string[];
  /** Set when a failure came from the machine (unwritable output, no browser), not from content. */
  environmentFailure?: string;
}

/** What `check` is asked: which briefings, and a browser when slides should be measured. */
export type CheckOptions = Pick<BuildOptions, "contentDir" | "templatesDir" | "slugs" | "strict" | "pdfExporter" | "branding">;

/** How decks are built (folders, templates, fitting…), whichever pass builds them: the dev server's passes share these. */
export type DeckSettings = Omit<BuildOptions, "slugs" | "pdf" | "checkOnly" | "pdfExporter" | "openPdfExporter" | "onBriefing" | "force" | "provisional">;
