import { execFileSync, spawnSync } from "node:child_process";
import type { SpawnSyncReturns } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import { launchTestBrowser } from "./support/browser.js";
import { ROOT, temporaryFolder } from "./support/files.js";

const CONTENT = join(ROOT, "test/fixtures/charts/content");
const TYPES = ["column", "bar", "line", "area", "stacked", "dot"] as const;
/** Slides before the first chart: title and agenda. */
const FIRST_CHART_PAGE = 3;

/** The fixture's charts in deck order: each type from a table (4 years × 2 series), then from a CSV (3 regions × 3 series). */
const CHARTS = TYPES.flatMap((type, index) => [
  { type, from: "table", categories: ["2020", "2021", "2022", "2023"], series: 2, values: values(200 * index + 100, 4, [1, 53]) },
  { type, from: "CSV", categories: ["Alpha", "Beta", "Gamma"], series: 3, values: values(200 * index + 200, 3, [1, 35, 69]) },
]);

/** Numbers as the deck writes them in English: 1,001. */
const shown = (value: number): string => new Intl.NumberFormat("en").format(value);

/** The fixture's numbers: base + 10 per category + an offset per series, every one unique in the deck. */
function values(base: number, categories: number, offsets: number[]): number[] {
  return Array.from({ length: categories }, (_, category) => offsets.map((offset) => base + category * 10 + offset)).flat();
}

function runBuild(out: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(ROOT, "bin/briefdeck.js"), "build", "--content", CONTENT, "--out", out, "--single-file", "--handout"], { encoding: "utf8" });
}

const first = temporaryFolder();
const second = temporaryFolder();
let builds: SpawnSyncReturns<string>[];
let html: string;
let browser: Browser;

beforeAll(async () => {
  builds = [runBuild(first.path), runBuild(second.path)];
  html = readFileSync(join(first.path, "charts/index.html"), "utf8");
  browser = await launchTestBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  first.remove();
  second.remove();
});

describe("charts drawn at build time", () => {
  it("build with exit code 0 and no warning", () => {
    for (const result of builds) {
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    }
  });

  it("each stay one slide: fitting scales a chart, never splits it", () => {
    expect(html.match(/<section id=/g)).toHaveLength(CHARTS.length + 4);
    expect(html).not.toContain("(cont.)");
  });

  it("are inline SVG, one per chart section, with no chart code in the deck", () => {
    const svgs = html.match(/<svg class="chart-svg"/g) ?? [];
    expect(svgs).toHaveLength(CHARTS.length + 1);
    // reveal.js and the page's own start-up: nothing else runs.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toMatch(/vega\.|vegaEmbed|<canvas/);
  });

  it("are described for screen readers: role=img, a title, a description naming each series and its range, the data as a table", () => {
    const charts = [...html.matchAll(/<figure class="slide-chart chart-(\w+)"[\s\S]*?<\/figure>/g)];
    for (const [index, chart] of CHARTS.entries()) {
      const figure = charts[index]?.[0] ?? "";
      expect(charts[index]?.[1]).toBe(chart.type);
      expect(figure).toMatch(/<svg class="chart-svg"[^>]* role="img" aria-label="[^"]+"/);
      expect(figure).toMatch(/<title id="[^"]+">[^<]+<\/title><desc id="[^"]+">/);
      const desc = /<desc[^>]*>([^<]*)</.exec(figure)?.[1] ?? "";
      const names = chart.from === "table" ? ["Northland", "Southland"] : ["East", "West", "North"];
      for (const name of names) expect(desc).toContain(`${name}`);
      expect(desc).toContain(`from ${shown(Math.min(...chart.values.filter((_, i) => i % chart.series === 0)))} to`);
      const table = /<table class="chart-data">[\s\S]*?<\/table>/.exec(figure)?.[0] ?? "";
      expect(table.match(/<tr>/g)).toHaveLength(chart.categories.length + 1);
      for (const value of chart.values) expect(table).toContain(`<td>${shown(value)}</td>`);
    }
  });

  it("are byte-identical across two builds (deck and single file)", () => {
    for (const file of ["charts/index.html", "charts/charts.html"]) {
      expect(readFileSync(join(second.path, file)).equals(readFileSync(join(first.path, file))), file).toBe(true);
    }
  });

  it("are in the single-file deck and the handout too", () => {
    const single = readFileSync(join(first.path, "charts/charts.html"), "utf8");
    expect(single.match(/<svg class="chart-svg"/g)).toHaveLength(CHARTS.length + 1);
    const handout = execFileSync("pdftotext", [join(first.path, "charts/charts-handout.pdf"), "-"], { encoding: "utf8" });
    for (const chart of CHARTS) expect(handout).toContain(shown(chart.values[0] ?? 0));
  });
});

