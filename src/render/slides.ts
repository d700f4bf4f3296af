import type { Block, Briefing, Footnote, LabelledItem, Section } from "../core/model.js";
import { escapeHtml } from "../core/html.js";
import { footnoteRefsIn } from "../input/parse/footnote-ref.js";
import type { FitPlan, SlideFit } from "./fit-plan.js";
import type { BlockView, HtmlUnit, ItemListContent, SlideContent, SlideKind, SlideView, SourceEntryView } from "./slide-views.js";
import { footnotesIn, sliceContent } from "./units.js";

export type { BlockView, SlideContent, SlideView, UnitView } from "./slide-views.js";

type Draft = Omit<SlideView, "number" | "total">;

export const SOURCES_HEADING = "Sources";
export const AGENDA_HEADING = "Agenda";
export const CONTINUED_SUFFIX = " (cont.)";

/**
 * Lays the briefing out as slides: title, agenda, sections, sources. A fit
 * plan (from measuring a previous rendering) splits long sections over
 * continuation slides and scales down what must shrink.
 */
export function buildSlides(briefing: Briefing, plan: FitPlan = new Map()): SlideView[] {
  const drafts: Draft[] = [];
  drafts.push(generated("title", briefing.meta.title, { layout: "title", ledeHtml: briefing.ledeHtml }));
  const agenda = briefing.showAgenda ? generated("agenda", AGENDA_HEADING, { layout: "agenda", items: [], twoColumns: false }) : undefined;
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
    drafts.push(sectionSlide(section));
  }
  if (!sourcesPlaced && briefing.meta.sources && briefing.sources.length > 0) {
    drafts.push(sourcesSlide(briefing));
  }

  const agendaItems = drafts
    .filter((slide) => slide.line > 0 && slide.kind !== "sources")
    .map((slide, index) => ({
      key: `a${index}`, noun: "agenda entry", reflows: true, footnotes: [], id: slide.id, headingHtml: slide.headingHtml, divider: slide.kind === "section",
    }));
  if (agenda) agenda.content = { layout: "agenda", items: agendaItems, twoColumns: agendaItems.length > 6 };

  const laidOut = drafts.flatMap((draft) => applyFit(draft, plan.get(draft.id)));
  return laidOut.map((slide, index) => ({ ...slide, number: index + 1, total: laidOut.length }));
}

/** Splits one drafted slide into the slides its fit plan asks for. */
function applyFit(draft: Draft, fits: SlideFit[] | undefined): Draft[] {
  if (!fits || fits.length === 0) return [draft];
  return fits.map((fit, index) => {
    const content = fit.keys ? sliceContent(draft.content, new Set(fit.keys)) : draft.content;
    const slide: Draft = {
      ...draft,
      content,
      id: index === 0 ? draft.id : `${draft.id}-${index + 1}`,
      continuation: index,
      startsSection: index === 0 && draft.startsSection,
      headingHtml: index === 0 ? draft.headingHtml : `${draft.headingHtml}${CONTINUED_SUFFIX}`,
      heading: index === 0 ? draft.heading : `${draft.heading}${CONTINUED_SUFFIX}`,
      notesHtml: index === 0 ? draft.notesHtml : "",
      footnotes: fit.keys ? footnotesCitedIn(content, draft.footnotes, index === 0 ? draft.headingHtml : "") : draft.footnotes,
    };
    if (fit.zoom !== undefined && fit.zoom < 1) slide.zoom = fit.zoom;
    else delete slide.zoom;
    return slide;
  });
}

/** The footnotes cited on one slide of a split section: in the units it keeps (and the heading, on a first slide). */
function footnotesCitedIn(content: SlideContent, footnotes: Footnote[], headingHtml: string): Footnote[] {
  const cited = footnotesIn(content);
  for (const number of footnoteRefsIn(headingHtml)) cited.add(number);
  return footnotes.filter((footnote) => cited.has(footnote.number));
}

/** Layouts whose units may move to continuation slides; the others can only shrink as a whole. */
const SPLITS: Record<SlideKind, boolean> = {
  title: false, agenda: true, text: true, summary: true, timeline: true, stats: true, quote: false, columns: false, figure: false, section: false, sources: true,
};

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
    splits: SPLITS[kind],
    continuation: 0,
    fragments: false,
    notesHtml: "",
    footnotes: [],
    line: 0,
    content,
  };
}

