import type { Attribution, Footnote } from "../core/model.js";

/**
 * What the layout templates see of a slide: one content type per layout.
 * Fitting reads the same views: it splits, shrinks and moves footnotes by
 * the properties of units below, never by their names.
 */

/**
 * A piece of a slide that fitting measures and may move to a continuation
 * slide: a block, a list item, a table row, a timeline entry… Its key is
 * unique within its section and is written into the page as `data-unit`.
 */
export interface UnitView {
  key: string;
  /** What the unit is, for messages only ("table", "list item"). */
  noun: string;
  /** Text that reflows when scaled down (more words per line); tables, code and figures do not. */
  reflows: boolean;
  /** Footnote numbers cited in it: their lines go with it to whichever slide it lands on. */
  footnotes: number[];
}

/** A block as templates see it: lists are opened up so items can be fragments and split. */
export interface BlockView extends UnitView {
  html: string;
  list?: { tag: "ol" | "ul"; start?: number; items: HtmlUnit[]; fragment: boolean };
  /** A table opened up by rows; the header repeats on continuation slides. */
  table?: { head: string; rows: HtmlUnit[] };
}

export interface HtmlUnit extends UnitView {
  html: string;
}

/** An entry of a summary, timeline or stats slide. */
export interface ItemView extends HtmlUnit {
  /** The bold lead: a date for timelines, a figure for stats; empty for summaries. */
  label: string;
  line: number;
}

export interface AgendaEntryView extends UnitView {
  /** The id of the slide the entry links to. */
  id: string;
  headingHtml: string;
  /** A section divider, set apart in the list. */
  divider: boolean;
}

export interface SourceEntryView extends HtmlUnit {
  number: number;
}

export interface TitleContent {
  layout: "title";
  ledeHtml: string;
}

export interface AgendaContent {
  layout: "agenda";
  items: AgendaEntryView[];
  twoColumns: boolean;
}

export interface TextContent {
  layout: "text";
  blocks: BlockView[];
}

export interface ItemListContent {
  layout: "summary" | "timeline" | "stats";
  intro: BlockView[];
  items: ItemView[];
  outro: BlockView[];
  /** The number of the first item (ordered summaries continue their numbering). */
  start: number;
  count: number;
  /** Timelines of four entries or fewer run across the slide. */
  horizontal: boolean;
}

export interface QuoteContent {
  layout: "quote";
  quoteHtml: string;
  attribution: Attribution;
  blocks: BlockView[];
}

export interface ColumnsContent {
  layout: "columns";
  intro: BlockView[];
  columns: { heading: string; blocks: BlockView[] }[];
  count: number;
}

export interface FigureContent {
  layout: "figure";
  src: string;
  alt: string;
  caption?: string;
  creditHtml?: string;
}

export interface DividerContent {
  layout: "section";
  subtitle?: string;
}

export interface SourcesContent {
  layout: "sources";
  intro: BlockView[];
  entries: SourceEntryView[];
  twoColumns: boolean;
}

export type SlideContent =
  | TitleContent
  | AgendaContent
  | TextContent
  | ItemListContent
  | QuoteContent
  | ColumnsContent
  | FigureContent
  | DividerContent
  | SourcesContent;

export type SlideKind = SlideContent["layout"];

/** One slide of the deck, ready for its layout partial. */
export interface SlideView {
  /** The partial that draws the slide's body: `layout-<name>`. */
  partial: string;
  kind: SlideKind;
  id: string;
  /** The id of the section's first slide; continuation slides share it. */
  sectionId: string;
  classes: string;
  headingHtml: string;
  /** Plain heading, for outlines. */
  heading: string;
  /** True on the first slide of each outline entry (a section, or the title, agenda, sources). */
  startsSection: boolean;
  /** Whether its units may move to continuation slides; when not, the slide can only shrink as a whole. */
  splits: boolean;
  /** 0 on a section's first slide, 1 on its first continuation… */
  continuation: number;
  number: number;
  total: number;
  fragments: boolean;
  notesHtml: string;
  footnotes: Footnote[];
  /** Line of the section in its file; 0 for generated slides. */
  line: number;
  /** Scale applied to the slide body to make it fit (absent when 1). */
  zoom?: number;
  content: SlideContent;
}
