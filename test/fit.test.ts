import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { BuildReport } from "../src/build/build.js";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import { createPdfExporter } from "../src/exporters/pdf/exporter.js";
import { launchTestBrowser } from "./support/browser.js";
import { findFitProblems } from "./support/fit-check.js";
import { EXAMPLE_CONTENT, ROOT, temporaryFolder } from "./support/files.js";

const CONTENT = join(ROOT, "test/fixtures/fit/content");
const out = temporaryFolder();
let report: BuildReport;
let browser: Browser;

async function buildWithBrowser(contentDir: string, outDir: string, extra: { slugs?: string[]; strict?: boolean } = {}): Promise<BuildReport> {
  const pdfExporter = await createPdfExporter({ concurrency: 2 });
  try {
    return await build({ contentDir, outDir, pdf: true, pdfExporter, ...extra });
  } finally {
    await pdfExporter.close();
  }
}

function deck(slug: string, outDir = out.path): string {
  return readFileSync(join(outDir, slug, "index.html"), "utf8");
}

/** Slide headings in deck order, from the built HTML. */
function headings(html: string): string[] {
  return [...html.matchAll(/<header class="slide-header"><h2>([\s\S]*?)<\/h2>/g)].map((m) => m[1] ?? "");
}

function notes(slug: string): string[] {
  return report.diagnostics.filter((d) => d.file.endsWith(`${slug}.md`)).map(formatDiagnostic);
}

beforeAll(async () => {
  report = await buildWithBrowser(CONTENT, out.path);
  browser = await launchTestBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  out.remove();
});

