import type { ChartData } from "../../core/model.js";
import type { ChartTheme } from "./theme.js";
import { numberFormatter, vegaLocale } from "./locale.js";

/** The chart's drawing size in the slide's px; the page scales it to the room under the heading. */
export const CHART_WIDTH = 1152;
export const CHART_HEIGHT = 460;

const DASHES = [[1, 0], [10, 5], [3, 4], [14, 4, 3, 4], [6, 6]];
const SHAPES = ["circle", "square", "triangle-up", "diamond", "cross"];

/** One drawn value: a category, a series and where the mark goes. */
interface Row {
  x: string | number;
  series: string;
  value: number;
  /** For stacked bars: the segment's ends. */
  low?: number;
  high?: number;
  middle?: number;
  label: string;
  /** The label's colour: ink, or white inside a dark stacked segment. */
  ink: string;
}

export interface ChartSpecOptions {
  /** One layer per series, so the deck can reveal them one by one (costs a little drawing time per series). */
  bySeries: boolean;
}

/**
 * Turns the model's chart into a Vega-Lite spec in the deck's look. With
 * `bySeries`, each series is its own layer (named `series<i>`, its labels
 * `labels<i>`) so the deck can reveal series one by one.
 */
export function chartSpec(chart: ChartData, theme: ChartTheme, lang: string, options: ChartSpecOptions = { bySeries: false }): Record<string, unknown> {
  const format = numberFormatter(lang);
  const time = chart.xKind !== "category" && (chart.type === "line" || chart.type === "area" || chart.type === "dot");
  const names = chart.series.map((series) => series.name);
  const colours = names.map((name, index) => seriesColour(chart, theme, name, index));
  const rows = chartRows(chart, time, format, (index) => (chart.type === "stacked" && isDark(colours[index] ?? "") ? "#ffffff" : theme.ink));
  const horizontal = chart.type === "bar";
  const valueTitle = axisTitle(chart);

  const category: Record<string, unknown> = time
    ? {
        field: "x", type: "temporal", scale: { type: "utc", padding: 28 }, title: null,
        axis: { grid: false, format: chart.xKind === "year" ? "%Y" : "%-d %b %Y", ...timeTicks(chart) },
      }
    : { field: "x", type: "nominal", sort: chart.categories, title: null, axis: { grid: false, labelAngle: 0, labelLimit: horizontal ? 260 : 200 } };
  const value: Record<string, unknown> = {
    field: chart.type === "stacked" ? "high" : "value",
    type: "quantitative",
    title: valueTitle,
    scale: { zero: chart.start === "zero", nice: true },
    axis: { format: ",~f", tickCount: 6, grid: true, domain: false },
  };
  const colour = {
    field: "series", type: "nominal", title: null,
    scale: { domain: names, range: colours },
    legend: names.length > 1 ? { orient: "top", direction: "horizontal", symbolType: chart.type === "line" ? "stroke" : "square", labelLimit: 400 } : null,
  };
  const encoding: Record<string, unknown> = horizontal ? { y: category, x: value } : { x: category, y: value };
  encoding.color = colour;
  if (chart.type === "column" && names.length > 1) encoding.xOffset = { field: "series", scale: { domain: names, paddingInner: 0.08 } };
  if (chart.type === "bar" && names.length > 1) encoding.yOffset = { field: "series", scale: { domain: names, paddingInner: 0.08 } };
  // Dashes and shapes tell series apart in greyscale too.
  const markEncoding: Record<string, unknown> = {};
  if (chart.type === "line" && names.length > 1) markEncoding.strokeDash = { field: "series", scale: { domain: names, range: DASHES.slice(0, names.length) }, title: null };
  if (chart.type === "dot" && names.length > 1) markEncoding.shape = { field: "series", scale: { domain: names, range: SHAPES.slice(0, names.length) }, title: null };
  if (chart.type === "stacked") markEncoding.y2 = { field: "low" };

  const groups = options.bySeries ? names.map((name) => [{ filter: { field: "series", equal: name } }]) : [[]];
  const layer = groups.flatMap((transform, index) => {
    const layers: Record<string, unknown>[] = [{ name: `series${index}`, transform, mark: seriesMark(chart), encoding: markEncoding }];
    if (chart.labels) layers.push({ name: `labels${index}`, transform, mark: labelMark(chart, theme), encoding: labelEncoding(chart) });
    return layers;
  });

  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: 4,
    background: null,
    data: { values: rows },
    encoding,
    layer,
    config: chartConfig(theme, lang),
  };
}

