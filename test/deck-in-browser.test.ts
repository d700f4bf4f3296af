import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchTestBrowser } from "./support/browser.js";
import { findFitProblems } from "./support/fit-check.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, runCli, temporaryFolder } from "./support/files.js";

const require = createRequire(import.meta.url);
const out = temporaryFolder();
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];
let expectedSlides = 0;

beforeAll(async () => {
  const result = await runCli(["build", "--no-pdf", "--content", EXAMPLE_CONTENT, "--out", out.path, "--quiet"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expectedSlides = (JSON.parse(readFileSync(join(out.path, EXAMPLE_SLUG, "briefing.json"), "utf8")) as { slides: number }).slides;
  browser = await launchTestBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(join(out.path, EXAMPLE_SLUG, "index.html")).href, { waitUntil: "load" });
  await page.waitForFunction("window.Reveal && Reveal.isReady()");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
});

afterAll(async () => {
  await browser?.close();
  out.remove();
});

describe("the example deck in a real Chromium", () => {
  it("has every slide the build reported, through reveal.js's API", async () => {
    expect(expectedSlides).toBeGreaterThanOrEqual(12);
    expect(await page.evaluate("Reveal.getTotalSlides()")).toBe(expectedSlides);
  });

  it("logs no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("requests nothing outside its own output folder", () => {
    const deckFolder = pathToFileURL(join(out.path, EXAMPLE_SLUG)).href + "/";
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((url) => !url.startsWith(deckFolder))).toEqual([]);
  });

  it("loads the shipped fonts", async () => {
    const families = await page.evaluate(() =>
      [...document.fonts].filter((font) => font.status === "loaded").map((font) => font.family.replace(/"/g, "")),
    );
    expect(new Set(families)).toContain("Source Sans 3");
  });

  it("keeps every element of every slide inside the slide, and no body overflows", async () => {
    expect(await findFitProblems(page)).toEqual([]);
  });

  it("has speaker notes in the deck and shows none of them on the slides", async () => {
    const notes = await page.evaluate(() =>
      [...document.querySelectorAll("aside.notes")].map((aside) => (aside as HTMLElement).offsetHeight),
    );
    expect(notes.length).toBeGreaterThanOrEqual(4);
    expect(notes.every((height) => height === 0)).toBe(true);
  });

  it("opens the speaker view with S, showing the current slide's notes", async () => {
    await page.waitForFunction("Reveal.hasPlugin('notes')");
    await page.evaluate("Reveal.slide(2)");
    const popup = new Promise<string>((resolve) => {
      browser.once("targetcreated", (target: { type(): string; url(): string }) => resolve(target.type()));
    });
    await page.keyboard.press("s");
    expect(await popup).toBe("page");
    // The popup is the newest page (the browser also keeps its first, blank one).
    const speaker = (await browser.pages()).at(-1);
    expect(speaker).not.toBe(page);
    await speaker?.waitForFunction("(document.querySelector('.speaker-controls-notes')?.textContent ?? '').includes('Bottom line first')", { timeout: 15_000 });
    await speaker?.close();
  });

  it("has no serious or critical accessibility violation (axe-core)", async () => {
    await page.evaluate("Reveal.slide(0)");
    await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document);
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
});
