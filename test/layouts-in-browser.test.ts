import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { BuildReport } from "../src/build/build.js";
import { createPdfExporter } from "../src/exporters/pdf/exporter.js";
import { launchTestBrowser } from "./support/browser.js";
import { findFitProblems } from "./support/fit-check.js";
import { ROOT, temporaryFolder } from "./support/files.js";

/** Every layout with one item, a typical number and the most one slide takes. */
const CONTENT = join(ROOT, "test/fixtures/layouts/content");
const out = temporaryFolder();
let report: BuildReport;
let browser: Browser;

beforeAll(async () => {
  const pdfExporter = await createPdfExporter({ concurrency: 2 });
  try {
    report = await build({ contentDir: CONTENT, outDir: out.path, pdf: true, pdfExporter });
  } finally {
    await pdfExporter.close();
  }
  browser = await launchTestBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  out.remove();
});

async function open(slug: string, query = "", viewport = { width: 1280, height: 720 }): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  await page.goto(`${pathToFileURL(join(out.path, slug, "index.html")).href}${query}`);
  await page.waitForFunction(query ? "document.querySelectorAll('.pdf-page').length > 0" : "window.Reveal && Reveal.isReady()");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

const slugs = (): string[] => report.outcomes.filter((o) => o.ok).map((o) => o.slug);

describe("every layout at one, typical and maximum items", () => {
  it("builds every fixture without errors", () => {
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(slugs().sort()).toEqual(["others", "stats", "summaries", "timelines"]);
  });

  it("has nothing outside its slide, presenting and printed, and the PDF has the deck's slides", async () => {
    for (const slug of slugs()) {
      // One page at a time: a page in the background gets no animation frames.
      const presenting = await open(slug);
      let total: unknown;
      try {
        expect(await findFitProblems(presenting), `${slug} presenting`).toEqual([]);
        total = await presenting.evaluate("Reveal.getTotalSlides()");
      } finally {
        await presenting.close();
      }
      const printed = await open(slug, "?print-pdf");
      try {
        expect(await findFitProblems(printed), `${slug} print`).toEqual([]);
      } finally {
        await printed.close();
      }
      const pdf = await PDFDocument.load(readFileSync(join(out.path, slug, `${slug}.pdf`)));
      expect(pdf.getPageCount(), slug).toBe(total);
    }
  }, 120_000);
});

describe("the horizontal timeline", () => {
  it("puts every dot on the connector, the connector above the dates, and all dates on one line", async () => {
    const page = await open("timelines", "?print-pdf");
    try {
      const timelines = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".timeline--horizontal")].map((list) => {
          const listRect = list.getBoundingClientRect();
          const line = getComputedStyle(list, "::before");
          const lineTop = listRect.top + Number.parseFloat(line.top);
          const lineCentre = lineTop + Number.parseFloat(line.height) / 2;
          const items = [...list.querySelectorAll<HTMLElement>(".timeline-item")].map((item) => {
            const rect = item.getBoundingClientRect();
            const dot = getComputedStyle(item, "::before");
            const date = (item.querySelector(".timeline-date") as HTMLElement).getBoundingClientRect();
            return { dotCentre: rect.top + Number.parseFloat(dot.top) + Number.parseFloat(dot.height) / 2, dateTop: date.top };
          });
          return { lineCentre, lineBottom: lineTop + Number.parseFloat(line.height), items };
        }),
      );
      expect(timelines.map((timeline) => timeline.items.length)).toEqual([1, 3, 4]);
      for (const timeline of timelines) {
        const firstDate = timeline.items[0]?.dateTop ?? 0;
        for (const item of timeline.items) {
          expect(Math.abs(item.dotCentre - timeline.lineCentre)).toBeLessThanOrEqual(1);
          expect(item.dateTop).toBeGreaterThan(timeline.lineBottom + 8);
          // A three-line entry starts where its neighbours do.
          expect(Math.abs(item.dateTop - firstDate)).toBeLessThanOrEqual(0.5);
        }
      }
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe("the Download PDF link while presenting", () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 1024, height: 768 }, { width: 800, height: 800 }]) {
    it(`is on screen, clickable, and clear of banner, heading and content at ${viewport.width}×${viewport.height}`, async () => {
      const page = await open("others", "", viewport);
      try {
        for (const index of [0, 1, 2]) {
          const boxes = await page.evaluate(async (slideIndex) => {
            const reveal = (window as unknown as { Reveal: { slide(h: number): void; getCurrentSlide(): HTMLElement } }).Reveal;
            reveal.slide(slideIndex);
            await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
            const slide = reveal.getCurrentSlide();
            const rect = (element: Element | null) => {
              if (!element) return undefined;
              const box = element.getBoundingClientRect();
              return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
            };
            const link = slide.querySelector(".deck-download");
            const linkBox = rect(link);
            const centre = linkBox ? document.elementFromPoint((linkBox.left + linkBox.right) / 2, (linkBox.top + linkBox.bottom) / 2) : null;
            return {
              link: linkBox,
              hit: centre === link || (centre !== null && link?.contains(centre) === true),
              banner: rect(slide.querySelector(".banner")),
              header: rect(slide.querySelector(".slide-header")),
              body: rect(slide.querySelector(".slide-body, .title-body")),
              // reveal.js's arrows: those shown on screen (disabled ones are hidden).
              arrows: [...document.querySelectorAll(".reveal .controls button")]
                .filter((button) => getComputedStyle(button).visibility === "visible" && getComputedStyle(button).display !== "none" && button.getClientRects().length > 0)
                .map(rect),
              viewport: { width: innerWidth, height: innerHeight },
            };
          }, index);
          const link = boxes.link;
          expect(link, `slide ${index}`).toBeDefined();
          if (!link) continue;
          expect(boxes.hit, `slide ${index}: the link is the element under its centre`).toBe(true);
          expect(link.left).toBeGreaterThanOrEqual(0);
          expect(link.top).toBeGreaterThanOrEqual(0);
          expect(link.right).toBeLessThanOrEqual(boxes.viewport.width);
          expect(link.bottom).toBeLessThanOrEqual(boxes.viewport.height);
          const arrows = Object.fromEntries(boxes.arrows.map((box, arrow) => [`arrow ${arrow}`, box]));
          for (const [name, box] of Object.entries({ banner: boxes.banner, header: boxes.header, body: boxes.body, ...arrows })) {
            if (!box) continue;
            const overlaps = link.left < box.right && link.right > box.left && link.top < box.bottom && link.bottom > box.top;
            expect(overlaps, `slide ${index}: link overlaps the ${name}`).toBe(false);
          }
        }
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
