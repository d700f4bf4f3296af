import type { Diagnostics } from "../../core/diagnostics.js";
import type { ChartSeries, ChartType, ChartXKind } from "../../core/model.js";

/** One cell of a chart's data, where it was written. */
export interface GridCell {
  text: string;
  line: number;
  column: number;
}

/** A header row and data rows, from a Markdown table or a CSV file. */
export interface Grid {
  header: GridCell[];
  rows: GridCell[][];
  /** Where the data starts, for an empty table. */
  line: number;
}

export interface GridData {
  xLabel: string;
  xKind: ChartXKind;
  categories: string[];
  series: ChartSeries[];
}

/** Series a chart can tell apart, in colour and in greyscale. */
export const MAX_SERIES = 5;

/**
 * How many categories a slide can label: bars stack their labels down the
 * slide, columns along it; lines, areas and dots over time label ticks, not
 * every point.
 */
export function maxCategories(type: ChartType, xKind: ChartXKind): number {
  if (type === "bar") return 15;
  if (xKind !== "category" && (type === "line" || type === "area" || type === "dot")) return 60;
  return 24;
}

/** Cells that mean "no value here" rather than a mistake. */
const MISSING = new Set(["", "-", "–", "—", "n/a", "na", "..", "…"]);

/**
 * Reads the grid as categories and numeric series, reporting every bad
 * cell at its place. Returns undefined when the data cannot make a chart.
 */
export function readGrid(grid: Grid, type: ChartType, lang: string, diagnostics: Diagnostics): GridData | undefined {
  const errorsBefore = diagnostics.items.filter((d) => d.severity === "error").length;
  const first = grid.header[0];
  if (!first || grid.header.length < 2) {
    const at = first ?? { line: grid.line, column: 1 };
    diagnostics.error(at.line, at.column, "chart data needs a first column of categories and at least one column of numbers: add a column per series");
    return undefined;
  }
  if (grid.rows.length === 0) {
    diagnostics.error(first.line, first.column, "chart table is empty: add one row per category under the header");
    return undefined;
  }
  const width = grid.header.length;
  const series: ChartSeries[] = grid.header.slice(1).map((cell) => ({ name: cell.text, values: [] }));
  for (const [index, cell] of grid.header.entries()) {
    if (index > 0 && cell.text === "") diagnostics.error(cell.line, cell.column, "series column has no name: write the series' name in the header");
    const twin = grid.header.findIndex((other) => other.text === cell.text);
    if (index > 0 && cell.text !== "" && twin < index) diagnostics.error(cell.line, cell.column, `series "${cell.text}" is named twice: give each column its own name`);
  }
  if (series.length > MAX_SERIES) {
    const extra = grid.header[MAX_SERIES + 1] ?? first;
    diagnostics.error(extra.line, extra.column, `a chart shows at most ${MAX_SERIES} series so that each stays distinguishable; this one has ${series.length}: keep the most important, or split them over two charts`);
  }
  const categories: string[] = [];
  const seen = new Map<string, number>();
  for (const row of grid.rows) {
    const lead = row[0];
    if (!lead) continue;
    if (row.length !== width) {
      const at = row[Math.min(row.length, width)] ?? row[row.length - 1] ?? lead;
      diagnostics.error(at.line, at.column, `row has ${row.length} cell${row.length === 1 ? "" : "s"} but the header has ${width}: give every row a category and one value per series`);
    }
    if (lead.text === "") diagnostics.error(lead.line, lead.column, "row has no category: write its label in the first column");
    else if (seen.has(lead.text)) diagnostics.error(lead.line, lead.column, `category "${lead.text}" appears twice (first on line ${seen.get(lead.text)}): merge the rows`);
    else seen.set(lead.text, lead.line);
    categories.push(lead.text);
    for (const [index, entry] of series.entries()) {
      const cell = row[index + 1];
      entry.values.push(cell ? readValue(cell, lang, diagnostics) : null);
    }
  }
  for (const [index, entry] of series.entries()) {
    const head = grid.header[index + 1];
    if (head && entry.values.every((value) => value === null)) {
      diagnostics.error(head.line, head.column, `series "${entry.name}" has no values: fill in its column or remove it`);
    }
  }
  const xKind = kindOf(categories);
  const limit = maxCategories(type, xKind);
  if (categories.length > limit) {
    const extra = grid.rows[limit]?.[0] ?? first;
    diagnostics.error(extra.line, extra.column, `${categories.length} categories are more than a ${type} chart can label on a slide (${limit} fit): group them, keep the most important, or split the chart`);
  }
  const errorsAfter = diagnostics.items.filter((d) => d.severity === "error").length;
  if (errorsAfter > errorsBefore) return undefined;
  return { xLabel: first.text, xKind, categories, series };
}

