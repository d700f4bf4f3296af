import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markingLevel } from "../src/core/classification.js";
import type { MarkingLevel } from "../src/core/classification.js";
import { renderDeck } from "../src/render/deck.js";
import { BUILT_IN_TEMPLATES, loadTemplates } from "../src/render/templates.js";
import { launchTestBrowser } from "./support/browser.js";
import { parseMarkdown } from "./support/parse.js";

const MARKINGS: [string, MarkingLevel][] = [
  ["UNCLASSIFIED", "unclassified"],
  ["Unclassified//FOUO", "unclassified"],
  ["PUBLIC", "unclassified"],
  ["OFFICIAL", "unclassified"],
  ["OFFICIAL-SENSITIVE", "unclassified"],
  ["CONFIDENTIAL", "confidential"],
  ["CONFIDENTIEL UE/EU CONFIDENTIAL", "confidential"],
  ["SECRET", "secret"],
  ["SECRET//REL TO USA, GBR", "secret"],
  ["S//NF", "secret"],
  ["TOP SECRET", "top-secret"],
  ["TOP SECRET//NOFORN", "top-secret"],
  ["TS//SCI", "top-secret"],
  ["TRÈS SECRET UE/EU TOP SECRET", "top-secret"],
  ["RESTRICTED", "unknown"],
  ["Internal draft", "unknown"],
  ["Secretariat use only", "unknown"],
];

/** Hue family of a colour as a reader would name it. */
function family([r, g, b]: number[]): string {
  const [red, green, blue] = [r ?? 0, g ?? 0, b ?? 0].map((v) => v / 255) as [number, number, number];
  const max = Math.max(red, green, blue);
  const min = Math.min(red, green, blue);
  if (max - min < 0.12) return "neutral";
  let hue = max === red ? ((green - blue) / (max - min)) % 6 : max === green ? (blue - red) / (max - min) + 2 : (red - green) / (max - min) + 4;
  hue = (hue * 60 + 360) % 360;
  if (hue < 15 || hue >= 340) return "red";
  if (hue < 45) return "orange";
  if (hue >= 80 && hue < 170) return "green";
  if (hue >= 190 && hue < 260) return "blue";
  return `hue ${Math.round(hue)}`;
}

/** WCAG 2 contrast ratio of two sRGB colours. */
function contrast(a: number[], b: number[]): number {
  const luminance = (rgb: number[]): number => {
    const [r, g, b2] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const EXPECTED_FAMILY: Record<MarkingLevel, string> = { unclassified: "green", confidential: "blue", secret: "red", "top-secret": "orange", unknown: "neutral" };

describe("classification markings", () => {
  it.each(MARKINGS)("%s is %s", (marking, level) => {
    expect(markingLevel(marking)).toBe(level);
  });
});

describe("classification banners in Chromium", () => {
  let browser: Browser;
  let page: Page;
  const templates = loadTemplates();
  const themeCss = readFileSync(join(BUILT_IN_TEMPLATES, "themes", "briefing.css"), "utf8");

  beforeAll(async () => {
    browser = await launchTestBrowser();
    page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** The computed colours of every banner of a deck marked `marking`, as [background, text] RGB triples. */
  async function bannerColours(marking: string, extraCss = ""): Promise<{ background: number[]; ink: number[] }[]> {
    const briefing = parseMarkdown(`---\ntitle: Banners\ndate: 2026-01-08\nclassification: "${marking}"\n---\n\n## One\n\nText.\n`).briefing;
    if (!briefing) throw new Error("no briefing");
    await page.setContent(renderDeck(briefing, templates).html, { waitUntil: "domcontentloaded" });
    await page.addStyleTag({ content: themeCss + extraCss });
    return page.evaluate(() => {
      const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      return [...document.querySelectorAll(".banner")].map((banner) => ({ background: rgb(getComputedStyle(banner).backgroundColor), ink: rgb(getComputedStyle(banner).color) }));
    });
  }

  it.each(MARKINGS)("%s: a %s banner on every slide, its text at 4.5:1 or more", async (marking, level) => {
    const banners = await bannerColours(marking);
    expect(banners.length).toBeGreaterThanOrEqual(2);
    for (const { background, ink } of banners) {
      expect(family(background)).toBe(EXPECTED_FAMILY[level]);
      expect(contrast(background, ink)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("a theme overrides a marking's colours with custom properties", async () => {
    const banners = await bannerColours("SECRET", ":root { --banner-secret-bg: #5a0a8c; --banner-secret-ink: #fffff0; }");
    expect(banners[0]).toEqual({ background: [90, 10, 140], ink: [255, 255, 240] });
  });
});
