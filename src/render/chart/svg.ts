import type { Diagnostic } from "../../core/diagnostics.js";
import type { Briefing, ChartFigure, Section, VegaLiteChart } from "../../core/model.js";
import { escapeHtml as escapeAttribute } from "../../core/html.js";
import { chartTableHtml, describeChart, describeVegaLite, vegaLiteTableHtml } from "./describe.js";
import { CHART_HEIGHT, CHART_WIDTH, chartSpec } from "./spec.js";
import { chartTheme } from "./theme.js";
import type { ChartTheme } from "./theme.js";
// Types only: the libraries themselves are imported on first use.
import type * as VegaModule from "vega";
import type * as VegaLiteModule from "vega-lite";

/** A chart drawn for the deck: inline SVG and its data as a table for screen readers. */
export interface ChartArt {
  svg: string;
  tableHtml: string;
}

/** Drawn charts by the model object they were drawn from; filled by `drawCharts` before rendering. */
const drawn = new WeakMap<ChartFigure, ChartArt>();

type Vega = typeof VegaModule;
type VegaLite = typeof VegaLiteModule;
let libraries: Promise<{ vega: Vega; vegaLite: VegaLite }> | undefined;

/** Vega is large: it is loaded only when a briefing has a chart. */
function loadLibraries(): Promise<{ vega: Vega; vegaLite: VegaLite }> {
  libraries ??= Promise.all([import("vega"), import("vega-lite")]).then(([vega, vegaLite]) => ({ vega, vegaLite }));
  return libraries;
}

/**
 * Draws every chart of the briefing to static SVG, at build time, so the
 * deck carries no chart code. A spec Vega cannot draw is an error at its block.
 */
export async function drawCharts(briefing: Briefing, themeCss: string): Promise<Diagnostic[]> {
  const sections = briefing.sections.filter((section) => section.content.layout === "chart");
  if (sections.length === 0) return [];
  const { vega, vegaLite } = await loadLibraries();
  const theme = chartTheme(themeCss);
  const problems: Diagnostic[] = [];
  for (const section of sections) {
    if (section.content.layout !== "chart") continue;
    const figure = section.content.figure;
    try {
      drawn.set(figure, await drawFigure(figure, section, briefing.meta.lang, theme, vega, vegaLite));
    } catch (error) {
      const line = figure.kind === "vega-lite" ? figure.line : section.position.line;
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ file: briefing.file, line, column: 1, severity: "error", message: `chart cannot be drawn: ${message.split("\n")[0]}: check the spec against the Vega-Lite documentation` });
    }
  }
  return problems;
}

/** The drawing of a chart; `drawCharts` must have run for its briefing. */
export function chartArt(figure: ChartFigure): ChartArt {
  const art = drawn.get(figure);
  if (!art) throw new Error("chart rendered before it was drawn: call drawCharts(briefing) first");
  return art;
}

async function drawFigure(figure: ChartFigure, section: Section, lang: string, theme: ChartTheme, vega: Vega, vegaLite: VegaLite): Promise<ChartArt> {
  const bySeries = section.fragments && figure.kind === "data" && figure.series.length > 1;
  const spec = figure.kind === "data" ? chartSpec(figure, theme, lang, { bySeries }) : userSpec(figure, theme, lang);
  const compiled = vegaLite.compile(spec as never, { logger: silentLogger(vega) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", loader: offlineLoader() as never, logLevel: vega.None });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const words = figure.kind === "data" ? describeChart(figure, section.heading, lang) : describeVegaLite(figure, section.heading);
  const seriesCount = figure.kind === "data" ? figure.series.length : 0;
  return {
    svg: cleanSvg(svg, section.id, words, section.fragments ? seriesCount : 0),
    tableHtml: figure.kind === "data" ? chartTableHtml(figure, section.heading, lang) : vegaLiteTableHtml(figure, section.heading),
  };
}

/** A user's spec in the deck's look: the theme's config under the spec's own, the slide's size unless it sets one. */
function userSpec(chart: VegaLiteChart, theme: ChartTheme, lang: string): Record<string, unknown> {
  const base = chartSpec({ kind: "data", type: "column", xLabel: "", xKind: "category", categories: [], series: [], labels: false, start: "zero", source: { kind: "table", line: chart.line } }, theme, lang);
  const config = { ...(base.config as Record<string, unknown>), ...((chart.spec.config as Record<string, unknown> | undefined) ?? {}) };
  const sized = "width" in chart.spec || "height" in chart.spec || !("mark" in chart.spec || "layer" in chart.spec)
    ? {}
    : { width: CHART_WIDTH, height: CHART_HEIGHT, autosize: { type: "fit", contains: "padding" } };
  return { background: null, padding: 4, ...sized, ...structuredClone(chart.spec), config };
}

/** Vega's SVG made an accessible, self-contained part of the slide. */
export function cleanSvg(svg: string, id: string, words: { title: string; description: string }, fragmentSeries: number): string {
  const open = /^<svg[^>]*>/.exec(svg)?.[0] ?? "";
  const width = /width="([\d.]+)"/.exec(open)?.[1] ?? String(CHART_WIDTH);
  const height = /height="([\d.]+)"/.exec(open)?.[1] ?? String(CHART_HEIGHT);
  let body = svg.slice(open.length)
    // The whole chart is one image to assistive technology: Vega's own roles and labels inside it would be read as parts.
    .replace(/ (?:role|aria-roledescription|aria-label|aria-hidden|pointer-events)="[^"]*"/g, "")
    // An empty "foreground" path per group, drawn nowhere.
    .replace(/<path class="foreground" d="" display="none"\/>/g, "")
    .replace(/<path class="background" d="M0,0h0v0h0Z"\/>/g, "");
  // Series after the first appear one by one; a series' labels come with it.
  for (let index = 1; index < fragmentSeries; index++) {
    body = body.replace(new RegExp(`<g class="([^"]*\\b(?:series|labels)${index}_marks)"`, "g"), `<g class="$1 fragment" data-fragment-index="${index}"`);
  }
  const titleId = `${id}-chart-title`;
  const descId = `${id}-chart-desc`;
  return `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeAttribute(words.title)}" aria-labelledby="${titleId}" aria-describedby="${descId}" focusable="false">`
    + `<title id="${titleId}">${escapeAttribute(words.title)}</title><desc id="${descId}">${escapeAttribute(words.description)}</desc>${body}`;
}

/** Decks stay offline: a chart may load nothing, whatever its spec says. */
function offlineLoader(): Record<string, unknown> {
  const refuse = (): Promise<never> => Promise.reject(new Error("charts may not load files or URLs; inline the data or name a CSV beside the briefing"));
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** Vega-Lite's warnings (a channel it dropped, a scale it adjusted) are not the reader's problem. */
function silentLogger(vega: Vega): never {
  const logger = vega.logger(vega.None);
  return logger as never;
}