describe("charts in Chromium, from file://", () => {
  it("draw every mark, in the embedded font, inside the room under the heading", async () => {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(pathToFileURL(join(first.path, "charts/index.html")).href + "?print-pdf", { waitUntil: "load" });
      await page.waitForFunction("window.Reveal && Reveal.isReady()");
      await page.evaluate(() => document.fonts.ready);
      const found = await page.evaluate(() =>
        [...document.querySelectorAll<SVGSVGElement>("svg.chart-svg")].map((svg) => {
          const count = (selector: string): number => svg.querySelectorAll(selector).length;
          const body = svg.closest(".slide-body")?.getBoundingClientRect();
          const box = svg.getBoundingClientRect();
          const label = svg.querySelector("text");
          return {
            rects: count("g.mark-rect.role-mark path"),
            lines: count("g.mark-line.role-mark path"),
            areas: count("g.mark-area.role-mark path"),
            symbols: count("g.mark-symbol.role-mark path"),
            labels: count("g.mark-text.role-mark text"),
            arcs: count("g.mark-arc.role-mark path"),
            fragments: count(".fragment"),
            font: label ? getComputedStyle(label).fontFamily : "",
            fits: !!body && box.height > 100 && box.width > 300,
          };
        }),
      );
      expect(found).toHaveLength(CHARTS.length + 1);
      const fontLoaded = await page.evaluate(() => document.fonts.check("20px 'Source Sans 3'"));
      expect(fontLoaded).toBe(true);
      for (const [index, chart] of CHARTS.entries()) {
        const drawn = found[index];
        const marks = chart.categories.length * chart.series;
        const what = `${chart.type} from a ${chart.from}`;
        expect(drawn?.fits, what).toBe(true);
        expect(drawn?.font, what).toContain("Source Sans 3");
        expect(drawn?.labels, what).toBe(marks);
        if (chart.type === "column" || chart.type === "bar" || chart.type === "stacked") expect(drawn?.rects, what).toBe(marks);
        if (chart.type === "line") expect([drawn?.lines, drawn?.symbols], what).toEqual([chart.series, marks]);
        if (chart.type === "area") expect(drawn?.areas, what).toBe(chart.series);
        if (chart.type === "dot") expect(drawn?.symbols, what).toBe(marks);
      }
      // The Vega-Lite spec's local CSV was inlined: one slice per row.
      expect(found[CHARTS.length]?.arcs).toBe(3);
      // Only the line chart from a table asks for fragments: its second series (marks and labels) comes in one step.
      expect(found.map((chart) => chart.fragments)).toEqual([...CHARTS.map((chart) => (chart.type === "line" && chart.from === "table" ? 2 : 0)), 0]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe("charts in the PDF", () => {
  const pdf = (): string => join(first.path, "charts/charts.pdf");
  const pageText = (page: number): string => execFileSync("pdftotext", ["-f", String(page), "-l", String(page), pdf(), "-"], { encoding: "utf8" });

  it("keep their labels as text: every value, category and axis title reads back, the final state of fragments included", () => {
    for (const [index, chart] of CHARTS.entries()) {
      const text = pageText(FIRST_CHART_PAGE + index);
      const what = `${chart.type} from a ${chart.from}`;
      // Each mark carries its value label: counting the labels counts the marks.
      const labels = chart.values.filter((value) => text.split(/\s+/).includes(shown(value)));
      expect(labels, what).toHaveLength(chart.categories.length * chart.series);
      for (const category of chart.categories) expect(text, what).toContain(category);
      if (chart.from === "table") expect(text, what).toContain("Spending (US$ bn)");
    }
  });

  it("use the deck's embedded fonts", () => {
    const fonts = execFileSync("pdffonts", [pdf()], { encoding: "utf8" });
    const sans = fonts.split("\n").filter((line) => line.includes("SourceSans3"));
    expect(sans.length).toBeGreaterThan(0);
    for (const line of sans) expect(line).toMatch(/\byes\b/);
    expect(fonts).not.toMatch(/Helvetica|Arial|DejaVu|Liberation/);
  });
});

describe("bad chart data files", () => {
  const folder = temporaryFolder();
  afterAll(() => folder.remove());

  it("are errors at the CSV's cell, or at the attribute that names a missing file, all at once", async () => {
    const content = join(folder.path, "content");
    cpSync(CONTENT, content, { recursive: true });
    writeFileSync(join(content, "data/bar.csv"), "Region,East,West,North\nAlpha,1,2,3\nBeta,1,two,3\nGamma,1,2\n");
    rmSync(join(content, "data/dot.csv"));
    const report = await build({ contentDir: content, outDir: join(folder.path, "dist"), pdf: false, checkOnly: true });
    const errors = report.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic({ ...d, file: d.file.replace(/^.*content\//, "content/") }));
    const md = readFileSync(join(content, "charts.md"), "utf8").split("\n");
    const dotLine = md.findIndex((line) => line.includes("data=data/dot.csv")) + 1;
    const dotColumn = (md[dotLine - 1] ?? "").indexOf("data=") + 1;
    expect(errors).toEqual([
      `content/charts.md:${dotLine}:${dotColumn}: error: data file "data/dot.csv" not found (looked for data/dot.csv in the content folder): check the path`,
      'content/data/bar.csv:3:8: error: "two" is not a number: write digits with a decimal point (1.5), or leave the cell empty for no value',
      "content/data/bar.csv:4:9: error: row has 3 cells but the header has 4: give every row a category and one value per series",
    ]);
  });
});

describe("loading vega", () => {
  const folder = temporaryFolder();
  afterAll(() => folder.remove());

  /** Builds `content` HTML-only, with a module hook that reports every import of vega or vega-lite. */
  function importsOfVega(content: string): string[] {
    const hook = join(folder.path, "hook.mjs");
    const register = join(folder.path, "register.mjs");
    writeFileSync(hook, "export async function resolve(specifier, context, next) {\n  if (/^vega(-lite)?$/.test(specifier)) process.stderr.write(`imported ${specifier}\\n`);\n  return next(specifier, context);\n}\n");
    writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
    const result = spawnSync(process.execPath, ["--import", pathToFileURL(register).href, join(ROOT, "bin/briefdeck.js"), "build", "--no-pdf", "--content", content, "--out", join(folder.path, "dist")], { encoding: "utf8" });
    expect(result.status).toBe(0);
    return result.stderr.split("\n").filter((line) => line.startsWith("imported "));
  }

  it("happens only for a briefing with a chart: the HTML path without charts stays as fast as before", () => {
    expect(importsOfVega(join(ROOT, "content"))).toEqual([]);
    expect(importsOfVega(CONTENT)).toContain("imported vega");
  }, 180_000);
});
