import { uiStrings } from "../core/ui-strings.js";
import type { Block, Briefing, Footnote, LabelledItem, Section } from "../core/model.js";
import type { FitPlan, SlideFit } from "./fit-plan.js";
import { splitSentences } from "./sentences.js";

/**
 * A piece of a slide that fitting may move to a continuation slide: a block,
 * a list item, a timeline entry… Its key is unique within its section and is
 * written into the page as `data-unit`, so the browser can measure it.
 */
export interface UnitView {
  key: string;
  html: string;
  /** What the unit is, for messages ("table", "list item"). */
  kind: string;
}

/** A block as templates see it: lists are opened up so items can be fragments and split. */
export interface BlockView extends UnitView {
  list?: { tag: "ol" | "ul"; start?: number; items: UnitView[]; fragment: boolean };
  /** A table opened up by rows; the header repeats on continuation slides. */
  table?: { head: string; rows: UnitView[]; columns?: number[] };
  /** Part of a paragraph too long for one slide, split between its sentences. */
  sentences?: UnitView[];
}

/** One slide of the deck, ready for its layout partial. */
export interface SlideView {
  /** The partial that draws the slide's body: `layout-<name>`. */
  partial: string;
  kind: string;
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
  /** Layout-specific data for the partial. */
  content: Record<string, unknown>;
}

type Draft = Omit<SlideView, "number" | "total">;

export const CONTINUED_SUFFIX = " (cont.)";

/**
 * Lays the briefing out as slides: title, agenda, sections, sources. A fit
 * plan (from measuring a previous rendering) splits long sections over
 * continuation slides and scales down what must shrink.
 */
export function buildSlides(briefing: Briefing, plan: FitPlan = new Map()): SlideView[] {
  const drafts: Draft[] = [];
  drafts.push({ ...generated("title", "title", briefing.meta.title), content: { ledeHtml: briefing.ledeHtml } });
  const agenda = briefing.showAgenda ? generated("agenda", "agenda", uiStrings(briefing.meta.lang).agenda) : undefined;
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
    .map((slide, index) => ({ key: `a${index}`, kind: "agenda entry", id: slide.id, headingHtml: slide.headingHtml, divider: slide.kind === "section" }));
  if (agenda) agenda.content = { items: agendaItems, twoColumns: agendaItems.length > 6 };

  const laidOut = drafts.flatMap((draft) => applyFit(draft, plan.get(draft.id)));
  return laidOut.map((slide, index) => ({ ...slide, number: index + 1, total: laidOut.length }));
}

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
      footnotes: fit.keys ? footnotesCitedIn(content, draft.footnotes, index === 0 ? draft.headingHtml : "") : draft.footnotes,
    };
    if (fit.zoom !== undefined && fit.zoom !== 1) slide.zoom = fit.zoom;
    else delete slide.zoom;
    return slide;
  });
}

/** Keeps only the units whose keys are given; ordered lists keep their numbering. */
export function sliceContent(content: Record<string, unknown>, keys: ReadonlySet<string>): Record<string, unknown> {
  const sliced: Record<string, unknown> = { ...content };
  for (const field of ["intro", "blocks", "outro"]) {
    const blocks = content[field] as BlockView[] | undefined;
    if (blocks) sliced[field] = sliceBlocks(blocks, keys);
  }
  for (const field of ["items", "entries"]) {
    const items = content[field] as UnitView[] | undefined;
    if (!items) continue;
    const kept = items.filter((item) => keys.has(item.key));
    sliced[field] = kept;
    const first = kept[0];
    if (field === "items" && typeof content.start === "number" && first) sliced.start = content.start + items.indexOf(first);
    if (typeof content.count === "number") sliced.count = kept.length;
  }
  return sliced;
}

/** Gives split tables the column widths of the whole table, so columns do not move between parts. */
function pinColumns(content: Record<string, unknown>, columns: Record<string, number[]>): Record<string, unknown> {
  const pinned: Record<string, unknown> = { ...content };
  for (const field of ["intro", "blocks", "outro"]) {
    const blocks = content[field] as BlockView[] | undefined;
    if (!blocks) continue;
    pinned[field] = blocks.map((block) => {
      const widths = columns[block.key];
      return block.table && widths ? { ...block, table: { ...block.table, columns: widths } } : block;
    });
  }
  return pinned;
}

/** The unit keys of a paragraph's sentences, as fitting names them. */
export function sentenceKey(blockKey: string, index: number): string {
  return `${blockKey}.s${index}`;
}

