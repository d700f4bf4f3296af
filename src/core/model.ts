/**
 * The briefing model: what the parser produces and the renderer consumes.
 *
 * It is a plain, JSON-serialisable object so that other programs can hand
 * briefdeck a briefing without Markdown. Every HTML string in it has already
 * been sanitised; every section remembers where it came from.
 */

/** A place in a source file. Lines and columns count from 1. */
export interface SourcePosition {
  /** The file as the user should see it, relative to the working directory. */
  file: string;
  line: number;
  column: number;
}

export const LAYOUTS = [
  "text",
  "summary",
  "quote",
  "timeline",
  "stats",
  "columns",
  "figure",
  "chart",
  "section",
  "sources",
] as const;

export type LayoutName = (typeof LAYOUTS)[number];

/** The article the briefing is about (front matter `source`). */
export interface SourceArticle {
  title: string;
  publisher?: string;
  author?: string;
  url?: string;
  /** `YYYY-MM-DD` */
  date?: string;
}

export interface FrontMatter {
  title: string;
  /** `YYYY-MM-DD` */
  date: string;
  subtitle?: string;
  /** Shown in every slide footer instead of the full title. */
  shortTitle?: string;
  presenter?: string;
  organization?: string;
  audience?: string;
  classification?: string;
  summary?: string;
  tags: string[];
  /** BCP 47 language tag; `en` when not given. */
  lang: string;
  /** A theme name from `templates/themes/`; `briefing` when not given. */
  theme: string;
  source?: SourceArticle;
  /** `undefined` means: an agenda slide when there are 5 or more sections. */
  agenda?: boolean;
  /** `false` turns off the appended sources slide. */
  sources: boolean;
  /**
   * What the handout prints beside each slide (front matter `handout-notes`): `speaker`, the speaker
   * notes then the `::: handout` text; `handout`, only the `::: handout` text (speaker notes stay
   * private); `none`, neither (ruled lines for writing, unless turned off).
   */
  handoutNotes: "speaker" | "handout" | "none";
  /** A local image (path as written, relative to the briefing) shown on the title slide and in the footer. */
  logo?: string;
  /** `#rrggbb`, dark enough for text on white: rules, bullets, tiles and markers take it. */
  accent?: string;
}

/** A local image the deck shows; copied into the output folder. */
export interface ImageRef {
  /** The path as written in the Markdown. */
  src: string;
  /** POSIX path relative to the content folder, already checked not to escape it. */
  contentPath: string;
  /** POSIX path relative to the deck folder in the output. */
  outputPath: string;
  position: SourcePosition;
}

/** A top-level Markdown block of a slide body; the unit slides split between. */
export interface Block {
  kind: "paragraph" | "list" | "table" | "blockquote" | "code" | "heading" | "image" | "html" | "rule";
  /** Sanitised HTML of the whole block. */
  html: string;
  /** For lists: each item's sanitised inner HTML, so long lists can split between items. */
  items?: string[];
  /** For tables: the `<thead>` HTML and each body row's cells, so long tables can split between rows. */
  head?: string;
  rows?: string[];
  ordered?: boolean;
  /** For ordered lists: the number of the first item. */
  start?: number;
  line: number;
}

/** One entry of a list-shaped layout (summary, timeline, stats). */
export interface LabelledItem {
  /** The bold lead: a date for timelines, a figure for stats; empty for summaries. */
  label: string;
  html: string;
  line: number;
}

/** A list-shaped layout: text before the list, its items, text after it. */
export interface ItemList {
  intro: Block[];
  items: LabelledItem[];
  /** For ordered lists, the number of the first item; absent for bullets. */
  start?: number;
  outro: Block[];
}

export interface Column {
  heading: string;
  blocks: Block[];
}

export interface Attribution {
  speaker: string;
  role?: string;
}

export type SectionContent =
  | { layout: "text"; blocks: Block[] }
  | ({ layout: "summary" } & ItemList)
  | { layout: "quote"; quoteHtml: string; attribution: Attribution; blocks: Block[] }
  | ({ layout: "timeline" } & ItemList)
  | ({ layout: "stats" } & ItemList)
  | { layout: "columns"; intro: Block[]; columns: Column[] }
  | { layout: "figure"; image: ImageRef; alt: string; caption?: string; creditHtml?: string }
  | { layout: "chart"; figure: ChartFigure; captionHtml?: string }
  | { layout: "section"; subtitle?: string }
  | { layout: "sources"; intro: Block[]; entries: LabelledItem[] };

/**
 * Charts. A chart is kept here as plain data (what to draw), not as a
 * picture: the HTML renderer draws it as SVG, and other exporters (a
 * slideshow file with native charts) read the same data.
 */
export const CHART_TYPES = ["column", "bar", "line", "area", "stacked", "dot"] as const;

/**
 * `column`: vertical bars, series side by side; `bar`: horizontal bars;
 * `line`, `area`: one line (filled for area) per series; `stacked`: vertical
 * bars with the series stacked; `dot`: one dot per value, no line.
 */
