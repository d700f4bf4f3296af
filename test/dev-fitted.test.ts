import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/dev/server.js";
import type { DevServer } from "../src/dev/server.js";
import { launchTestBrowser } from "./support/browser.js";
import { openLive } from "./support/dev.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, temporaryFolder } from "./support/files.js";

const HEADING = "## From cultural forum to security platform";

/** Slides whose content runs past the slide's bottom edge, measured in the open page. */
const OVERFLOWING = `[...document.querySelectorAll(".reveal .slides > section")].filter((slide) => slide.scrollHeight > slide.clientHeight + 1).length`;

describe("briefdeck dev: an open deck only ever shows fitted slides", () => {
  const root = temporaryFolder("briefdeck-fitted-");
  const content = join(root.path, "content");
  const out = join(root.path, "dist");
  const deck = join(content, `${EXAMPLE_SLUG}.md`);
  const log: string[] = [];
  let server: DevServer;
  let browser: Browser;
  let page: Page;
  /** Every document the page loaded, with the number of slides it had once reveal.js was ready. */
  const loads: number[] = [];

  beforeAll(async () => {
    cpSync(EXAMPLE_CONTENT, content, { recursive: true });
    [server, browser] = await Promise.all([
      startDevServer({ contentDir: content, outDir: out, pdf: true, port: 0, concurrency: 2, watchBuiltInTemplates: false, log: (line) => log.push(line) }),
      launchTestBrowser(),
    ]);
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    // Each document reports its slide count as soon as reveal.js is ready, before anything else can change it.
    await page.exposeFunction("briefdeckTestLoaded", (slides: number) => {
      loads.push(slides);
    });
    await page.evaluateOnNewDocument(`
      addEventListener("DOMContentLoaded", () => {
        const report = () => window.briefdeckTestLoaded(Reveal.getTotalSlides());
        if (window.Reveal && Reveal.isReady()) report(); else if (window.Reveal) Reveal.on("ready", report);
      });
    `);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    root.remove();
  });

  it("reloads once after a save, with the fitted deck; the PDF that follows does not reload it again", async () => {
    const summary = (): { slides: number } => JSON.parse(readFileSync(join(out, EXAMPLE_SLUG, "briefing.json"), "utf8")) as { slides: number };
    const landed = (): number => log.filter((line) => line.startsWith(`PDF of ${EXAMPLE_SLUG} updated`)).length;
    const waitFor = async (check: () => boolean, what: string): Promise<void> => {
      const deadline = Date.now() + 60_000;
      while (!check()) {
        expect(Date.now(), `${what}\n${log.join("\n")}`).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitFor(() => landed() >= 1, "the first PDF");
    await openLive(page, `${server.url}${EXAMPLE_SLUG}/index.html#/3`);
    await waitFor(() => loads.length === 1, "the first load");
    const fitted = summary().slides;
    expect(loads[0]).toBe(fitted);
    expect(await page.evaluate(OVERFLOWING)).toBe(0);

    // A longer section: fitting must split it, so an unfitted deck would have fewer slides.
    const longer = Array.from({ length: 12 }, (_, index) => `- Added point ${index + 1}, long enough to take a line of its own on the slide.`).join("\n");
    writeFileSync(deck, readFileSync(deck, "utf8").replace(HEADING, `${HEADING}\n\n${longer}\n`));
    const before = landed();
    await waitFor(() => loads.length === 2, "the reload after the save");
    expect(await page.evaluate(OVERFLOWING)).toBe(0);
    await waitFor(() => landed() > before, "the PDF after the save");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(loads, log.join("\n")).toHaveLength(2);
    expect(loads[1]).toBe(summary().slides);
    expect(loads[1]).toBeGreaterThan(fitted);
    expect(await page.evaluate("Reveal.getIndices().h")).toBe(3);
  }, 120_000);

  it("prints what a save changed, not every fitting note again", async () => {
    const landed = (): number => log.filter((line) => line.startsWith(`PDF of ${EXAMPLE_SLUG} updated`)).length;
    const notesBefore = log.filter((line) => line.includes(": note: "));
    expect(notesBefore.length, log.join("\n")).toBeGreaterThan(0);
    const start = log.length;
    const before = landed();
    // A word changed on the title slide: the same slides, split the same way.
    writeFileSync(deck, readFileSync(deck, "utf8").replace("after the Gabala summit", "after the Gabala summit, revised"));
    const deadline = Date.now() + 60_000;
    while (landed() === before) {
      expect(Date.now(), log.join("\n")).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const printed = log.slice(start);
    expect(printed.filter((line) => line.includes(": note: ")), printed.join("\n")).toEqual([]);
    expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^${EXAMPLE_SLUG}: \\d+ fitting notes? as before$`)));
    expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^rebuilt ${EXAMPLE_SLUG} \\(\\d+ slides\\) in \\d+ ms`)));
  }, 120_000);
});
