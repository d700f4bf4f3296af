import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SlideMeasure } from "../src/fit/measure.js";
import { heightOf, packBalanced } from "../src/fit/pack.js";
import type { PackUnit } from "../src/fit/pack.js";
import { PREFERRED_SHRINK, SHRINK_FLOOR, planFit } from "../src/fit/plan.js";
import type { FitPlan, SlideFit } from "../src/render/fit-plan.js";
import { splitSentences } from "../src/render/sentences.js";
import type { SlideView } from "../src/render/slide-views.js";
import { buildSlides } from "../src/render/slides.js";
import { ROOT } from "./support/files.js";
import { parseFixture } from "./support/parse.js";

/**
 * Measurements recorded from Chromium on the stress fixtures (first rendering,
 * before any fitting; scripts/record-fit-measures.mjs), with the slides built
 * again from the same Markdown: no browser here.
 */
function recorded(slug: string): { slides: SlideView[]; measures: SlideMeasure[] } {
  const folder = existsSync(join(ROOT, "test/fixtures/fit/content", `${slug}.md`)) ? "test/fixtures/fit/content" : "test/fixtures/fit/notes";
  const { briefing, diagnostics } = parseFixture(`${folder}/${slug}.md`);
  if (!briefing) throw new Error(`${slug} does not parse: ${diagnostics.map((d) => d.message).join("; ")}`);
  const measures = JSON.parse(readFileSync(join(ROOT, "test/fixtures/fit/measures", `${slug}.json`), "utf8")) as SlideMeasure[];
  return { slides: buildSlides(briefing), measures };
}

function plan(slug: string, previous: FitPlan = new Map()): { fits: SlideFit[]; diagnostics: unknown[] } {
  const { slides, measures } = recorded(slug);
  const result = planFit({ file: `${slug}.md`, slides, measures, previous, tightening: new Map() });
  const section = slides.find((slide) => slide.line > 0)?.sectionId ?? "";
  return { fits: result.plan.get(section) ?? [], diagnostics: result.diagnostics };
}

const sizes = (fits: SlideFit[]): number[] => fits.map((fit) => fit.keys?.length ?? 0);

describe("balanced continuations, on recorded measurements", () => {
  it("divides 16 timeline entries 8 + 8 and 12 stat tiles 6 + 6, at full size", () => {
    expect(sizes(plan("long-timeline").fits)).toEqual([8, 8]);
    expect(sizes(plan("many-stats").fits)).toEqual([6, 6]);
    expect(plan("many-stats").fits.every((fit) => fit.zoom === undefined)).toBe(true);
  });

  it("divides a 40-row table into parts within one row of each other, each with the whole table's column widths", () => {
    const { fits } = plan("long-table");
    const counts = sizes(fits);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    const widths = fits.map((fit) => fit.columns?.b0);
    expect(widths[0]).toHaveLength(4);
    expect(widths.every((w) => JSON.stringify(w) === JSON.stringify(widths[0]))).toBe(true);
    // The name column is wider than the year column, as measured: widths are not just equal shares.
    expect((widths[0]?.[0] ?? 0)).toBeGreaterThan(widths[0]?.[1] ?? 0);
  });

  it("keeps every unit once and in order", () => {
    for (const slug of ["long-list", "long-table", "long-timeline", "many-stats", "footnotes-split"]) {
      const { slides, measures } = recorded(slug);
      const keys = plan(slug).fits.flatMap((fit) => fit.keys ?? []);
      const measured = measures.find((m) => m.id === slides.find((s) => s.line > 0)?.id)?.units.map((u) => u.key);
      expect(keys, slug).toEqual(measured);
    }
  });

  it("shrinks a paragraph a little (not below 90%) rather than split it", () => {
    const { fits } = plan("shrink-paragraph");
    expect(fits).toHaveLength(1);
    expect(fits[0]?.zoom).toBeGreaterThanOrEqual(PREFERRED_SHRINK);
    expect(fits[0]?.zoom).toBeLessThan(1);
  });

  it("splits a paragraph too long even alone between its sentences, each sentence once", () => {
    const { slides } = recorded("giant-paragraph");
    const { fits, diagnostics } = plan("giant-paragraph");
    expect(diagnostics).toEqual([]);
    expect(fits.length).toBeGreaterThan(1);
    const content = slides[1]?.content;
    const paragraph = content?.layout === "text" ? content.blocks[0]?.html ?? "" : "";
    const sentences = splitSentences(paragraph) ?? [];
    expect(sentences.length).toBeGreaterThan(10);
    expect(fits.flatMap((fit) => fit.keys)).toEqual(sentences.map((_, index) => `b0.s${index}`));
    // No part is a lone sentence or two.
    expect(Math.min(...sizes(fits))).toBeGreaterThanOrEqual(3);
  });

  it("is deterministic: the same measurements give the same plan", () => {
    for (const slug of ["long-table", "giant-paragraph", "many-stats"]) expect(plan(slug)).toEqual(plan(slug));
  });
});

