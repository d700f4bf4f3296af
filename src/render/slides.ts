import { uiStrings } from "../core/ui-strings.js";
import type { Block, Briefing, ChartFigure, Footnote, ImageRef, LabelledItem, Section } from "../core/model.js";
import { relativeUrl } from "../input/images/url.js";
import { chartArt } from "./chart/svg.js";
import type { FitPlan, SlideFit } from "./fit-plan.js";
import { escapeHtml } from "../core/html.js";
import { footnoteMarkersIn } from "../input/parse/footnote-ref.js";
import type { AgendaContent, BlockView, ChartContent, HtmlUnit, SlideContent, SlideFitting, SlideKind, SlideView, SourcesContent } from "./slide-views.js";
import { footnotesCitedBy, pinColumns, sliceContent } from "./units.js";

type Draft = Omit<SlideView, "number" | "total">;

export const CONTINUED_SUFFIX = " (cont.)";

/**
 * Lays the briefing out as slides: title, agenda, sections, sources. A fit
 * plan (from measuring a previous rendering) splits long sections over
 * continuation slides and scales down what must shrink.
 */
/** Where a deck's page finds an image: its file in the deck folder, URL-encoded. */
export type ImageSource = (image: ImageRef) => string;
const imageFile: ImageSource = (image) => relativeUrl(image.outputPath);

export function buildSlides(briefing: Briefing, plan: FitPlan = new Map(), imageSource: ImageSource = imageFile): SlideView[] {
  const drafts: Draft[] = [];
  drafts.push(generated("title", briefing.meta.title, { layout: "title", ledeHtml: briefing.ledeHtml }));
  const agendaContent: AgendaContent = { layout: "agenda", items: [], twoColumns: false };
  const agenda = briefing.showAgenda ? generated("agenda", uiStrings(briefing.meta.lang).agenda, agendaContent) : undefined;
  if (agenda) drafts.push(agenda);

  let sourcesPlaced = false;
  for (const section of briefing.sections) {
    if (section.layout === "sources") {
      if (briefing.meta.sources || section.content.layout === "sources") {
        drafts.push(sourcesSlide(briefing, section));
        sourcesPlaced = true;
      }
      continue;
    }
    drafts.push(sectionSlide(section, imageSource));
  }
  if (!sourcesPlaced && briefing.meta.sources && briefing.sources.length > 0) {
    drafts.push(sourcesSlide(briefing));
  }

  agendaContent.items = drafts
    .filter((slide) => slide.line > 0 && slide.kind !== "sources")
    .map((slide, index) => ({
      key: `a${index}`, noun: "agenda entry", reflows: false, splits: false, footnotes: footnoteMarkersIn(slide.headingHtml),
      id: slide.id, headingHtml: slide.headingHtml, divider: slide.kind === "section",
    }));
  agendaContent.twoColumns = agendaContent.items.length > 6;

  const laidOut = drafts.flatMap((draft) => applyFit(draft, plan.get(draft.id)));
  return laidOut.map((slide, index) => ({ ...slide, number: index + 1, total: laidOut.length }));
}

/**
 * What fitting may do with each layout's slides: continue its units on more
 * slides, grow its type when sparse, spread its items over the body. Title,
 * dividers, figures and charts keep their size; tiles and columns grow but do not spread.
 */
const FITTING: Record<SlideKind, SlideFitting> = {
  text: { continues: true, grows: true, spreads: true },
  summary: { continues: true, grows: true, spreads: true },
  timeline: { continues: true, grows: true, spreads: true },
  stats: { continues: true, grows: true, spreads: false },
  sources: { continues: true, grows: false, spreads: false },
  agenda: { continues: true, grows: false, spreads: false },
  quote: { continues: false, grows: true, spreads: true },
  columns: { continues: false, grows: true, spreads: false },
  figure: { continues: false, grows: false, spreads: false },
  chart: { continues: false, grows: false, spreads: false },
  title: { continues: false, grows: false, spreads: false },
  section: { continues: false, grows: false, spreads: false },
};

