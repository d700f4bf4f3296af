import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import { renderDeck } from "../src/render/deck.js";
import { loadTemplates } from "../src/render/templates.js";
import { launchTestBrowser } from "./support/browser.js";
import { ROOT, runCli, temporaryFolder } from "./support/files.js";
import { markdownFiles, parseFixture } from "./support/parse.js";

/** Every valid fixture and the shipped example: the numbering must hold on all of them. */
const BRIEFINGS = [...markdownFiles("test/fixtures/valid"), "content/ots-security.md"];
const KINDS = "test/fixtures/valid/footnote-kinds.md";

interface SlideFootnotes {
  heading: string;
  /** Markers in the slide's heading and body: [marker, "source" | "note"]. */
  markers: [string, string][];
  /** The footnote lines under the slide: marker → text. */
  lines: Record<string, string>;
}

interface DeckFootnotes {
  slides: SlideFootnotes[];
  /** The sources slide's entries: number → text. */
  sources: Record<string, string>;
}

/** What a reader sees of footnotes in a deck, read from Chromium's DOM. */
async function readFootnotes(page: Page, html: string): Promise<DeckFootnotes> {
  await page.setContent(html, { waitUntil: "domcontentloaded" });
  return page.evaluate(() => {
    const text = (element: Element): string => (element.textContent ?? "").replace(/\s+/g, " ").trim();
    const slides = [...document.querySelectorAll("section.slide")].map((slide) => {
      const lines: Record<string, string> = {};
      for (const line of slide.querySelectorAll(".slide-footnotes p")) {
        const sup = line.querySelector("sup");
        if (!sup) continue;
        lines[text(sup)] = text(line).slice(text(sup).length).trim();
      }
      const markers = [...slide.querySelectorAll(".slide-header .footnote-ref, .slide-body .footnote-ref")].map(
        (ref): [string, string] => [text(ref), ref.classList.contains("note-ref") ? "note" : "source"],
      );
      return { heading: text(slide.querySelector("h2") ?? slide), markers, lines };
    });
    const sources: Record<string, string> = {};
    for (const entry of document.querySelectorAll("ol.sources li")) sources[entry.getAttribute("value") ?? ""] = text(entry);
    return { slides, sources };
  });
}

/** The invariant: each marker is explained on its slide, and a source's number is its sources-slide number. */
function checkNumbering(deck: DeckFootnotes, name: string): number {
  let checked = 0;
  for (const slide of deck.slides) {
    for (const [marker, kind] of slide.markers) {
      const where = `${name}, slide "${slide.heading}", marker ${marker}`;
      const line = slide.lines[marker];
      expect(line, `${where}: no footnote line`).toBeDefined();
      if (kind === "note") {
        expect(marker, where).toMatch(/^[a-z]+$/);
        expect(Object.values(deck.sources), `${where}: a note is listed as a source`).not.toContain(line);
      } else {
        expect(marker, where).toMatch(/^\d+$/);
        if (Object.keys(deck.sources).length > 0) expect(deck.sources[marker], where).toBe(line);
      }
      checked++;
    }
  }
  return checked;
}

describe("footnote numbers in the deck", () => {
  let browser: Browser;
  let page: Page;
  const templates = loadTemplates();

  beforeAll(async () => {
    browser = await launchTestBrowser();
    page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(BRIEFINGS)("%s: every marker's number is its entry's number on the sources slide", async (file) => {
    const result = parseFixture(file);
    expect(result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([]);
    if (!result.briefing) throw new Error(`${file} produced no briefing`);
    const deck = await readFootnotes(page, renderDeck(result.briefing, templates).html);
    const markers = deck.slides.reduce((sum, slide) => sum + slide.markers.length, 0);
    expect(checkNumbering(deck, file)).toBe(markers);
  });

  it("numbers source footnotes after the briefed article and letters notes apart from them", async () => {
    const briefing = parseFixture(KINDS).briefing;
    if (!briefing) throw new Error("no briefing");
    const deck = await readFootnotes(page, renderDeck(briefing, templates).html);
    const first = deck.slides.find((slide) => slide.heading === "Projects selected");
    expect(first?.markers).toEqual([["2", "source"], ["a", "note"], ["2", "source"], ["3", "source"]]);
    expect(deck.sources["1"]).toMatch(/^“Commission selects strategic projects”/);
    expect(deck.sources["2"]).toBe("Press release IP/25/864, 25 March 2025.");
    expect(first?.lines.a).toBe("Amounts are rounded to the nearest EUR 0.5 billion.");
    // The notes are on no sources entry; the link in the body is.
    expect(Object.values(deck.sources).join(" ")).not.toMatch(/rounded|announced/);
    expect(Object.values(deck.sources).some((entry) => entry.includes("https://example.org/watch"))).toBe(true);
    // The model carries the one numbering: each source footnote points at its entry.
    for (const footnote of briefing.sections.flatMap((section) => section.footnotes)) {
      const entry = briefing.sources.find((source) => source.footnoteId === footnote.id);
      if (footnote.kind === "note") expect(entry).toBeUndefined();
      else expect(entry?.number).toBe(footnote.number);
    }
  });
});

describe("footnote numbers in the PDF and the handout, read back", () => {
  const root = temporaryFolder();
  const content = join(root.path, "content");
  const out = join(root.path, "out");

  beforeAll(async () => {
    mkdirSync(content, { recursive: true });
    copyFileSync(join(ROOT, KINDS), join(content, "kinds.md"));
    const result = await runCli(["build", "--quiet", "--handout", "--content", content, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 180_000);

  afterAll(() => root.remove());

  const pages = (pdf: string): string[] => {
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
    return Array.from({ length: count }, (_, index) =>
      execFileSync("pdftotext", ["-raw", "-f", String(index + 1), "-l", String(index + 1), pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " "),
    );
  };

  it.each(["kinds.pdf", "kinds-handout.pdf"])("%s: the slide's footnote and the sources slide agree", (name) => {
    expect(readdirSync(join(out, "kinds"))).toContain(name);
    const text = pages(join(out, "kinds", name));
    const slide = text.find((page) => page.includes("Projects selected"));
    expect(slide).toMatch(/2 Press release IP\/25\/864/);
    expect(slide).toMatch(/3 Regulation \(EU\) 2024\/1252/);
    expect(slide).toMatch(/a Amounts are rounded/);
    const sources = text.findLast((page) => page.includes("Sources"));
    expect(sources).toMatch(/2\. Press release IP\/25\/864/);
    expect(sources).toMatch(/3\. Regulation \(EU\) 2024\/1252/);
    expect(sources).not.toMatch(/Amounts are rounded/);
  });
});