describe("fitting long sections", () => {
  it("continues a very long text section, split between paragraphs", () => {
    expect(notes("long-text")).toEqual([expect.stringMatching(/long-text\.md:9:1: note: "The long road" continues on \d+ more slides$/)]);
    const list = headings(deck("long-text"));
    expect(list[0]).toBe("The long road");
    expect(list.slice(1).every((heading) => heading === "The long road (cont.)")).toBe(true);
    expect(list.length).toBeGreaterThan(2);
    expect((deck("long-text").match(/<div class="block" data-unit="b\d+"><p>/g) ?? []).length).toBe(9);
  });

  it("splits a 30-item list between items, keeping every item once and in order", () => {
    const html = deck("long-list");
    const items = [...html.matchAll(/Item number (\d+):/g)].map((m) => Number(m[1]));
    expect(items).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(headings(html).length).toBeGreaterThan(1);
  });

  it("keeps the numbering of a long numbered list across slides", () => {
    const html = deck("numbered-list");
    const starts = [...html.matchAll(/<ol( start="(\d+)")?>([\s\S]*?)<\/ol>/g)].map((m) => ({
      start: Number(m[2] ?? 1),
      count: (m[3]?.match(/<li /g) ?? []).length,
    }));
    expect(starts.length).toBeGreaterThan(1);
    let expected = 1;
    for (const part of starts) {
      expect(part.start).toBe(expected);
      expected += part.count;
    }
    expect(expected - 1).toBe(24);
  });

  it("splits a 40-row table between rows and repeats its header", () => {
    const html = deck("long-table");
    const tables = [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((m) => m[1] ?? "");
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) expect(table).toContain("<thead>");
    const rows = [...html.matchAll(/Country (\d+)/g)].map((m) => Number(m[1]));
    expect(rows).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("shrinks a list and a figure a little (not below 90%) rather than split off a small remainder", () => {
    expect(notes("list-and-figure")).toEqual([expect.stringMatching(/note: "Map and notes" shrunk to (9\d)% to fit$/)]);
    expect((deck("list-and-figure").match(/<img /g) ?? []).length).toBe(1);
  });

  it("divides a continuing timeline and stats into parts of the same size", () => {
    const timeline = deck("long-timeline");
    expect(headings(timeline)).toEqual(["Many dates", "Many dates (cont.)"]);
    expect([...timeline.matchAll(/timeline-date">(\d+)</g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 16 }, (_, i) => 1995 + i));
    const perSlide = (html: string, pattern: RegExp): number[] => html.split("<section ").slice(2).map((slide) => (slide.match(pattern) ?? []).length);
    expect(perSlide(timeline, /class="timeline-item/g)).toEqual([8, 8]);
    expect(perSlide(deck("many-stats"), /class="stat[ "]/g)).toEqual([6, 6]);
  });

  it("gives every part of a split table its header and the whole table's column widths, parts within a row of each other", () => {
    const tables = [...deck("long-table").matchAll(/<table class="table--pinned">(<colgroup>[\s\S]*?<\/colgroup>)([\s\S]*?)<\/table>/g)];
    expect(tables.length).toBeGreaterThan(1);
    for (const [, colgroup, body] of tables) {
      expect(colgroup).toBe(tables[0]?.[1]);
      expect(body).toContain("<thead>");
    }
    const rows = tables.map(([, , body]) => (body?.match(/<tr data-unit/g) ?? []).length);
    expect(Math.max(...rows) - Math.min(...rows)).toBeLessThanOrEqual(1);
  });

  it("splits a paragraph too long even alone between sentences, with a note, every sentence once and in order", () => {
    expect(notes("giant-paragraph")).toEqual([
      expect.stringMatching(/giant-paragraph\.md:9:1: note: "One giant paragraph" continues on \d+ more slides?$/),
      expect.stringMatching(/giant-paragraph\.md:9:1: note: a paragraph in "One giant paragraph" is too long for one slide and continues between sentences/),
    ]);
    const source = readFileSync(join(CONTENT, "giant-paragraph.md"), "utf8").split("## One giant paragraph")[1]?.trim() ?? "";
    const text = [...deck("giant-paragraph").matchAll(/<span data-unit="b0\.s\d+">([\s\S]*?)<\/span>/g)].map((m) => m[1]).join(" ");
    expect(text.replace(/\s+/g, " ")).toBe(source.replace(/\s+/g, " "));
  });

  it("keeps footnotes with the slides that cite them and notes on the first slide", () => {
    const html = deck("footnotes-split");
    const slides = html.split("<section ").slice(2);
    expect(slides.length).toBeGreaterThan(1);
    for (const slide of slides) {
      const cited = [...slide.matchAll(/footnote-ref">(\d+)</g)].map((m) => m[1]);
      const listed = [...slide.matchAll(/<p><sup>(\d+)<\/sup>/g)].map((m) => m[1]);
      expect(listed).toEqual(cited);
    }
    expect(slides[0]).toContain('<aside class="notes">');
    expect(slides.slice(1).some((slide) => slide.includes('<aside class="notes">'))).toBe(false);
  });
});

describe("shrinking and failing", () => {
  it("shrinks a paragraph and a columns slide a little rather than split them", () => {
    expect(notes("shrink-paragraph")).toEqual([expect.stringMatching(/shrink-paragraph\.md:9:1: note: "A long paragraph" shrunk to (8\d|9\d)% to fit$/)]);
    expect(notes("shrink-columns")).toEqual([expect.stringMatching(/shrink-columns\.md:9:1: note: "Two tracks" shrunk to (8\d|9\d)% to fit$/)]);
    expect(headings(deck("shrink-paragraph"))).toEqual(["A long paragraph"]);
  });

  it("fails a block that cannot split and is too big even at 80%, at the section's line, and writes nothing for it", () => {
    expect(notes("too-big")).toEqual([
      "test/fixtures/fit/content/too-big.md:9:1: error: code block in \"One giant listing\" does not fit one slide even at 80%; split it into shorter pieces or more sections",
    ]);
    expect(report.outcomes.find((o) => o.slug === "too-big")?.ok).toBe(false);
    expect(existsSync(join(out.path, "too-big"))).toBe(false);
  });

  it("turns splits into errors with --strict", async () => {
    const strictOut = temporaryFolder();
    try {
      const strict = await buildWithBrowser(CONTENT, strictOut.path, { slugs: ["long-list"], strict: true });
      expect(strict.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/long-list\.md:9:1: error: "Thirty items" continues on 2 more slides/)]);
      expect(strict.outcomes[0]?.ok).toBe(false);
    } finally {
      strictOut.remove();
    }
  }, 120_000);
});

describe("briefdeck check", () => {
  it("measures too when a browser is available, and reports without writing", async () => {
    const { runCli } = await import("./support/files.js");
    const result = await runCli(["check", "--content", CONTENT, "--out", join(out.path, "never"), "long-list", "too-big"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/long-list\.md:9:1: note: "Thirty items" continues on 2 more slides/);
    expect(result.stderr).toMatch(/too-big\.md:9:1: error: code block in "One giant listing" does not fit/);
    expect(existsSync(join(out.path, "never"))).toBe(false);
  }, 60_000);
});

describe("every fitted slide, in a real browser", () => {
  const built = (): string[] => report.outcomes.filter((o) => o.ok).map((o) => o.slug);

  it("has nothing outside its slide in the deck and on the PDF page, and the PDF has the deck's slides", async () => {
    expect(built().length).toBeGreaterThanOrEqual(11);
    for (const slug of built()) {
      const page = await browser.newPage();
      try {
        await page.setViewport({ width: 1280, height: 720 });
        const url = pathToFileURL(join(out.path, slug, "index.html")).href;
        await page.goto(url);
        await page.waitForFunction("window.Reveal && Reveal.isReady()");
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        expect(await findFitProblems(page), `${slug} presenting`).toEqual([]);
        const slides = await page.evaluate("Reveal.getTotalSlides()");
        await page.goto(`${url}?print-pdf`);
        await page.waitForFunction("document.querySelectorAll('.pdf-page').length > 0");
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        expect(await findFitProblems(page), `${slug} print`).toEqual([]);
        // No part of a continued section is a lone short line: each fills a fifth of its body at least.
        const fills = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>("section.slide")]
          .filter((section) => section.dataset.section !== section.id || document.getElementById(`${section.id}-2`))
          .map((section) => {
            const body = section.querySelector(".slide-body") as HTMLElement;
            const units = [...body.querySelectorAll("[data-unit]")].map((unit) => unit.getBoundingClientRect());
            const top = Math.min(...units.map((rect) => rect.top));
            const bottom = Math.max(...units.map((rect) => rect.bottom));
            return { id: section.id, fill: (bottom - top) / body.getBoundingClientRect().height };
          }));
        for (const { id, fill } of fills) expect(fill, `${slug} ${id}`).toBeGreaterThanOrEqual(0.2);
        const pdf = await PDFDocument.load(readFileSync(join(out.path, slug, `${slug}.pdf`)));
        expect(pdf.getPageCount(), slug).toBe(slides);
      } finally {
        await page.close();
      }
    }
  }, 120_000);
});

describe("the fit pass", () => {
  it("is deterministic: the same input gives the same slides", async () => {
    const again = temporaryFolder();
    try {
      await buildWithBrowser(CONTENT, again.path, { slugs: ["long-text", "long-table", "shrink-paragraph"] });
      for (const slug of ["long-text", "long-table", "shrink-paragraph"]) expect(deck(slug, again.path)).toBe(deck(slug));
    } finally {
      again.remove();
    }
  }, 120_000);

  it("leaves the example deck without splits or shrinks", async () => {
    const example = temporaryFolder();
    try {
      const result = await buildWithBrowser(EXAMPLE_CONTENT, example.path);
      expect(result.diagnostics.filter((d) => d.severity !== "warning")).toEqual([]);
      expect(deck("ots-security", example.path)).not.toContain("(cont.)");
      // Nothing shrinks; sparse slides may grow (item 12), never past the limit.
      const zooms = [...deck("ots-security", example.path).matchAll(/--fit-zoom: ([\d.]+)/g)].map((m) => Number(m[1]));
      for (const zoom of zooms) expect(zoom).toBeGreaterThan(1);
      for (const zoom of zooms) expect(zoom).toBeLessThanOrEqual(1.25);
    } finally {
      example.remove();
    }
  }, 120_000);
});