function sliceBlocks(blocks: BlockView[], keys: ReadonlySet<string>): BlockView[] {
  const kept: BlockView[] = [];
  for (const block of blocks) {
    if (!block.list && !block.table && !keys.has(block.key)) {
      const sentences = (splitSentences(block.html) ?? [])
        .map((html, index) => ({ key: sentenceKey(block.key, index), html, kind: "sentence" }))
        .filter((sentence) => keys.has(sentence.key));
      if (sentences.length > 0) kept.push({ ...block, sentences });
      continue;
    }
    if (block.table) {
      const rows = block.table.rows.filter((row) => keys.has(row.key));
      if (rows.length > 0) kept.push({ ...block, table: { ...block.table, rows } });
      continue;
    }
    if (!block.list) {
      if (keys.has(block.key)) kept.push(block);
      continue;
    }
    const items = block.list.items.filter((item) => keys.has(item.key));
    const first = items[0];
    if (!first) continue;
    const offset = block.list.items.indexOf(first);
    const start = (block.list.start ?? 1) + offset;
    const list = { ...block.list, items };
    if (block.list.tag === "ol" && start !== 1) list.start = start;
    else delete list.start;
    kept.push({ ...block, list });
  }
  return kept;
}

/** The footnotes whose markers appear in the kept units (and the heading, on a first slide). */
function footnotesCitedIn(content: Record<string, unknown>, footnotes: Footnote[], headingHtml: string): Footnote[] {
  const html = headingHtml + JSON.stringify(content);
  const cited = new Set([...html.matchAll(/class=\\?"footnote-ref( note-ref)?\\?">([^<]+)</g)].map((match) => `${match[1] ? "note" : "source"}:${match[2] ?? ""}`));
  return footnotes.filter((footnote) => cited.has(`${footnote.kind}:${footnote.marker}`));
}

function generated(kind: string, partial: string, heading: string): Draft {
  return {
    partial: `layout-${partial}`,
    kind,
    id: kind,
    sectionId: kind,
    classes: `slide layout-${partial}`,
    headingHtml: escapeHtml(heading),
    heading,
    startsSection: true,
    continuation: 0,
    fragments: false,
    notesHtml: "",
    footnotes: [],
    line: 0,
    content: {},
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
  const entries = [
    ...briefing.sources.map((entry) => ({ number: entry.number, html: entry.html })),
    ...extra.map((entry, index) => ({ number: briefing.sources.length + index + 1, html: entry.html })),
  ].map((entry, index) => ({ ...entry, key: `e${index}`, kind: "source" }));
  const base = section ? sectionSlide(section) : generated("sources", "sources", uiStrings(briefing.meta.lang).sources);
  return { ...base, kind: "sources", content: { intro: blockViews(intro, false, "i"), entries, twoColumns: entries.length > 6 } };
}

function contentView(section: Section): Record<string, unknown> {
  const content = section.content;
  const fragments = section.fragments;
  switch (content.layout) {
    case "text":
      return { blocks: blockViews(content.blocks, fragments, "b") };
    case "summary":
    case "timeline":
    case "stats":
      return {
        intro: blockViews(content.intro, false, "i"),
        items: content.items.map((item, index) => ({ ...item, key: `n${index}`, kind: itemKind(content.layout) })),
        outro: blockViews(content.outro, false, "o"),
        start: content.start ?? 1,
        count: content.items.length,
        horizontal: content.layout === "timeline" && content.items.length <= 4,
      };
    case "quote":
      return { quoteHtml: content.quoteHtml, attribution: content.attribution, blocks: blockViews(content.blocks, false, "b") };
    case "columns":
      return {
        intro: blockViews(content.intro, false, "i"),
        columns: content.columns.map((column, index) => ({ heading: column.heading, blocks: blockViews(column.blocks, fragments, `c${index}-`) })),
        count: content.columns.length,
      };
    case "figure":
      return { src: content.image.outputPath, alt: content.alt, caption: content.caption, creditHtml: content.creditHtml };
    case "section":
      return { subtitle: content.subtitle };
    case "sources":
      return {};
  }
}

function itemKind(layout: "summary" | "timeline" | "stats"): string {
  return layout === "summary" ? "key judgment" : layout === "timeline" ? "timeline entry" : "figure tile";
}

const BLOCK_KINDS: Record<Block["kind"], string> = {
  paragraph: "paragraph", list: "list", table: "table", blockquote: "quotation", code: "code block",
  heading: "subheading", image: "image", html: "HTML block", rule: "rule",
};

export function blockViews(blocks: Block[], fragments: boolean, prefix: string): BlockView[] {
  return blocks.map((block, index) => {
    const key = `${prefix}${index}`;
    const view: BlockView = { key, html: block.html, kind: BLOCK_KINDS[block.kind] };
    if (block.kind === "list" && block.items) {
      view.list = {
        tag: block.ordered ? "ol" : "ul",
        ...(block.ordered && block.start !== undefined && block.start !== 1 ? { start: block.start } : {}),
        items: block.items.map((html, item) => ({ key: `${key}.${item}`, html, kind: "list item" })),
        fragment: fragments,
      };
    }
    if (block.kind === "table" && block.rows) {
      view.table = { head: block.head ?? "", rows: block.rows.map((html, row) => ({ key: `${key}.r${row}`, html, kind: "table row" })) };
    }
    return view;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