/** Splits one drafted slide into the slides its fit plan asks for. */
function applyFit(draft: Draft, fits: SlideFit[] | undefined): Draft[] {
  if (!fits || fits.length === 0) return [draft];
  return fits.map((fit, index) => {
    const sliced = fit.keys ? sliceContent(draft.content, new Set(fit.keys)) : draft.content;
    const content = fit.columns ? pinColumns(sliced, fit.columns) : sliced;
    const slide: Draft = {
      ...draft,
      content,
      id: index === 0 ? draft.id : `${draft.id}-${index + 1}`,
      continuation: index,
      startsSection: index === 0 && draft.startsSection,
      headingHtml: index === 0 ? draft.headingHtml : `${draft.headingHtml}${CONTINUED_SUFFIX}`,
      heading: index === 0 ? draft.heading : `${draft.heading}${CONTINUED_SUFFIX}`,
      notesHtml: index === 0 ? draft.notesHtml : "",
      footnotes: fit.keys ? footnotesOn(content, draft.footnotes, index === 0 ? draft.headingHtml : "") : draft.footnotes,
    };
    if (fit.spread) slide.classes = `${draft.classes} fit-spread`;
    if (fit.zoom !== undefined && fit.zoom !== 1) slide.zoom = fit.zoom;
    else delete slide.zoom;
    return slide;
  });
}

/** The footnotes cited by the units a part keeps (and by the heading, on a section's first slide). */
function footnotesOn(content: SlideContent, footnotes: Footnote[], headingHtml: string): Footnote[] {
  const cited = footnotesCitedBy(content);
  for (const marker of footnoteMarkersIn(headingHtml)) cited.add(marker);
  return footnotes.filter((footnote) => cited.has(footnote.marker));
}

function generated(kind: "title" | "agenda" | "sources", heading: string, content: SlideContent): Draft {
  return {
    partial: `layout-${kind}`,
    kind,
    id: kind,
    sectionId: kind,
    classes: `slide layout-${kind}`,
    headingHtml: escapeHtml(heading),
    heading,
    startsSection: true,
    continuation: 0,
    fragments: false,
    notesHtml: "",
    footnotes: [],
    line: 0,
    fitting: FITTING[kind],
    content,
  };
}

function sectionSlide(section: Section, imageSource: ImageSource = imageFile): Draft {
  return {
    partial: `layout-${section.layout}`,
    kind: section.layout,
    id: section.id,
    sectionId: section.id,
    classes: ["slide", `layout-${section.layout}`, ...section.classes].join(" "),
    headingHtml: section.headingHtml,
    heading: section.heading,
    startsSection: true,
    continuation: 0,
    fragments: section.fragments,
    notesHtml: section.notesHtml,
    footnotes: section.footnotes,
    line: section.position.line,
    fitting: FITTING[section.layout],
    content: contentView(section, imageSource),
  };
}

function sourcesSlide(briefing: Briefing, section?: Section): Draft {
  const extra: LabelledItem[] = section?.content.layout === "sources" ? section.content.entries : [];
  const intro: Block[] = section?.content.layout === "sources" ? section.content.intro : [];
  const entries = [
    ...briefing.sources.map((entry) => ({ number: entry.number, html: entry.html })),
    ...extra.map((entry, index) => ({ number: briefing.sources.length + index + 1, html: entry.html })),
  ].map((entry, index) => ({ ...entry, key: `e${index}`, ...unit("source", entry.html) }));
  const content: SourcesContent = { layout: "sources", intro: blockViews(intro, false, "i"), entries, twoColumns: entries.length > 6 };
  const base = section ? sectionSlide(section) : generated("sources", uiStrings(briefing.meta.lang).sources, content);
  return { ...base, kind: "sources", fitting: FITTING.sources, content };
}