/** Years and ISO dates are time; anything else is a plain category. */
function kindOf(categories: string[]): ChartXKind {
  if (categories.every((text) => /^\d{4}$/.test(text))) return "year";
  if (categories.every((text) => isIsoDate(text))) return "date";
  return "category";
}

function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function readValue(cell: GridCell, lang: string, diagnostics: Diagnostics): number | null {
  if (MISSING.has(cell.text.toLowerCase())) return null;
  const value = parseNumber(cell.text, lang);
  if (value === undefined) {
    const { decimal } = separators(lang);
    diagnostics.error(cell.line, cell.column, `"${cell.text}" is not a number: write digits${decimal === "," ? " with a decimal comma (1,5)" : " with a decimal point (1.5)"}, or leave the cell empty for no value`);
    return null;
  }
  return value;
}

/**
 * A number as the briefing's language writes it: `1,234.5` in English,
 * `1.234,5` in German, `1 234,5` in French. A trailing % is allowed.
 */
export function parseNumber(text: string, lang: string): number | undefined {
  const { decimal } = separators(lang);
  let body = text.trim().replace(/%$/, "").trim().replace(/^[−–]/, "-");
  const group = decimal === "," ? "[.\\s\\u00a0\\u202f']" : "[,\\s\\u00a0\\u202f']";
  // Separators only between groups of three digits: "1,5" in English is a mistake, not 15.
  const integer = body.replace(/^[+-]/, "").split(decimal)[0] ?? "";
  if (new RegExp(group).test(integer) && !new RegExp(`^\\d{1,3}(?:${group}\\d{3})+$`).test(integer)) return undefined;
  body = body.replace(new RegExp(group, "g"), "");
  if (decimal === ",") body = body.replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return undefined;
  const value = Number(body);
  return Number.isFinite(value) ? value : undefined;
}

const separatorCache = new Map<string, { decimal: string; group: string }>();

/** The decimal sign and thousands separator of a language, from the platform's locale data. */
export function separators(lang: string): { decimal: string; group: string } {
  let found = separatorCache.get(lang);
  if (!found) {
    let parts: Intl.NumberFormatPart[];
    try {
      parts = new Intl.NumberFormat(lang).formatToParts(1234567.5);
    } catch {
      parts = new Intl.NumberFormat("en").formatToParts(1234567.5);
    }
    found = {
      decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
      group: parts.find((part) => part.type === "group")?.value ?? ",",
    };
    separatorCache.set(lang, found);
  }
  return found;
}

/** Splits one Markdown table row into cells, each with its column; `\|` is a pipe inside a cell. */
export function splitTableRow(text: string, line: number): GridCell[] {
  const cells: GridCell[] = [];
  let index = text.length - text.trimStart().length;
  if (text[index] === "|") index++;
  const end = text.trimEnd().endsWith("|") && !text.trimEnd().endsWith("\\|") ? text.trimEnd().length - 1 : text.trimEnd().length;
  let start = index;
  const push = (stop: number): void => {
    const raw = text.slice(start, stop);
    const lead = raw.length - raw.trimStart().length;
    cells.push({ text: cellText(raw.trim()), line, column: start + lead + 1 });
  };
  for (; index < end; index++) {
    if (text[index] === "\\") {
      index++;
      continue;
    }
    if (text[index] === "|") {
      push(index);
      start = index + 1;
    }
  }
  push(end);
  return cells;
}

/** A cell's words without Markdown emphasis or escapes: `**1.8**` is 1.8. */
function cellText(raw: string): string {
  return raw.replace(/^(\*\*|__|\*|_|`)(.*)\1$/, "$2").replace(/\\([\\|*_`])/g, "$1").trim();
}
