import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uiStrings, UI_LANGUAGES } from "../src/core/ui-strings.js";
import { launchTestBrowser } from "./support/browser.js";
import { ROOT, runCli, temporaryFolder } from "./support/files.js";

// WCAG 2.2 AA in the deck itself: the three briefings that use every layout,
// in a real Chromium, checked with axe-core and by what a keyboard user meets.
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const FIXTURES = join(ROOT, "test/fixtures/a11y");
const out = temporaryFolder();
let browser: Browser;

interface Violation { id: string; impact: string; target: string }

async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return result.violations.flatMap((v) => v.nodes.map((node) => ({ id: v.id, impact: v.impact, target: node.target.join(" ") })));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The speaker view reveal.js opens: a new window, known by the notes it shows. */
async function speakerWindow(deck: Page): Promise<Page> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    for (const candidate of await browser.pages()) {
      if (candidate !== deck && (await candidate.evaluate(() => document.querySelector(".speaker-controls-notes") !== null).catch(() => false))) return candidate;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("no speaker view opened");
}

async function openDeck(slug: string, options: { reducedMotion?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  if (options.reducedMotion) await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
  await page.goto(pathToFileURL(join(out.path, slug, "index.html")).href, { waitUntil: "load" });
  await page.waitForFunction("window.Reveal && Reveal.isReady()");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

beforeAll(async () => {
  const result = await runCli(["build", "--no-pdf", "--content", FIXTURES, "--out", out.path, "--quiet"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  browser = await launchTestBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  out.remove();
});

describe.each(["en-briefing", "tr-briefing", "ar-briefing"])("%s", (slug) => {
  it("has no serious or critical axe violation on any slide", async () => {
    const page = await openDeck(slug);
    const total = (await page.evaluate("Reveal.getTotalSlides()")) as number;
    expect(total).toBe(13);
    for (let index = 0; index < total; index += 1) {
      await page.evaluate((slide) => Reveal.slide(slide), index);
      expect(await axeViolations(page), `slide ${index + 1}`).toEqual([]);
    }
    await page.close();
  }, 120_000);

  it("names every slide as a region: 'Slide 3 of 13: …'", async () => {
    const page = await openDeck(slug);
    const labels = await page.evaluate(() => [...document.querySelectorAll(".slides > section")].map((s) => [s.getAttribute("role"), s.getAttribute("aria-label")]));
    const lang = slug.slice(0, 2);
    const ui = uiStrings(lang);
    labels.forEach(([role, label], index) => {
      expect(role).toBe("region");
      expect(label).toContain(ui.slideLabel.replace("{n}", String(index + 1)).replace("{total}", "13").replace(/\{title\}.*/, ""));
    });
    await page.close();
  });

  it("puts its interface in the briefing's language", async () => {
    const page = await openDeck(slug);
    const ui = uiStrings(slug.slice(0, 2));
    const texts = await page.evaluate(() => ({
      agenda: document.querySelector(".layout-agenda h2")?.textContent,
      sources: document.querySelector(".layout-sources h2")?.textContent,
      audience: document.querySelector(".title-audience")?.textContent,
      tools: document.querySelector(".deck-tools")?.textContent,
    }));
    expect(texts.agenda).toBe(ui.agenda);
    expect(texts.sources).toBe(ui.sources);
    expect(texts.audience).toContain(ui.preparedFor.replace(/\{audience\}.*|.*\{audience\}/g, "").trim());
    expect(texts.tools).toContain(ui.speakerView);
    await page.close();
  });
});

describe("keyboard and controls (English deck)", () => {
  it("shows a visible focus ring on the arrows and on the deck's tools, reached by Tab", async () => {
    const page = await openDeck("en-briefing");
    await page.evaluate(() => Reveal.slide(3));
    const seen = new Map<string, { style: string; width: number }>();
    for (let step = 0; step < 30; step += 1) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return undefined;
        const style = getComputedStyle(element);
        return { name: element.className, style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
      });
      if (focused) seen.set(focused.name, focused);
    }
    for (const name of ["deck-speaker", "deck-help", "deck-keys", "navigate-left enabled", "navigate-right enabled"]) {
      const focus = seen.get(name);
      expect(focus, name).toBeDefined();
      expect(focus?.style, name).not.toBe("none");
      expect(focus?.width, name).toBeGreaterThanOrEqual(2);
    }
    await page.close();
  });

  it("draws the back arrow at 3:1 or more against the slide (no faded arrow)", async () => {
    const page = await openDeck("en-briefing");
    await page.evaluate(() => Reveal.slide(3));
    // Past the arrows' own 0.2 s fade.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const arrow = await page.$eval(".controls .navigate-left", (element) => ({ opacity: getComputedStyle(element).opacity, color: getComputedStyle(element).color }));
    expect(Number(arrow.opacity)).toBe(1);
    const [r, g, b] = (arrow.color.match(/\d+/g) ?? []).map(Number);
    const channel = (value: number): number => { const c = value / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const luminance = 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    expect((1 + 0.05) / (luminance + 0.05)).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it("reaches the speaker view by keyboard, and that view has no serious or critical axe violation", async () => {
    const page = await openDeck("en-briefing");
    const order: string[] = [];
    for (let step = 0; step < 8; step += 1) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.className ?? ""));
    }
    expect(order).toContain("deck-speaker");
    await page.waitForFunction("Reveal.hasPlugin('notes')");
    await page.focus(".deck-speaker");
    await page.keyboard.press("Enter");
    const speaker = await speakerWindow(page);
    await speaker.waitForFunction("document.querySelectorAll('iframe').length >= 2", { timeout: 15_000 });
    expect(await speaker.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await speaker.$eval(".speaker-controls-notes", (element) => element.getAttribute("lang"))).toBe("en");
    expect(await axeViolations(speaker)).toEqual([]);
    await speaker.close();
    await page.close();
  }, 60_000);

  it("turns single-key shortcuts off, and arrows keep working", async () => {
    const page = await openDeck("en-briefing");
    await page.click(".deck-keys");
    expect(await page.$eval(".deck-keys", (element) => element.getAttribute("aria-pressed"))).toBe("false");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("o");
    expect(await page.evaluate(() => Reveal.isOverview())).toBe(false);
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => Reveal.getIndices().h)).toBe(1);
    await page.click(".deck-keys");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("o");
    expect(await page.evaluate(() => Reveal.isOverview())).toBe(true);
    await page.close();
  });

  it("turns transitions off when the reader prefers reduced motion", async () => {
    const page = await openDeck("en-briefing", { reducedMotion: true });
    expect(await page.evaluate(() => Reveal.getConfig().transition)).toBe("none");
    const duration = await page.$eval(".slides > section", (element) => getComputedStyle(element).transitionDuration);
    expect(duration.split(",").every((value) => Number.parseFloat(value) === 0)).toBe(true);
    await page.close();
  });
});

it("translates the interface into at least en, tr, az, ru, ar, fr and de", () => {
  for (const lang of ["en", "tr", "az", "ru", "ar", "fr", "de"]) {
    expect(UI_LANGUAGES).toContain(lang);
    const ui = uiStrings(lang);
    for (const value of Object.values(ui)) expect(value.length).toBeGreaterThan(0);
    expect(ui.slideLabel).toMatch(/\{n\}.*\{total\}.*\{title\}/);
  }
  expect(uiStrings("pt-BR").lang).toBe("en");
});

declare const Reveal: {
  slide(index: number): void;
  isOverview(): boolean;
  getIndices(): { h: number };
  getConfig(): { transition: string };
};