function contentView(section: Section, imageSource: ImageSource): SlideContent {
  const content = section.content;
  const fragments = section.fragments;
  switch (content.layout) {
    case "text":
      return { layout: "text", blocks: blockViews(content.blocks, fragments, "b") };
    case "summary":
    case "timeline":
    case "stats":
      return {
        layout: content.layout,
        intro: blockViews(content.intro, false, "i"),
        items: content.items.map((item, index) => ({ ...item, key: `n${index}`, ...unit(ITEM_NOUNS[content.layout], item.html) })),
        outro: blockViews(content.outro, false, "o"),
        start: content.start ?? 1,
        count: content.items.length,
        horizontal: content.layout === "timeline" && content.items.length <= 4,
      };
    case "quote":
      return { layout: "quote", quoteHtml: content.quoteHtml, attribution: content.attribution, blocks: blockViews(content.blocks, false, "b") };
    case "columns":
      return {
        layout: "columns",
        intro: blockViews(content.intro, false, "i"),
        columns: content.columns.map((column, index) => ({ heading: column.heading, blocks: blockViews(column.blocks, fragments, `c${index}-`) })),
        count: content.columns.length,
      };
    case "figure":
      return {
        layout: "figure", src: imageSource(content.image), alt: content.alt,
        ...(content.caption !== undefined ? { caption: content.caption } : {}),
        ...(content.creditHtml !== undefined ? { creditHtml: content.creditHtml } : {}),
      };
    case "chart":
      return chartView(content.figure, content.captionHtml);
    case "section":
      return { layout: "section", ...(content.subtitle !== undefined ? { subtitle: content.subtitle } : {}) };
    case "sources":
      return { layout: "sources", intro: [], entries: [], twoColumns: false };
  }
}

function chartView(figure: ChartFigure, captionHtml: string | undefined): ChartContent {
  const art = chartArt(figure);
  const view: ChartContent = { layout: "chart", svg: art.svg, tableHtml: art.tableHtml, chartType: figure.kind === "data" ? figure.type : "vega-lite" };
  if (captionHtml !== undefined) view.captionHtml = captionHtml;
  return view;
}

const ITEM_NOUNS = { summary: "key judgment", timeline: "timeline entry", stats: "figure tile" } as const;

/** A unit of short text (an item, a row, an entry): it keeps its lines when it shrinks and moves whole. */
function unit(noun: string, html: string): Omit<HtmlUnit, "key" | "html"> {
  return { noun, reflows: false, splits: false, footnotes: footnoteMarkersIn(html) };
}

const BLOCK_NOUNS: Record<Block["kind"], string> = {
  paragraph: "paragraph", list: "list", table: "table", blockquote: "quotation", code: "code block",
  heading: "subheading", image: "image", html: "HTML block", rule: "rule",
};

export function blockViews(blocks: Block[], fragments: boolean, prefix: string): BlockView[] {
  return blocks.map((block, index) => {
    const key = `${prefix}${index}`;
    const view: BlockView = {
      key,
      html: block.html,
      noun: BLOCK_NOUNS[block.kind],
      // Running text rewraps as it shrinks; a paragraph may continue between its sentences.
      reflows: block.kind === "paragraph" || block.kind === "blockquote",
      splits: block.kind === "paragraph",
      footnotes: footnoteMarkersIn(block.html),
    };
    if (block.kind === "list" && block.items) {
      view.list = {
        tag: block.ordered ? "ol" : "ul",
        ...(block.ordered && block.start !== undefined && block.start !== 1 ? { start: block.start } : {}),
        items: block.items.map((html, item) => ({ key: `${key}.${item}`, html, ...unit("list item", html) })),
        fragment: fragments,
      };
    }
    if (block.kind === "table" && block.rows) {
      const head = block.head ?? "";
      view.table = { head, headFootnotes: footnoteMarkersIn(head), rows: block.rows.map((html, row) => ({ key: `${key}.r${row}`, html, ...unit("table row", html) })) };
    }
    return view;
  });
}
