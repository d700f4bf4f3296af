import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchTestBrowser } from "./support/browser.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, ROOT, runCli, temporaryFolder } from "./support/files.js";

const root = temporaryFolder();
const content = join(root.path, "content");
const outA = join(root.path, "a");
const outB = join(root.path, "b");
let browser: Browser;

/** Speaker notes of each slide, in deck order ("" when a slide has none). */
function notesBySlide(html: string): string[] {
  return html.split(/<section id=/).slice(1).map((slide) => {
    const notes = /<aside class="notes">([\s\S]*?)<\/aside>/.exec(slide)?.[1] ?? "";
    return notes.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
  });
}

function pageText(pdf: string, page: number): string {
  return execFileSync("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(join(folder, name)).isFile())
    .sort();
}

beforeAll(async () => {
  // The example plus a briefing with an image, built twice with the same inputs.
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  mkdirSync(join(content, "with-figure", "images"), { recursive: true });
  copyFileSync(join(ROOT, "test/fixtures/valid/images/members-map.png"), join(content, "with-figure", "images", "members-map.png"));
  copyFileSync(join(ROOT, "test/fixtures/valid/figure.md"), join(content, "with-figure", "index.md"));
  const args = ["build", "--quiet", "--handout", "--single-file", "--content", content];
  for (const out of [outA, outB]) {
    const result = await runCli([...args, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }
  browser = await launchTestBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  root.remove();
});

describe("the handout PDF", () => {
  const handout = (): string => join(outA, EXAMPLE_SLUG, `${EXAMPLE_SLUG}-handout.pdf`);

  it("has one portrait A4 page per slide", async () => {
    const deck = readFileSync(join(outA, EXAMPLE_SLUG, "index.html"), "utf8");
    const pdf = await PDFDocument.load(readFileSync(handout()));
    expect(pdf.getPageCount()).toBe(notesBySlide(deck).length);
    const { width, height } = pdf.getPage(0).getSize();
    // A4 is 595.3 × 841.9 pt; Chromium rounds to whole CSS pixels.
    expect(Math.abs(width - 595.3)).toBeLessThan(1);
    expect(Math.abs(height - 841.9)).toBeLessThan(1);
  });

  it("has every note's text on the page of its slide, with title, classification and page number in the margins", () => {
    const deck = readFileSync(join(outA, EXAMPLE_SLUG, "index.html"), "utf8");
    const notes = notesBySlide(deck);
    expect(notes.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    notes.forEach((note, index) => {
      const text = pageText(handout(), index + 1);
      if (note) expect(text, `page ${index + 1}`).toContain(note.split(" ").slice(0, 8).join(" "));
      expect(text).toContain(`Page ${index + 1} of ${notes.length}`);
      expect(text).toContain("UNCLASSIFIED");
      expect(text).toContain("Turkic States Deepen Security Cooperation");
    });
  });

  it("prints on Letter with --paper letter", async () => {
    const out = join(root.path, "letter");
    const result = await runCli(["build", "--quiet", "--handout", "--paper", "letter", "--content", content, "--out", out, EXAMPLE_SLUG]);
    expect(result.code).toBe(0);
    const pdf = await PDFDocument.load(readFileSync(join(out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}-handout.pdf`)));
    const { width, height } = pdf.getPage(0).getSize();
    expect(Math.abs(width - 612)).toBeLessThan(1);
    expect(Math.abs(height - 792)).toBeLessThan(1);
  }, 120_000);

  it("refuses a paper size it does not know and --handout without the browser", async () => {
    expect((await runCli(["build", "--handout", "--paper", "a3", "--content", content, "--out", outA])).code).toBe(2);
    expect((await runCli(["build", "--handout", "--no-pdf", "--content", content, "--out", outA])).code).toBe(2);
  });
});

describe("the single-file deck", () => {
  it("presents alone from an empty folder, with no network: every slide, the shipped fonts, images decoded, speaker view", async () => {
    for (const slug of [EXAMPLE_SLUG, "with-figure"]) {
      const alone = temporaryFolder();
      try {
        copyFileSync(join(outA, slug, `${slug}.html`), join(alone.path, "deck.html"));
        const page = await browser.newPage();
        const refused: string[] = [];
        await page.setRequestInterception(true);
        page.on("request", (request) => {
          const url = request.url();
          if (url.startsWith("data:") || url === pathToFileURL(join(alone.path, "deck.html")).href || url.startsWith(`${pathToFileURL(join(alone.path, "deck.html")).href}#`)) {
            void request.continue();
          } else {
            refused.push(url);
            void request.abort();
          }
        });
        await page.setViewport({ width: 1280, height: 720 });
        await page.goto(pathToFileURL(join(alone.path, "deck.html")).href);
        await page.waitForFunction("window.Reveal && Reveal.isReady()");
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const state = await page.evaluate(async () => {
          const reveal = (window as unknown as { Reveal: { getTotalSlides(): number; slide(i: number): void } }).Reveal;
          for (let index = 0; index < reveal.getTotalSlides(); index++) reveal.slide(index);
          const images = [...document.images];
          await Promise.all(images.map((image) => image.decode()));
          return {
            slides: reveal.getTotalSlides(),
            fonts: [...document.fonts].filter((font) => font.status === "loaded").map((font) => font.family.replace(/"/g, "")),
            images: images.map((image) => image.naturalWidth),
          };
        });
        expect(refused, slug).toEqual([]);
        expect(state.slides).toBeGreaterThan(1);
        expect(state.fonts).toContain("Source Sans 3");
        if (slug === "with-figure") expect(state.images.length).toBeGreaterThan(0);
        expect(state.images.every((width) => width > 0)).toBe(true);
        if (slug === EXAMPLE_SLUG) {
          const popup = new Promise((resolve) => browser.once("targetcreated", resolve));
          await page.evaluate("Reveal.slide(2)");
          await page.keyboard.press("s");
          await popup;
          const speaker = (await browser.pages()).at(-1);
          await speaker?.waitForFunction("(document.querySelector('.speaker-controls-notes')?.textContent ?? '').length > 40", { timeout: 15_000 });
          await speaker?.close();
        }
        await page.close();
      } finally {
        alone.remove();
      }
    }
  }, 120_000);
});

describe("reproducible output", () => {
  it("gives byte-identical files for the same inputs, built twice", () => {
    const files = filesUnder(outA).filter((name) => !name.includes(".briefdeck-cache"));
    expect(filesUnder(outB).filter((name) => !name.includes(".briefdeck-cache"))).toEqual(files);
    const differing = files.filter((name) => !readFileSync(join(outA, name)).equals(readFileSync(join(outB, name))));
    expect(differing).toEqual([]);
  });

  it("holds no absolute path of the build machine", () => {
    for (const name of filesUnder(outA)) {
      if (!/\.(html|json|css|pdf)$/.test(name)) continue;
      const text = readFileSync(join(outA, name)).toString("latin1");
      for (const path of [root.path, ROOT, process.cwd()]) expect(text.includes(path), `${relative(outA, join(outA, name))} holds ${path}`).toBe(false);
    }
  });

  it("dates the PDF from SOURCE_DATE_EPOCH when set, else from the briefing's date", async () => {
    const dated = await PDFDocument.load(readFileSync(join(outA, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`)), { updateMetadata: false });
    expect(dated.getCreationDate()?.toISOString()).toBe("2026-01-12T00:00:00.000Z");
    const out = join(root.path, "epoch");
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = "1767225600";
    try {
      expect((await runCli(["build", "--quiet", "--content", content, "--out", out, EXAMPLE_SLUG])).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
    const epoch = await PDFDocument.load(readFileSync(join(out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`)), { updateMetadata: false });
    expect(epoch.getCreationDate()?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  }, 120_000);
});

describe("fragments on paper", () => {
  it("prints one page per fragment step with --pdf-fragments, one per slide by default", async () => {
    const out = join(root.path, "fragments");
    expect((await runCli(["build", "--quiet", "--pdf-fragments", "--content", content, "--out", out, EXAMPLE_SLUG])).code).toBe(0);
    const deck = readFileSync(join(out, EXAMPLE_SLUG, "index.html"), "utf8");
    const slides = (deck.match(/<section id=/g) ?? []).length;
    const steps = (deck.match(/class="fragment"/g) ?? []).length;
    expect(steps).toBeGreaterThan(0);
    const fragments = await PDFDocument.load(readFileSync(join(out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`)));
    expect(fragments.getPageCount()).toBe(slides + steps);
    const plain = await PDFDocument.load(readFileSync(join(outA, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`)));
    expect(plain.getPageCount()).toBe(slides);
  }, 120_000);
});
