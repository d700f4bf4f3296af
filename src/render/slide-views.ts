import type { Attribution, Footnote } from "../core/model.js";

/**
 * What the layout templates see of a slide: one content type per layout.
 * Fitting reads the same views and decides by the properties below (can a
 * unit split, does it reflow, which footnotes go with it), never by names.
 */

/**
 * A piece of a slide that fitting measures and may move to a continuation
 * slide: a block, a list item, a table row, a timeline entry… Its key is
 * unique within its section and is written into the page as `data-unit`.
 */
export interface UnitView {
  key: string;
  /** What the unit is, for messages only ("table row", "list item"). */
  noun: string;
  /** Running text whose lines rewrap as it shrinks; short items (list entries, dates, rows) keep their lines. */
  reflows: boolean;
  /** The unit itself may be divided between its sentences when it is too big for a slide alone. */
  splits: boolean;
  /** Markers of the footnotes it cites ("2", "a"): their lines go with it to whichever slide it lands on. */
  footnotes: string[];
}

export interface HtmlUnit extends UnitView {
  html: string;
}

/** A block as templates see it: lists are opened up so items can be fragments and split. */
export interface BlockView extends HtmlUnit {
  list?: { tag: "ol" | "ul"; start?: number; items: HtmlUnit[]; fragment: boolean };
  /** A table opened up by rows; the header repeats on continuation slides, and so do the footnotes it cites. */
  table?: { head: string; headFootnotes: string[]; rows: HtmlUnit[]; columns?: number[] };
  /** Part of a paragraph too long for one slide, split between its sentences. */
  sentences?: HtmlUnit[];
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

export interface ColumnView {
  heading: string;
  blocks: BlockView[];
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
  columns: ColumnView[];
  count: number;
}

export interface FigureContent {
  layout: "figure";
  src: string;
  alt: string;
  caption?: string;
  creditHtml?: string;
}

/** A chart slide's body: one unit that fitting scales, never splits. */
export interface ChartContent {
  layout: "chart";
  /** Static SVG drawn at build time; role="img" with a title and a description. */
  svg: string;
  /** The chart's numbers as a table, visually hidden, for screen readers. */
  tableHtml: string;
  captionHtml?: string;
  /** `column`, `line`…, or `vega-lite`: a class for the theme. */
  chartType: string;
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
  | ChartContent
  | DividerContent
  | SourcesContent;

export type SlideKind = SlideContent["layout"];

/** How a slide may change to fit its page: what fitting is allowed to do with it. */
export interface SlideFitting {
  /** Its units may move to continuation slides; otherwise the slide can only shrink as a whole. */
  continues: boolean;
  /** Its type and tiles may grow to fill a sparse slide. */
  grows: boolean;
  /** Grown to the limit and still sparse, its items may spread over the body (or its text centre). */
  spreads: boolean;
}

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
  /** 0 on a section's first slide, 1 on its first continuation… */
  continuation: number;
  number: number;
  total: number;
  fragments: boolean;
  notesHtml: string;
  footnotes: Footnote[];
  /** Line of the section in its file; 0 for generated slides. */
  line: number;
  /** Scale applied to the slide body: below 1 to fit, above 1 to fill a sparse slide (absent when 1). */
  zoom?: number;
  fitting: SlideFitting;
  content: SlideContent;
}
