import type { Tokens } from "marked";
import type { Diagnostics } from "../../core/diagnostics.js";
import { CHART_TYPES } from "../../core/model.js";
import type { ChartData, ChartType, SectionContent } from "../../core/model.js";
import { readGrid, splitTableRow } from "./chart-grid.js";
import type { Grid } from "./chart-grid.js";
import { resolveImagePath } from "./images.js";
import type { PositionedToken } from "./markdown.js";
import type { LayoutOption } from "./sections.js";
import { readVegaLite } from "./vega-lite-spec.js";
import type { LayoutInput } from "./layout-input.js";


/** Chart types whose value axis may start above zero: a bar's length is its value, so bars start at zero. */
const MAY_START_ABOVE_ZERO: ReadonlySet<ChartType> = new Set(["line", "dot"]);

/**
 * `## Title {layout=chart chart=line unit="US$ bn"}` over one Markdown
 * table, a `data=file.csv`, or a ```vega-lite block. Whatever else the
 * section holds is the caption and credit.
 */
export function readChart(input: LayoutInput): SectionContent {
  const { section, diagnostics } = input;
  const tokens = input.tokens.filter((item) => item.token.type !== "space" && item.token.type !== "def");
  const tables = tokens.filter((item) => item.token.type === "table");
  const specs = tokens.filter((item) => item.token.type === "code" && /^vega-lite\b/.test((item.token as Tokens.Code).lang ?? ""));
  const data = section.options.get("data");
  const caption = tokens.filter((item) => !tables.includes(item) && !specs.includes(item));
  const captionHtml = caption.map((item) => input.markdown.renderBlock(item)).join("\n");
  const withCaption = <T extends SectionContent>(content: T): T => (captionHtml === "" ? content : { ...content, captionHtml });

  const sources = tables.length + specs.length + (data ? 1 : 0);
  if (sources > 1) {
    const second = [...tables, ...specs].sort((a, b) => a.line - b.line)[data ? 0 : 1];
    diagnostics.error(second?.line ?? section.line, 1, "a chart section holds one chart: use one table, one data=file.csv or one ```vega-lite block, and split the others into sections of their own");
  }
  const spec = specs[0];
  if (spec && !data && tables.length === 0) {
    for (const [name, option] of section.options) {
      diagnostics.error(section.line, option.column, `attribute "${name}" does not apply to a \`\`\`vega-lite chart: remove it and set it in the spec`);
    }
    return withCaption({ layout: "chart", figure: readVegaLite(spec, input.baseDir, diagnostics) });
  }

  const type = chartType(section.options.get("chart"), section.line, diagnostics);
  const chart: ChartData = {
    kind: "data",
    type,
    xLabel: "",
    xKind: "category",
    categories: [],
    series: [],
    labels: flag(section.options.get("labels"), "labels", section.line, diagnostics),
    start: startOption(section.options.get("start"), type, section.line, diagnostics),
    source: { kind: "table", line: section.line },
  };
  for (const name of ["unit", "title", "highlight"] as const) {
    const option = section.options.get(name);
    if (option === undefined) continue;
    if (option.bare || option.value.trim() === "") diagnostics.error(section.line, option.column, `${name} needs a value: write ${name}="…"`);
    else chart[name] = option.value.trim();
  }

  if (data) {
    const resolved = resolveImagePath(data.value, input.baseDir, "data file");
    if (!resolved.ok) diagnostics.error(section.line, data.column, resolved.message);
    else if (!/\.csv$/i.test(resolved.contentPath)) diagnostics.error(section.line, data.column, `data file "${data.value}" is not a .csv file: save the data as CSV (comma-separated, header row first)`);
    else chart.source = { kind: "csv", src: data.value, contentPath: resolved.contentPath, position: { file: diagnostics.file, line: section.line, column: data.column } };
    return withCaption({ layout: "chart", figure: chart });
  }
  const table = tables[0];
  if (!table) {
    diagnostics.error(section.line, 1, "chart layout needs its data: add a Markdown table (first column categories, one column per series), data=file.csv, or a ```vega-lite block");
    return withCaption({ layout: "chart", figure: chart });
  }
  chart.source = { kind: "table", line: table.line };
  const read = readGrid(tableGrid(table), type, input.lang, diagnostics);
  if (read) {
    Object.assign(chart, read);
    checkHighlight(chart, section.options.get("highlight"), section.line, diagnostics);
  }
  return withCaption({ layout: "chart", figure: chart });
}

/** The table's cells with their places, read from its own text (marked pads ragged rows, which would hide them). */
function tableGrid(table: PositionedToken): Grid {
  const lines = table.token.raw.replace(/\n+$/, "").split("\n");
  const cells = lines.map((text, index) => splitTableRow(text, table.line + index));
  return { header: cells[0] ?? [], rows: cells.slice(2), line: table.line };
}

/** `highlight=NAME` must name a series, or nothing would be highlighted. */
export function checkHighlight(chart: ChartData, option: LayoutOption | undefined, line: number, diagnostics: Diagnostics): void {
  if (chart.highlight === undefined || chart.series.length === 0) return;
  if (chart.series.some((series) => series.name === chart.highlight)) return;
  const names = chart.series.map((series) => series.name);
  const near = closest(chart.highlight, names);
  diagnostics.error(line, option?.column ?? 1, `highlight "${chart.highlight}" is not a series of this chart${near ? `; did you mean "${near}"?` : ""}: use one of ${names.map((name) => `"${name}"`).join(", ")}`);
}

function chartType(option: LayoutOption | undefined, line: number, diagnostics: Diagnostics): ChartType {
  if (!option) return "column";
  const value = option.value.trim().toLowerCase();
  if ((CHART_TYPES as readonly string[]).includes(value)) return value as ChartType;
  const near = closest(value, CHART_TYPES);
  diagnostics.error(line, option.column, `unknown chart type "${option.value}"${near ? `; did you mean "${near}"?` : ""}: use one of ${CHART_TYPES.join(", ")}`);
  return "column";
}

function flag(option: LayoutOption | undefined, name: string, line: number, diagnostics: Diagnostics): boolean {
  if (!option) return false;
  if (option.bare || option.value === "true" || option.value === "yes") return true;
  if (option.value === "false" || option.value === "no") return false;
  diagnostics.error(line, option.column, `${name} takes no value: write ${name} to print the values, or leave it out`);
  return false;
}

function startOption(option: LayoutOption | undefined, type: ChartType, line: number, diagnostics: Diagnostics): "zero" | "auto" {
  const fallback = MAY_START_ABOVE_ZERO.has(type) ? "auto" : "zero";
  if (!option) return fallback;
  if (option.value === "0" || option.value === "zero") return "zero";
  if (option.value === "auto") {
    if (MAY_START_ABOVE_ZERO.has(type)) return "auto";
    diagnostics.error(line, option.column, `a ${type} chart's axis starts at zero, since a bar's or area's size shows its value: remove start=auto, or use chart=line or chart=dot`);
    return "zero";
  }
  diagnostics.error(line, option.column, `start takes 0 or auto, not "${option.value}": write start=0 or start=auto`);
  return fallback;
}

/** The candidate within two edits of `word`, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