/** The data as drawn: missing values dropped, stacked segments computed, labels formatted for the language. */
function chartRows(chart: ChartData, time: boolean, format: (value: number) => string, ink: (series: number) => string): Row[] {
  const rows: Row[] = [];
  const positive = new Map<number, number>();
  const negative = new Map<number, number>();
  chart.series.forEach((series, seriesIndex) => {
    series.values.forEach((value, index) => {
      if (value === null) return;
      const category = chart.categories[index] ?? "";
      const x = time ? timeOf(category) : category;
      const row: Row = { x, series: series.name, value, label: format(value), ink: ink(seriesIndex) };
      if (chart.type === "stacked") {
        const sums = value >= 0 ? positive : negative;
        const low = sums.get(index) ?? 0;
        sums.set(index, low + value);
        row.low = low;
        row.high = low + value;
        row.middle = low + value / 2;
      }
      rows.push(row);
    });
  });
  return rows;
}

/** Few dates: a tick at each; many: Vega picks. Years: whole years only. */
function timeTicks(chart: ChartData): Record<string, unknown> {
  if (chart.categories.length <= 12) return { values: chart.categories.map(timeOf) };
  if (chart.xKind === "year") return { tickCount: { interval: "year", step: Math.ceil(chart.categories.length / 12) } };
  return { tickCount: 8 };
}

/** Relative luminance under 0.4: white text reads better than ink on it. */
function isDark(colour: string): boolean {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) return true;
  const [r, g, b] = [0, 2, 4].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0) < 0.4;
}

/** `2020` and `2020-03-31` as UTC milliseconds, so no build machine's time zone shifts a point. */
function timeOf(text: string): number {
  const [year, month, day] = text.split("-").map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
}

function seriesColour(chart: ChartData, theme: ChartTheme, name: string, index: number): string {
  if (chart.highlight !== undefined) {
    if (name === chart.highlight) return theme.accent;
    return theme.mutedPalette[index % theme.mutedPalette.length] ?? theme.muted;
  }
  // One series has nothing to be told apart from: it takes the deck's accent.
  if (chart.series.length === 1) return theme.accent;
  return theme.palette[index % theme.palette.length] ?? theme.ink;
}

function axisTitle(chart: ChartData): string | null {
  if (chart.title && chart.unit) return `${chart.title} (${chart.unit})`;
  return chart.title ?? chart.unit ?? null;
}

function seriesMark(chart: ChartData): Record<string, unknown> {
  switch (chart.type) {
    case "column":
    case "bar":
    case "stacked":
      return { type: "bar", ...(chart.type === "stacked" ? { stroke: "#ffffff", strokeWidth: 1 } : {}) };
    case "line":
      return { type: "line", strokeWidth: 3.5, point: { size: 70, filled: true }, interpolate: "linear" };
    case "area":
      // Several areas overlap: lighter fills, and each keeps a line of its own colour on top.
      return { type: "area", fillOpacity: chart.series.length > 1 ? 0.22 : 0.55, line: { strokeWidth: 3 } };
    case "dot":
      return { type: "point", filled: true, size: 180, opacity: 1 };
  }
}

function labelMark(chart: ChartData, theme: ChartTheme): Record<string, unknown> {
  const base = { type: "text", fontSize: 18, color: theme.ink };
  switch (chart.type) {
    case "bar":
      return { ...base, align: "left", baseline: "middle", dx: 6 };
    case "stacked":
      return { ...base, baseline: "middle", fontWeight: 600 };
    default:
      return { ...base, baseline: "bottom", dy: -8 };
  }
}

function labelEncoding(chart: ChartData): Record<string, unknown> {
  const text = { field: "label", type: "nominal" };
  // Labels are ink, not the series' colour; inside a stacked segment, whichever of ink and white reads on its fill.
  const color = { field: "ink", type: "nominal", scale: null, legend: null };
  if (chart.type === "stacked") return { text, color, y: { field: "middle", type: "quantitative" } };
  return { text, color };
}

function chartConfig(theme: ChartTheme, lang: string): Record<string, unknown> {
  const text = { labelFont: theme.font, titleFont: theme.font, labelColor: theme.inkSoft, titleColor: theme.inkSoft };
  return {
    font: theme.font,
    locale: vegaLocale(lang),
    view: { stroke: null },
    scale: { bandPaddingInner: 0.3, bandPaddingOuter: 0.15 },
    axis: {
      ...text, labelFontSize: 20, titleFontSize: 20, titleFontWeight: 600, labelPadding: 8, titlePadding: 12,
      ticks: false, domainColor: theme.rule, gridColor: theme.rule, gridWidth: 1,
    },
    legend: { ...text, labelFontSize: 20, symbolSize: 260, symbolStrokeWidth: 3.5, columnPadding: 28, padding: 0, offset: 14 },
    text: { font: theme.font },
    range: { category: theme.palette },
  };
}
