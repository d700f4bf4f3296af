import { describe, expect, it } from "vitest";
import type { Briefing } from "../../src/core/model.js";
import { cleanHtmlThoroughly, isAllowedHref } from "../../src/input/parse/sanitize.js";
import { markdownFiles, parseFixture, readFixture } from "../support/parse.js";

/**
 * What must hold of every parsed briefing, whatever its content: the rules the
 * parser snapshots record for each valid fixture, stated once for all of them,
 * so that a snapshot accepted with a wrong value still fails here.
 */
const VALID = "test/fixtures/valid";

/** Every HTML string of a briefing, with where it came from. */
function htmlOf(briefing: Briefing): [string, string][] {
  const found: [string, string][] = [["lede", briefing.ledeHtml]];
  const walk = (where: string, value: unknown): void => {
    if (typeof value === "string") return;
    if (Array.isArray(value)) { value.forEach((item, index) => walk(`${where}[${index}]`, item)); return; }
    if (value === null || typeof value !== "object") return;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string" && /html$/i.test(key)) found.push([`${where}.${key}`, item]);
      else if ((key === "items" || key === "rows") && Array.isArray(item)) item.forEach((text, index) => typeof text === "string" && found.push([`${where}.${key}[${index}]`, text]));
      else walk(`${where}.${key}`, item);
    }
  };
  walk("sections", briefing.sections);
  walk("sources", briefing.sources);
  return found;
}

describe.each(markdownFiles(VALID))("%s", (file) => {
  const { briefing } = parseFixture(file);
  const lines = readFixture(file).split(/\r\n|\r|\n/).length;

  it("parses", () => expect(briefing).toBeDefined());
  if (!briefing) return;

  it("numbers each source footnote as its entry on the sources slide, and notes apart from them", () => {
    for (const footnote of briefing.sections.flatMap((section) => section.footnotes)) {
      const entry = briefing.sources.find((source) => source.footnoteId === footnote.id);
      if (footnote.kind === "note") {
        expect(entry, footnote.id).toBeUndefined();
        expect(footnote.marker).toMatch(/^[a-z]+$/);
      } else {
        expect(entry?.number, footnote.id).toBe(footnote.number);
        expect(footnote.marker).toBe(String(footnote.number));
      }
    }
    expect(briefing.sources.map((source) => source.number)).toEqual(briefing.sources.map((_, index) => index + 1));
  });

  it("places each section inside the file, in order, and gives it a unique id", () => {
    let previous = 0;
    for (const section of briefing.sections) {
      expect(section.position.file).toBe(file);
      expect(section.position.line).toBeGreaterThan(previous);
      expect(section.endLine).toBeGreaterThanOrEqual(section.position.line);
      expect(section.endLine).toBeLessThanOrEqual(lines);
      previous = section.endLine;
    }
    const ids = briefing.sections.map((section) => section.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it("holds only HTML the final sanitiser leaves as it is, and only allowed links", () => {
    for (const [where, html] of htmlOf(briefing)) {
      expect(cleanHtmlThoroughly(html), where).toBe(html);
      for (const match of html.matchAll(/href="([^"]*)"/g)) expect(isAllowedHref((match[1] ?? "").replace(/&amp;/g, "&")), `${where}: ${match[1]}`).toBe(true);
    }
  });

  it("keeps images inside the content folder", () => {
    for (const image of briefing.images) {
      expect(image.contentPath).not.toMatch(/(^|\/)\.\.(\/|$)|^\//);
      expect(image.outputPath).not.toMatch(/(^|\/)\.\.(\/|$)|^\//);
    }
  });
});
