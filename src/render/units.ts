import { footnoteMarkersIn } from "../input/parse/footnote-ref.js";
import { splitSentences } from "./sentences.js";
import type { BlockView, HtmlUnit, SlideContent, UnitView } from "./slide-views.js";

/**
 * The units of a slide's content, in page order: what fitting measures
 * (`data-unit` in the page) and may move to a continuation slide.
 */
export function unitsOf(content: SlideContent): UnitView[] {
  switch (content.layout) {
    case "text":
    case "quote":
      return blockUnits(content.blocks);
    case "summary":
    case "timeline":
    case "stats":
      return [...blockUnits(content.intro), ...content.items, ...blockUnits(content.outro)];
    case "columns":
      return [...blockUnits(content.intro), ...content.columns.flatMap((column) => blockUnits(column.blocks))];
    case "sources":
      return [...blockUnits(content.intro), ...content.entries];
    case "agenda":
      return content.items;
    case "title":
    case "figure":
    case "chart":
    case "section":
      return [];
  }
}

/**
 * The markers of the footnotes a slide's content cites: those of its units,
 * and of what stays on every part of a split section (table headers).
 */
export function footnotesCitedBy(content: SlideContent): Set<string> {
  const cited = new Set(unitsOf(content).flatMap((unit) => unit.footnotes));
  for (const marker of fixedFootnotes(content)) cited.add(marker);
  return cited;
}

/** Footnotes cited outside any unit: they stay with the slide whatever fitting moves. */
function fixedFootnotes(content: SlideContent): string[] {
  switch (content.layout) {
    case "title":
      return footnoteMarkersIn(content.ledeHtml);
    case "quote":
      return [...footnoteMarkersIn(content.quoteHtml), ...tableHeadFootnotes(content.blocks)];
    case "figure":
      return footnoteMarkersIn(content.creditHtml ?? "");
    case "chart":
      return footnoteMarkersIn(content.captionHtml ?? "");
    case "text":
      return tableHeadFootnotes(content.blocks);
    case "summary":
    case "timeline":
    case "stats":
      return tableHeadFootnotes([...content.intro, ...content.outro]);
    case "columns":
      return tableHeadFootnotes([...content.intro, ...content.columns.flatMap((column) => column.blocks)]);
    case "sources":
      return tableHeadFootnotes(content.intro);
    case "agenda":
    case "section":
      return [];
  }
}

function tableHeadFootnotes(blocks: BlockView[]): string[] {
  return blocks.flatMap((block) => block.table?.headFootnotes ?? []);
}

/** Blocks as units: a list's items, a table's rows and a split paragraph's sentences are units of their own. */
function blockUnits(blocks: BlockView[]): UnitView[] {
  return blocks.flatMap((block): UnitView[] => block.table?.rows ?? block.list?.items ?? block.sentences ?? [block]);
}

/** True when a paragraph of the content is cut between sentences (it continues on another slide). */
export function continuesBetweenSentences(content: SlideContent): boolean {
  return blocksOf(content).some((block) => block.sentences !== undefined);
}

/** The blocks of a slide's content, in page order. */
function blocksOf(content: SlideContent): BlockView[] {
  switch (content.layout) {
    case "text":
    case "quote":
      return content.blocks;
    case "summary":
    case "timeline":
    case "stats":
      return [...content.intro, ...content.outro];
    case "columns":
      return [...content.intro, ...content.columns.flatMap((column) => column.blocks)];
    case "sources":
      return content.intro;
    default:
      return [];
  }
}

/** The unit keys of a paragraph's sentences, as fitting names them. */
export function sentenceKey(blockKey: string, index: number): string {
  return `${blockKey}.s${index}`;
}

/** A paragraph's sentences as units of their own (undefined when it is one sentence, or not a paragraph). */
export function sentenceUnits(block: Pick<HtmlUnit, "key" | "html">): HtmlUnit[] | undefined {
  return splitSentences(block.html)?.map((html, index) => ({
    key: sentenceKey(block.key, index),
    html,
    noun: "sentence",
    reflows: true,
    splits: false,
    footnotes: footnoteMarkersIn(html),
  }));
}

/** Keeps only the units whose keys are given; ordered lists keep their numbering. */
export function sliceContent(content: SlideContent, keys: ReadonlySet<string>): SlideContent {
  switch (content.layout) {
    case "text":
    case "quote":
      return { ...content, blocks: sliceBlocks(content.blocks, keys) };
    case "summary":
    case "timeline":
    case "stats": {
      const items = content.items.filter((item) => keys.has(item.key));
      const first = items[0];
      return {
        ...content,
        intro: sliceBlocks(content.intro, keys),
        items,
        outro: sliceBlocks(content.outro, keys),
        start: first ? content.start + content.items.indexOf(first) : content.start,
        count: items.length,
      };
    }
    case "columns":
      return { ...content, intro: sliceBlocks(content.intro, keys), columns: content.columns.map((column) => ({ ...column, blocks: sliceBlocks(column.blocks, keys) })) };
    case "sources":
      return { ...content, intro: sliceBlocks(content.intro, keys), entries: content.entries.filter((entry) => keys.has(entry.key)) };
    case "agenda":
      return { ...content, items: content.items.filter((item) => keys.has(item.key)) };
    case "title":
    case "figure":
    case "chart":
    case "section":
      return content;
  }
}

/** Gives split tables the column widths of the whole table, so columns do not move between parts. */
export function pinColumns(content: SlideContent, columns: Record<string, number[]>): SlideContent {
  const pin = (blocks: BlockView[]): BlockView[] => blocks.map((block) => {
    const widths = columns[block.key];
    return block.table && widths ? { ...block, table: { ...block.table, columns: widths } } : block;
  });
  switch (content.layout) {
    case "text":
    case "quote":
      return { ...content, blocks: pin(content.blocks) };
    case "summary":
    case "timeline":
    case "stats":
      return { ...content, intro: pin(content.intro), outro: pin(content.outro) };
    case "columns":
    case "sources":
      return { ...content, intro: pin(content.intro) };
    default:
      return content;
  }
}

function sliceBlocks(blocks: BlockView[], keys: ReadonlySet<string>): BlockView[] {
  const kept: BlockView[] = [];
  for (const block of blocks) {
    if (!block.list && !block.table && !keys.has(block.key)) {
      const sentences = (sentenceUnits(block) ?? []).filter((sentence) => keys.has(sentence.key));
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