function sectionSlide(section: Section): Draft {
  return {
    partial: `layout-${section.layout}`,
    kind: section.layout,
    id: section.id,
    sectionId: section.id,
    classes: ["slide", `layout-${section.layout}`, ...section.classes].join(" "),
    headingHtml: section.headingHtml,
    heading: section.heading,
    startsSection: true,
    splits: SPLITS[section.layout],
    continuation: 0,
    fragments: section.fragments,
    notesHtml: section.notesHtml,
    footnotes: section.footnotes,
    line: section.position.line,
    content: contentView(section),
  };
}

function sourcesSlide(briefing: Briefing, section?: Section): Draft {
  const extra: LabelledItem[] = section?.content.layout === "sources" ? section.content.entries : [];
  const intro: Block[] = section?.content.layout === "sources" ? section.content.intro : [];
  const entries: SourceEntryView[] = [
    ...briefing.sources.map((entry) => ({ number: entry.number, html: entry.html })),
    ...extra.map((entry, index) => ({ number: briefing.sources.length + index + 1, html: entry.html })),
  ].map((entry, index) => ({ ...entry, ...unit(`e${index}`, "source", entry.html, true) }));
  const content: SlideContent = { layout: "sources", intro: blockViews(intro, false, "i"), entries, twoColumns: entries.length > 6 };
  if (!section) return generated("sources", SOURCES_HEADING, content);
  return { ...sectionSlide(section), kind: "sources", splits: SPLITS.sources, content };
}

function contentView(section: Section): SlideContent {
  const content = section.content;
  const fragments = section.fragments;
  switch (content.layout) {
    case "text":
      return { layout: "text", blocks: blockViews(content.blocks, fragments, "b") };
    case "summary":
    case "timeline":
    case "stats":
      return itemList(content.layout, content);
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
        layout: "figure", src: content.image.outputPath, alt: content.alt,
        ...(content.caption === undefined ? {} : { caption: content.caption }),
        ...(content.creditHtml === undefined ? {} : { creditHtml: content.creditHtml }),
      };
    case "section":
      return { layout: "section", ...(content.subtitle === undefined ? {} : { subtitle: content.subtitle }) };
    case "sources":
      return { layout: "sources", intro: [], entries: [], twoColumns: false };
  }
}

function itemList(layout: ItemListContent["layout"], content: { intro: Block[]; items: LabelledItem[]; outro: Block[]; start?: number }): ItemListContent {
  // Stats tiles are figures laid out in a grid: they do not reflow as text does.
  const noun = layout === "summary" ? "key judgment" : layout === "timeline" ? "timeline entry" : "figure tile";
  return {
    layout,
    intro: blockViews(content.intro, false, "i"),
    items: content.items.map((item, index) => ({ ...item, ...unit(`n${index}`, noun, item.html, layout !== "stats") })),
    outro: blockViews(content.outro, false, "o"),
    start: content.start ?? 1,
    count: content.items.length,
    horizontal: layout === "timeline" && content.items.length <= 4,
  };
}

/** What a unit is for messages, and whether it reflows when scaled down. */
const BLOCK_UNITS: Record<Block["kind"], { noun: string; reflows: boolean }> = {
  paragraph: { noun: "paragraph", reflows: true },
  list: { noun: "list", reflows: false },
  table: { noun: "table", reflows: false },
  blockquote: { noun: "quotation", reflows: true },
  code: { noun: "code block", reflows: false },
  heading: { noun: "subheading", reflows: false },
  image: { noun: "image", reflows: false },
  html: { noun: "HTML block", reflows: false },
  rule: { noun: "rule", reflows: false },
};

function unit(key: string, noun: string, html: string, reflows: boolean): HtmlUnit {
  return { key, noun, html, reflows, footnotes: footnoteRefsIn(html) };
}

export function blockViews(blocks: Block[], fragments: boolean, prefix: string): BlockView[] {
  return blocks.map((block, index) => {
    const key = `${prefix}${index}`;
    const { noun, reflows } = BLOCK_UNITS[block.kind];
    const view: BlockView = unit(key, noun, block.html, reflows);
    if (block.kind === "list" && block.items) {
      view.list = {
        tag: block.ordered ? "ol" : "ul",
        ...(block.ordered && block.start !== undefined && block.start !== 1 ? { start: block.start } : {}),
        items: block.items.map((html, item) => unit(`${key}.${item}`, "list item", html, true)),
        fragment: fragments,
      };
    }
    if (block.kind === "table" && block.rows) {
      view.table = { head: block.head ?? "", rows: block.rows.map((html, row) => unit(`${key}.r${row}`, "table row", html, false)) };
    }
    return view;
  });
}
