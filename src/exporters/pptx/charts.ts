import type { ChartData } from "../../core/model.js";
import { chartTheme } from "../../render/chart/theme.js";
import type { CapturedBox } from "./capture.js";
import type { SlideDraw } from "./draw.js";
import { fontFace, place, points } from "./units.js";

/** pptxgenjs's chart names for each briefdeck chart type. */
const KIND = { column: "bar", bar: "bar", stacked: "bar", line: "line", dot: "line", area: "area" } as const;

/**
 * A chart as a native PowerPoint chart, from the same data the deck's SVG
 * was drawn from: colleagues can restyle it, or edit its numbers in the
 * workbook PowerPoint keeps inside the file.
 */
export function drawNativeChart(draw: SlideDraw, chart: ChartData, at: CapturedBox, accent: string | undefined): void {
  const theme = chartTheme("", accent);
  const hex = (css: string): string => css.replace(/^#/, "").toUpperCase();
  const colours = chart.highlight
    ? chart.series.map((series, index) => hex(series.name === chart.highlight ? theme.accent : theme.mutedPalette[index % theme.mutedPalette.length] ?? "9AA3B2"))
    : chart.series.map((_, index) => hex(theme.palette[index % theme.palette.length] ?? "004488"));
  // Empty cells stay gaps: PowerPoint draws nothing for a missing value.
  const data = chart.series.map((series) => ({ name: series.name, labels: chart.categories, values: series.values.map((value) => value ?? Number.NaN) }));
  const text = { fontFace: fontFace(theme.font), color: hex(theme.inkSoft) };
  const size = points(Math.max(12, at.style.fontSize * 0.6));
  const axisTitle = [chart.title, chart.unit].filter((part): part is string => Boolean(part)).join(", ");
  draw.slide.addChart(KIND[chart.type], data, {
    ...place(at.box),
    chartColors: colours,
    barDir: chart.type === "bar" ? "bar" : "col",
    // PowerPoint draws horizontal bars from the bottom up: keep the table's order, top to bottom, as the deck does.
    // (pptxgenjs types only "minMax", but writes what it is given.)
    ...(chart.type === "bar" ? { catAxisOrientation: "maxMin" as unknown as "minMax" } : {}),
    ...(chart.type === "stacked" ? { barGrouping: "stacked", barGapWidthPct: 60 } : { barGapWidthPct: 80 }),
    ...(chart.type === "dot" ? { lineSize: 0, lineDataSymbol: "circle", lineDataSymbolSize: 9 } : {}),
    ...(chart.type === "line" ? { lineSize: 2, lineDataSymbol: "none" } : {}),
    showLegend: chart.series.length > 1,
    legendPos: "t",
    legendFontFace: text.fontFace,
    legendFontSize: size,
    legendColor: text.color,
    catAxisLabelFontFace: text.fontFace,
    catAxisLabelFontSize: size,
    catAxisLabelColor: text.color,
    valAxisLabelFontFace: text.fontFace,
    valAxisLabelFontSize: size,
    valAxisLabelColor: text.color,
    valGridLine: { color: hex(theme.rule), size: 0.75 },
    catGridLine: { style: "none" },
    ...(chart.start === "zero" ? { valAxisMinVal: 0 } : {}),
    ...(axisTitle ? { showValAxisTitle: true, valAxisTitle: axisTitle, valAxisTitleFontFace: text.fontFace, valAxisTitleFontSize: size, valAxisTitleColor: text.color } : {}),
    ...(chart.labels ? { showValue: true, dataLabelFontFace: text.fontFace, dataLabelFontSize: size, dataLabelColor: hex(theme.ink) } : {}),
    altText: chart.series.map((series) => series.name).join(", "),
  });
}