describe("the packer", () => {
  const units = (heights: number[], reflows = false): PackUnit[] =>
    heights.map((height, index) => ({ key: `u${index}`, height, advance: height + 10, reflows }));
  const options = { roomFor: () => 500, preferredShrink: PREFERRED_SHRINK, floor: SHRINK_FLOOR, minimumFill: 0.2 };

  it("gives 14 equal items 7 + 7, not 12 + 2", () => {
    // 14 × 40 px need 550 px; 460 px take 11 at most, so greedy packing would leave 11 + 3.
    const packed = packBalanced(units(Array<number>(14).fill(30)), { ...options, roomFor: () => 460 });
    expect(packed?.parts.map((part) => part.length)).toEqual([7, 7]);
    expect(packed?.zoom).toBe(1);
  });

  it("prefers shrinking to no less than 90% to splitting off a small remainder", () => {
    // 12 items need 470 + 40 = 510 px of 500: a 2% shrink, not a slide with one item.
    const packed = packBalanced(units([...Array<number>(11).fill(30), 30]), { ...options, roomFor: () => 425 });
    expect(packed?.parts).toHaveLength(1);
    expect(packed?.zoom).toBeGreaterThanOrEqual(PREFERRED_SHRINK);
    expect(packed?.zoom).toBeLessThan(1);
  });

  it("never leaves a part that is one short line", () => {
    // A block filling its slide and a two-line remainder: a part of 16% is refused, and the section shrinks instead.
    const packed = packBalanced(units([480, 80]), options);
    expect(packed?.parts).toHaveLength(1);
    expect(packed?.zoom).toBeGreaterThanOrEqual(SHRINK_FLOOR);
    // With room to spare, the parts are balanced and none is short.
    const balanced = packBalanced(units([200, 200, 200, 20]), options);
    expect(balanced?.parts.map((part) => part.length)).toEqual([2, 2]);
    for (const part of balanced?.parts ?? []) expect(heightOf(part) / 500).toBeGreaterThanOrEqual(0.2);
  });

  it("shrinks one unit too big alone down to the floor, and gives up below it", () => {
    expect(packBalanced(units([560]), options)?.zoom).toBeGreaterThanOrEqual(SHRINK_FLOOR);
    expect(packBalanced(units([700]), options)).toBeUndefined();
  });
});

describe("sparse slides grow", () => {
  /** The recorded stats slide, with its content taking `used` px of its body. */
  function sparse(used: number): { fits: SlideFit[] | undefined; fitsAtOnce: boolean } {
    const { slides, measures } = recorded("many-stats");
    const slide = slides[1] as SlideView;
    const measure = { ...(measures[1] as SlideMeasure), needed: (measures[1] as SlideMeasure).available, used };
    const result = planFit({ file: "x.md", slides: [slide], measures: [measure], previous: new Map(), tightening: new Map() });
    return { fits: result.plan.get(slide.sectionId), fitsAtOnce: result.fits };
  }

  it("grows a slide filling less than half its body, up to 125%, and asks for a new rendering", () => {
    expect(sparse(100)).toEqual({ fits: [{ zoom: 1.25 }], fitsAtOnce: false });
    const middling = sparse(0.45 * 525)?.fits?.[0]?.zoom ?? 0;
    expect(middling).toBeGreaterThan(1);
    expect(middling).toBeLessThan(1.25);
  });

  it("leaves a slide filling half its body or more as it is", () => {
    expect(sparse(0.55 * 525)).toEqual({ fits: undefined, fitsAtOnce: true });
  });

  it("keeps a grown slide's scale once it fits (the plan is stable)", () => {
    const { slides, measures } = recorded("many-stats");
    const slide = slides[1] as SlideView;
    const previous: FitPlan = new Map([[slide.sectionId, [{ zoom: 1.2 }]]]);
    const measure = { ...(measures[1] as SlideMeasure), zoom: 1.2, needed: 400, used: 300 };
    const result = planFit({ file: "x.md", slides: [slide], measures: [measure], previous, tightening: new Map() });
    expect(result.fits).toBe(true);
    expect(result.plan.get(slide.sectionId)).toEqual([{ zoom: 1.2 }]);
  });

  it("spreads a slide grown to the limit that is still sparse, and drops the spreading if that ever overflows", () => {
    const { slides, measures } = recorded("many-stats");
    // A stats slide whose layout spreads (as a summary's does).
    const stats = slides[1] as SlideView;
    const slide = { ...stats, fitting: { ...stats.fitting, spreads: true } };
    const grown: FitPlan = new Map([[slide.sectionId, [{ zoom: 1.25 }]]]);
    const sparseMeasure = { ...(measures[1] as SlideMeasure), zoom: 1.25, available: 420, needed: 420, used: 150 };
    const spreading = planFit({ file: "x.md", slides: [slide], measures: [sparseMeasure], previous: grown, tightening: new Map() });
    expect(spreading.plan.get(slide.sectionId)).toEqual([{ zoom: 1.25, spread: true }]);
    expect(spreading.fits).toBe(false);
    const overflowing = { ...sparseMeasure, needed: 460 };
    const back = planFit({ file: "x.md", slides: [slide], measures: [overflowing], previous: spreading.plan, tightening: new Map() });
    expect(back.plan.get(slide.sectionId)).toEqual([{ zoom: 1.25 }]);
  });
});