export type ChartType = (typeof CHART_TYPES)[number];

/**
 * What the first column holds: `category` (plain labels, in table order),
 * `year` (`2020`) or `date` (ISO `2020-03-31`); years and dates are time,
 * placed on a time axis by line, area and dot charts.
 */
export type ChartXKind = "category" | "year" | "date";

export interface ChartSeries {
  /** The column's header. */
  name: string;
  /** One value per category, in category order; `null` where the cell is empty. */
  values: (number | null)[];
}

/** Where a chart's numbers came from, for messages. */
export type ChartDataSource =
  | { kind: "table"; line: number }
  /** `data=file.csv`: `contentPath` is relative to the content folder, checked not to escape it. */
  | { kind: "csv"; src: string; contentPath: string; position: SourcePosition };

/** A chart drawn from a Markdown table or a CSV file (`layout=chart`). */
export interface ChartData {
  kind: "data";
  type: ChartType;
  /** Header of the first column: what the categories are ("Year"). */
  xLabel: string;
  xKind: ChartXKind;
  /** The first column's values as written, in order. */
  categories: string[];
  series: ChartSeries[];
  /** Unit of the values ("US$ bn"); shown with the value axis. */
  unit?: string;
  /** Title of the value axis; the unit is added to it. */
  title?: string;
  /** Name of the one series drawn in the accent colour, the others muted. */
  highlight?: string;
  /** Values printed on the marks. */
  labels: boolean;
  /** Where the value axis starts: at zero, or fitted to the data (lines and dots only). */
  start: "zero" | "auto";
  source: ChartDataSource;
}

/** A Vega-Lite spec written in a ```vega-lite block: the escape hatch for other charts. */
export interface VegaLiteChart {
  kind: "vega-lite";
  /** The spec as parsed JSON, checked to reference nothing outside the content folder; local CSV data already inlined as `values`. */
  spec: Record<string, unknown>;
  /** Local CSV files the spec reads (`data.url`), relative to the content folder, inlined by the build. */
  csvFiles: { url: string; contentPath: string; position: SourcePosition }[];
  line: number;
}

export type ChartFigure = ChartData | VegaLiteChart;

/**
 * A footnote cited in the body. A `source` is a citation: it is an entry of
 * the sources slide and its marker is that entry's number. A `note` (a label
 * starting with `note`, e.g. `[^note-rounding]`) explains rather than cites:
 * it is lettered a, b, c… and shown only under the slides that cite it.
 */
export interface Footnote {
  id: string;
  kind: "source" | "note";
  /** For a source, its number on the sources slide (`Briefing.sources`); for a note, its place among notes from 1. */
  number: number;
  /** What the reader sees: the source's number ("2") or the note's letter ("a"). */
  marker: string;
  html: string;
}

export interface Section {
  /** Heading text without attributes, plain (for outlines and the agenda). */
  heading: string;
  /** Heading as sanitised inline HTML. */
  headingHtml: string;
  /** A stable anchor: `s-<n>-<words>`. */
  id: string;
  layout: LayoutName;
  fragments: boolean;
  classes: string[];
  content: SectionContent;
  /** Speaker notes as sanitised HTML, empty when none. */
  notesHtml: string;
  /** Text for the handout only (`::: handout` blocks) as sanitised HTML, empty when none. */
  handoutHtml: string;
  /** Footnotes cited in this section, in citation order. */
  footnotes: Footnote[];
  position: SourcePosition;
  /** Last line of the section in its file. */
  endLine: number;
}

/** One numbered line of the sources slide. */
export interface SourceEntry {
  /** The number readers see, on the sources slide and on every footnote marker that cites this entry. */
  number: number;
  html: string;
  url?: string;
  /** The footnote this entry comes from, when it does. */
  footnoteId?: string;
}

export interface Briefing {
  slug: string;
  /** Display path of the Markdown file. */
  file: string;
  /** POSIX folder, relative to the content folder, that relative image paths start from. */
  baseDir: string;
  meta: FrontMatter;
  /** Sanitised HTML of the text between the front matter and the first section. */
  ledeHtml: string;
  sections: Section[];
  /** Whether the deck shows an agenda slide (already resolved from `agenda` and the section count). */
  showAgenda: boolean;
  /**
   * The sources slide's entries: the source article, source footnotes, then links, numbered and
   * de-duplicated. The one numbering of the briefing: footnote markers carry these numbers.
   */
  sources: SourceEntry[];
  images: ImageRef[];
  /** The `logo` image, checked and copied like any other image. */
  logo?: ImageRef;
}

/**
 * `logo` and `accent` of the project file (`briefdeck.yaml`), for every
 * briefing whose front matter does not give its own. The logo's position
 * is its line in the project file.
 */
export interface ProjectBranding {
  logo?: ImageRef;
  /** `#rrggbb`, already checked dark enough for text on white. */
  accent?: string;
}
