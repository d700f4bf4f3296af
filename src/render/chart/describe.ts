import type { ChartData, VegaLiteChart } from "../../core/model.js";
import { escapeHtml } from "../../core/html.js";
import { numberFormatter } from "./locale.js";

const TYPE_NAMES: Record<ChartData["type"], string> = {
  column: "Column chart", bar: "Bar chart", line: "Line chart", area: "Area chart", stacked: "Stacked column chart", dot: "Dot chart",
};

/** What a screen reader says for the chart: its kind and subject, then each series and its range. */
export function describeChart(chart: ChartData, heading: string, lang: string): { title: string; description: string } {
  const format = numberFormatter(lang);
  const unit = chart.unit ? ` ${chart.unit}` : "";
  const first = chart.categories[0] ?? "";
  const last = chart.categories[chart.categories.length - 1] ?? "";
  const span = chart.categories.length > 1 ? `${chart.xLabel || "category"} from ${first} to ${last}` : `${chart.xLabel || "category"} ${first}`;
  const series = chart.series.map((entry) => {
    const values = entry.values.filter((value): value is number => value !== null);
    const low = Math.min(...values);
    const high = Math.max(...values);
    const range = low === high ? `${format(low)}${unit}` : `from ${format(low)} to ${format(high)}${unit}`;
    return `${entry.name}${entry.name === chart.highlight ? " (highlighted)" : ""}: ${range}`;
  });
  return {
    title: `${TYPE_NAMES[chart.type]}: ${heading}`,
    description: `${chart.series.length} series over ${chart.categories.length} values of ${span}. ${series.join("; ")}.`,
  };
}

/** The chart's numbers as a table, for screen readers (visually hidden on the slide). */
export function chartTableHtml(chart: ChartData, heading: string, lang: string): string {
  const format = numberFormatter(lang);
  const head = [chart.xLabel, ...chart.series.map((series) => series.name)].map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join("");
  const rows = chart.categories.map((category, index) => {
    const cells = chart.series.map((series) => {
      const value = series.values[index];
      return `<td>${value === null || value === undefined ? "" : escapeHtml(format(value))}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(category)}</th>${cells.join("")}</tr>`;
  });
  const caption = `${escapeHtml(heading)}${chart.unit ? ` (${escapeHtml(chart.unit)})` : ""}`;
  return `<table class="chart-data"><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** A Vega-Lite spec describes itself (`description`, `title`) or is described by its slide's heading. */
export function describeVegaLite(chart: VegaLiteChart, heading: string): { title: string; description: string } {
  const title = typeof chart.spec.title === "string" ? chart.spec.title : heading;
  const description = typeof chart.spec.description === "string" ? chart.spec.description : `Chart: ${heading}.`;
  return { title: `Chart: ${title}`, description };
}

/** Inline rows of a spec's top-level data as a table, when the spec has them. */
export function vegaLiteTableHtml(chart: VegaLiteChart, heading: string): string {
  const values = (chart.spec.data as { values?: unknown } | undefined)?.values;
  if (!Array.isArray(values) || values.length === 0 || values.length > 200) return "";
  const rows = values.filter((row): row is Record<string, unknown> => typeof row === "object" && row !== null && !Array.isArray(row));
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (fields.length === 0) return "";
  const cell = (value: unknown): string => escapeHtml(value === null || value === undefined ? "" : String(value));
  const head = fields.map((field) => `<th scope="col">${escapeHtml(field)}</th>`).join("");
  const body = rows.map((row) => `<tr>${fields.map((field) => `<td>${cell(row[field])}</td>`).join("")}</tr>`).join("");
  return `<table class="chart-data"><caption>${escapeHtml(heading)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
