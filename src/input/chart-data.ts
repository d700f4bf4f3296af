import { readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { Diagnostics } from "../core/diagnostics.js";
import type { Diagnostic } from "../core/diagnostics.js";
import type { Briefing, ChartData, SourcePosition, VegaLiteChart } from "../core/model.js";
import { displayPath } from "./discover.js";
import { parseCsv } from "./csv.js";
import { readGrid } from "./parse/chart-grid.js";
import { checkHighlight } from "./parse/chart.js";

/** Larger data files are not slide material; the limit also keeps a build's memory bounded. */
const MAX_CSV_BYTES = 2 * 1024 * 1024;

/**
 * Reads the CSV files charts name (`data=file.csv`, a spec's `data.url`)
 * into the model, after parsing: bad cells are reported in the CSV file at
 * their line and column; a missing file at the attribute that names it.
 */
export function loadChartData(briefing: Briefing, contentDir: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const section of briefing.sections) {
    if (section.content.layout !== "chart") continue;
    const figure = section.content.figure;
    if (figure.kind === "data") problems.push(...loadTable(figure, briefing, contentDir));
    else problems.push(...loadSpecData(figure, contentDir));
  }
  return problems;
}

/** The CSV files a briefing's charts read, relative to the content folder. */
export function chartDataFiles(briefing: Briefing): string[] {
  const files: string[] = [];
  for (const section of briefing.sections) {
    if (section.content.layout !== "chart") continue;
    const figure = section.content.figure;
    if (figure.kind === "data" && figure.source.kind === "csv") files.push(figure.source.contentPath);
    if (figure.kind === "vega-lite") files.push(...figure.csvFiles.map((file) => file.contentPath));
  }
  return files;
}

function loadTable(chart: ChartData, briefing: Briefing, contentDir: string): Diagnostic[] {
  if (chart.source.kind !== "csv") return [];
  const { src, contentPath, position } = chart.source;
  const read = readContentFile(src, contentPath, position, contentDir);
  if (typeof read !== "string") return [read];
  const diagnostics = new Diagnostics(displayPath(join(contentDir, ...contentPath.split("/"))));
  const cells = parseCsv(readFileSync(join(contentDir, ...contentPath.split("/")), "utf8"));
  const grid = readGrid({ header: cells[0] ?? [], rows: cells.slice(1), line: 1 }, chart.type, briefing.meta.lang, diagnostics);
  if (grid) Object.assign(chart, grid);
  const headingDiagnostics = new Diagnostics(position.file);
  if (grid) checkHighlight(chart, chart.highlight === undefined ? undefined : { value: chart.highlight, bare: false, column: position.column }, position.line, headingDiagnostics);
  return [...diagnostics.items, ...headingDiagnostics.items];
}

function loadSpecData(chart: VegaLiteChart, contentDir: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const file of chart.csvFiles) {
    const read = readContentFile(file.url, file.contentPath, file.position, contentDir);
    if (typeof read !== "string") {
      problems.push(read);
      continue;
    }
    const cells = parseCsv(readFileSync(join(contentDir, ...file.contentPath.split("/")), "utf8"));
    const header = (cells[0] ?? []).map((cell) => cell.text);
    const values = cells.slice(1).map((row) => Object.fromEntries(header.map((name, index) => [name, typed(row[index]?.text ?? "")])));
    replaceUrl(chart.spec, file.url, values);
  }
  return problems;
}

/** Spec data names its file by `url`; the deck gets the rows instead. */
function replaceUrl(value: unknown, url: string, rows: Record<string, unknown>[]): void {
  if (typeof value !== "object" || value === null) return;
  for (const child of Array.isArray(value) ? value : Object.values(value)) replaceUrl(child, url, rows);
  const object = value as Record<string, unknown>;
  const data = object.data as Record<string, unknown> | undefined;
  if (data && typeof data === "object" && data.url === url) object.data = { values: rows };
}

/** A CSV cell as Vega would type it: plain numbers become numbers. */
function typed(text: string): string | number | null {
  if (text === "") return null;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : text;
}

/** "" when the file is readable inside the content folder, else the problem at `position`. */
function readContentFile(src: string, contentPath: string, position: SourcePosition, contentDir: string): string | Diagnostic {
  const at = { ...position, severity: "error" as const };
  const path = join(contentDir, ...contentPath.split("/"));
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { ...at, message: `data file "${src}" not found (looked for ${contentPath} in the content folder): check the path` };
  }
  const inside = relative(realpathSync(contentDir), real);
  if (inside.startsWith("..") || isAbsolute(inside)) return { ...at, message: `data file "${src}" points outside the content folder: copy the file into it` };
  const stats = statSync(real);
  if (!stats.isFile()) return { ...at, message: `data file "${src}" is a folder, not a file: point to the CSV file itself` };
  if (stats.size > MAX_CSV_BYTES) return { ...at, message: `data file "${src}" is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: a slide shows a summary, so aggregate the data first` };
  return "";
}
