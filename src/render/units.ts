import { footnoteRefsIn } from "../input/parse/footnote-ref.js";
import type { BlockView, SlideContent, UnitView } from "./slide-views.js";

/**
 * The units of a slide's content, in page order: what fitting measures
 * (`data-unit` in the page) and may move to a continuation slide.
 */
export function unitsOf(content: SlideContent): UnitView[] {
  switch (content.layout) {
    case "text":
      return blockUnits(content.blocks);
    case "summary":
    case "timeline":
    case "stats":
      return [...blockUnits(content.intro), ...content.items, ...blockUnits(content.outro)];
    case "quote":
      return blockUnits(content.blocks);
    case "columns":
      return [...blockUnits(content.intro), ...content.columns.flatMap((column) => blockUnits(column.blocks))];
    case "sources":
      return [...blockUnits(content.intro), ...content.entries];
    case "agenda":
      return content.items;
    case "title":
    case "figure":
    case "section":
      return [];
  }
}

/** The footnotes cited anywhere in the content: in its units, table headers and fixed parts. */
export function footnotesIn(content: SlideContent): Set<number> {
  const cited = new Set(unitsOf(content).flatMap((unit) => unit.footnotes));
  for (const html of fixedHtml(content)) for (const number of footnoteRefsIn(html)) cited.add(number);
  return cited;
}

/** HTML of a slide that is not in a unit: it stays on the slide whatever fitting moves. */
function fixedHtml(content: SlideContent): string[] {
  switch (content.layout) {
    case "title":
      return [content.ledeHtml];
    case "quote":
      return [content.quoteHtml, ...tableHeads(content.blocks)];
    case "figure":
      return [content.creditHtml ?? ""];
    case "text":
      return tableHeads(content.blocks);
    case "summary":
    case "timeline":
    case "stats":
      return tableHeads([...content.intro, ...content.outro]);
    case "columns":
      return tableHeads([...content.intro, ...content.columns.flatMap((column) => column.blocks)]);
    case "sources":
      return tableHeads(content.intro);
    case "agenda":
    case "section":
      return [];
  }
}

/** A table's header repeats on every slide its rows are on. */
function tableHeads(blocks: BlockView[]): string[] {
  return blocks.flatMap((block) => (block.table ? [block.table.head] : []));
}

/** Keeps only the units whose keys are given; ordered lists keep their numbering. */
export function sliceContent(content: SlideContent, keys: ReadonlySet<string>): SlideContent {
  switch (content.layout) {
    case "text":
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
    case "quote":
      return { ...content, blocks: sliceBlocks(content.blocks, keys) };
    case "columns":
      return { ...content, intro: sliceBlocks(content.intro, keys), columns: content.columns.map((column) => ({ ...column, blocks: sliceBlocks(column.blocks, keys) })) };
    case "sources":
      return { ...content, intro: sliceBlocks(content.intro, keys), entries: content.entries.filter((entry) => keys.has(entry.key)) };
    case "agenda":
      return { ...content, items: content.items.filter((item) => keys.has(item.key)) };
    case "title":
    case "figure":
    case "section":
      return content;
  }
}

/** Blocks as units: a list's items and a table's rows are units of their own. */
function blockUnits(blocks: BlockView[]): UnitView[] {
  return blocks.flatMap((block): UnitView[] => block.table ? block.table.rows : block.list ? block.list.items : [block]);
}

function sliceBlocks(blocks: BlockView[], keys: ReadonlySet<string>): BlockView[] {
  const kept: BlockView[] = [];
  for (const block of blocks) {
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
