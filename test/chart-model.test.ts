import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ChartData } from "../src/core/model.js";
import { parseCsv } from "../src/input/csv.js";
import { parseNumber } from "../src/input/parse/chart-grid.js";
import { chartArt, drawCharts } from "../src/render/chart/svg.js";
import { ROOT } from "./support/files.js";
import { parseMarkdown } from "./support/parse.js";

const THEME = readFileSync(join(ROOT, "templates/themes/briefing.css"), "utf8");

function briefingIn(lang: string, table: string, attributes = "chart=column labels"): string {
  return `---\ntitle: T\ndate: 2026-01-08\nlang: ${lang}\n---\n\n## Budgets {layout=chart ${attributes} unit="Mrd. €"}\n\n${table}\n\nQuelle: Haushaltsgesetze.\n`;
}

describe("the chart model", () => {
  it("is plain typed data: categories with their kind, series of numbers, options, caption", () => {
    const parsed = parseMarkdown(briefingIn("en", "| Year | A | B |\n|---|--:|--:|\n| 2020 | 1,200.5 | |\n| 2021 | 1,300 | 7 |", 'chart=line highlight=B title="Spending"'));
    expect(parsed.diagnostics).toEqual([]);
    const content = parsed.briefing?.sections[0]?.content;
    expect(content?.layout).toBe("chart");
    if (content?.layout !== "chart") return;
    const chart = content.figure as ChartData;
    expect(chart).toMatchObject({
      kind: "data", type: "line", xLabel: "Year", xKind: "year", categories: ["2020", "2021"],
      series: [{ name: "A", values: [1200.5, 1300] }, { name: "B", values: [null, 7] }],
      unit: "Mrd. €", title: "Spending", highlight: "B", labels: false, start: "auto",
    });
    expect(content.captionHtml).toContain("Quelle");
    // Survives a JSON round trip unchanged: another exporter can read it.
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
  });

  it("reads numbers as the briefing's language writes them", () => {
    expect(parseNumber("1,234.5", "en")).toBe(1234.5);
    expect(parseNumber("1.234,5", "de")).toBe(1234.5);
    expect(parseNumber("1 234,5", "fr")).toBe(1234.5);
    expect(parseNumber("−2.5%", "en")).toBe(-2.5);
    expect(parseNumber("1,5", "en")).toBeUndefined();
    expect(parseNumber("12,345,678", "en")).toBe(12345678);
    expect(parseNumber("about 2", "en")).toBeUndefined();
    expect(parseNumber("1.2.3", "en")).toBeUndefined();
  });

  it("draws numbers for the briefing's language: thousands separators and the decimal comma", async () => {
    const parsed = parseMarkdown(briefingIn("de", "| Jahr | Ausgaben |\n|---|--:|\n| 2020 | 1.200,5 |\n| 2021 | 2.400,25 |"));
    const briefing = parsed.briefing;
    if (!briefing) throw new Error(JSON.stringify(parsed.diagnostics));
    expect(await drawCharts(briefing, THEME)).toEqual([]);
    const content = briefing.sections[0]?.content;
    if (content?.layout !== "chart") throw new Error("not a chart");
    const art = chartArt(content.figure);
    expect(art.svg).toContain(">1.200,5</text>");
    expect(art.svg).toContain(">2.400,25</text>");
    // Axis ticks use the German grouping too.
    expect(art.svg).toMatch(/>2\.000<\/text>/);
    expect(art.tableHtml).toContain("<td>1.200,5</td>");
    expect(art.svg).toContain('font-family="&quot;Source Sans 3&quot;');
  });

  it("reads CSV cells with their line and column, quotes and semicolons included", () => {
    const rows = parseCsv('Region,"East, inner"\r\nAlpha,"1,5"\n\nBeta,2\n');
    expect(rows.map((row) => row.map((cell) => `${cell.line}:${cell.column}:${cell.text}`))).toEqual([
      ["1:1:Region", "1:8:East, inner"],
      ["2:1:Alpha", "2:7:1,5"],
      ["4:1:Beta", "4:6:2"],
    ]);
    expect(parseCsv("Jahr;Wert\n2020;1,5\n")[1]?.map((cell) => cell.text)).toEqual(["2020", "1,5"]);
  });
});
