import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer";
import { TimeoutError } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { PdfExporter } from "../src/exporters/contracts.js";
import { ChromiumPrintSession } from "../src/exporters/pdf/exporter.js";
import { launchTestBrowser } from "./support/browser.js";
import { temporaryFolder } from "./support/files.js";

/**
 * A deck the browser cannot print in the time it is given. A real print of
 * a deck heavy enough takes minutes; here the real browser loads and
 * measures the deck, and only `page.pdf` fails as puppeteer fails when its
 * time runs out.
 */
function printTimesOut(page: Page): Page {
  return new Proxy(page, {
    get(target, property) {
      if (property === "pdf") return () => Promise.reject(new TimeoutError("Waiting failed: 60000ms exceeded"));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const HEAD = "---\ntitle: Unprintable\ndate: 2026-01-08\n---\n\n";
const HEAVY_NOTES = Array.from({ length: 40 }, (_, index) => `Speaker note sentence ${index + 1}, which only makes the slide heavier.`).join(" ");

/** `count` short sections; the one at `heavy` (0-based) carries long speaker notes. Returns the text and that section's line. */
function briefing(count: number, heavy: number): { text: string; heavyLine: number } {
  const sections: string[] = [];
  let line = HEAD.split("\n").length;
  let heavyLine = 0;
  for (let index = 0; index < count; index++) {
    const section = index === heavy
      ? `## The heavy section\n\nText.\n\n::: notes\n${HEAVY_NOTES}\n:::\n`
      : `## Section ${index + 1}\n\nText.\n`;
    if (index === heavy) heavyLine = line;
    sections.push(section);
    line += section.split("\n").length;
  }
  return { text: `${HEAD}${sections.join("\n")}`, heavyLine };
}

describe("a deck that still cannot be printed in its time", () => {
  const root = temporaryFolder("briefdeck-unprintable-");
  const content = join(root.path, "content");
  const out = join(root.path, "dist");
  let browser: Browser;
  const exporter: PdfExporter = {
    open: async (deckPath, slug) => new ChromiumPrintSession(printTimesOut(await browser.newPage()), deckPath, slug, 10_000, () => undefined),
    close: async () => undefined,
  };

  beforeAll(async () => {
    mkdirSync(content, { recursive: true });
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    root.remove();
  });

  it("over 100 pages: a content error at its heaviest slide, naming it; the previous deck stays", async () => {
    const { text, heavyLine } = briefing(110, 57);
    writeFileSync(join(content, "large.md"), text);
    const first = await build({ contentDir: content, outDir: out, pdf: false, slugs: ["large"] });
    expect(first.outcomes[0]?.ok).toBe(true);
    const before = readFileSync(join(out, "large", "index.html"));

    const report = await build({ contentDir: content, outDir: out, pdf: true, pdfExporter: exporter, fit: false, slugs: ["large"] });
    const outcome = report.outcomes[0];
    expect(outcome?.ok).toBe(false);
    // Not the machine's problem: no environment failure, so the command exits 1, not 3.
    expect(outcome?.failure).toBeUndefined();
    expect(report.environmentFailure).toBeUndefined();
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    // The agenda of 110 entries weighs more, but it is not a slide the author can shorten.
    expect(errors[0]).toMatchObject({ line: heavyLine, column: 1 });
    expect(errors[0]?.file).toMatch(/content\/large\.md$/);
    // Title and agenda come first: section 58 is slide 60.
    expect(errors[0]?.message).toMatch(/^the deck \(11\d pages\) could not be finished while printing the PDF in \d+ s; its heaviest slide is 60, "The heavy section": shorten that slide or split the briefing/);
    expect(readFileSync(join(out, "large", "index.html")).equals(before)).toBe(true);
  });

  it("100 pages or fewer: the browser hung, an environment failure that says to try again", async () => {
    writeFileSync(join(content, "small.md"), briefing(20, 5).text);
    const report = await build({ contentDir: content, outDir: out, pdf: true, pdfExporter: exporter, fit: false, slugs: ["small"] });
    expect(report.outcomes[0]?.ok).toBe(false);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(report.environmentFailure).toMatch(/^small: the browser hung while printing the PDF \(no answer in 10 s\); try again, or raise --timeout$/);
  });
});
