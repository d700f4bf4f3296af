import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SlideMeasure, UnitMeasure } from "../src/fit/measure.js";
import { heightOf, packBalanced, scaleToFit } from "../src/fit/pack.js";
import type { PackUnit } from "../src/fit/pack.js";
import { MINIMUM_FILL, PREFERRED_SHRINK, SAFETY, SHRINK_FLOOR, planFit } from "../src/fit/plan.js";
import type { FitPlan, SlideFit } from "../src/render/fit-plan.js";
import { splitSentences } from "../src/render/sentences.js";
import type { SlideView, UnitView } from "../src/render/slide-views.js";
import { buildSlides } from "../src/render/slides.js";
import { unitsOf } from "../src/render/units.js";
import { ROOT } from "./support/files.js";
import { recorded } from "./support/fit-recordings.js";
import { parseFixture } from "./support/parse.js";

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

describe("invariants of every plan, on every recorded fixture", () => {
  const SLUGS = readdirSync(join(ROOT, "test/fixtures/fit/measures")).map((name) => name.replace(/\.json$/, "")).sort();

  interface Part {
    fit: SlideFit;
    units: UnitMeasure[];
    views: UnitView[];
    height: number;
    notes: number;
    room: number;
  }

  /** The section's parts as planned, with what the measurement says each holds and has room for. */
  function parts(slug: string, tightening = 0): { section: SlideView; measure: SlideMeasure; parts: Part[] } {
    const { slides, measures } = recorded(slug);
    const section0 = slides.find((slide) => slide.line > 0) as SlideView;
    const result = planFit({ file: `${slug}.md`, slides, measures, previous: new Map(), tightening: new Map([[section0.sectionId, tightening]]) });
    const index = slides.findIndex((slide) => slide.line > 0);
    const section = slides[index] as SlideView;
    const measure = measures[index] as SlideMeasure;
    return { section, measure, parts: partsOf(section, measure, result.plan.get(section.sectionId) ?? []) };
  }

  function partsOf(section: SlideView, measure: SlideMeasure, fits: SlideFit[]): Part[] {
    const measured = new Map(measure.units.map((unit) => [unit.key, unit]));
    const views = new Map(unitsOf(section.content).map((unit) => [unit.key, unit]));
    const headingWraps = measure.continuedWidth > measure.headingRoom ? measure.headingLineHeight : 0;
    return fits.map((fit, at) => {
      const units = (fit.keys ?? []).flatMap((key) => measured.get(key) ?? []);
      const partViews = (fit.keys ?? []).flatMap((key) => views.get(key) ?? []);
      const cited = new Set(partViews.flatMap((view) => view.footnotes));
      const notes = cited.size === 0 ? 0 : measure.footnoteChrome + [...cited].reduce((sum, marker) => sum + (measure.footnoteHeights[marker] ?? 0), 0);
      const first = units[0];
      const last = units[units.length - 1];
      return {
        fit, units, views: partViews, notes,
        height: first && last ? last.bottom - first.top : 0,
        room: measure.available + measure.footnoteArea - notes - (at > 0 ? headingWraps : 0),
      };
    });
  }

  /** Split sections whose parts are measured units (not sentences estimated from a paragraph). */
  const measuredSplits = (): string[] => SLUGS.filter((slug) => {
    const planned = parts(slug).parts;
    return planned.length > 1 && planned.every((part) => part.units.length === (part.fit.keys?.length ?? -1));
  });

  it("the recordings are of today's rendering: the same slides and units, in order", () => {
    expect(SLUGS.length).toBeGreaterThanOrEqual(13);
    for (const slug of SLUGS) {
      const { slides, measures } = recorded(slug);
      expect(measures.map((m) => m.id), slug).toEqual(slides.map((slide) => slide.id));
      measures.forEach((measure, index) => {
        const slide = slides[index] as SlideView;
        if (slide.kind === "chart") return;
        expect(measure.units.map((unit) => unit.key), `${slug} ${slide.id}`).toEqual(unitsOf(slide.content).map((unit) => unit.key));
      });
    }
  });

  it("splits the long fixtures, every unit once and in order", () => {
    expect(measuredSplits()).toEqual(expect.arrayContaining(["footnotes-split", "lettered-notes", "long-list", "long-table", "long-text", "long-timeline", "many-stats", "numbered-list"]));
    for (const slug of measuredSplits()) {
      const { measure, parts: planned } = parts(slug);
      expect(planned.flatMap((part) => part.fit.keys), slug).toEqual(measure.units.map((unit) => unit.key));
    }
  });

  it("overflows nothing: each part, at its scale, with the footnotes it cites, within the measured body less the safety margin and any room learnt", () => {
    for (const [slug, tightening] of measuredSplits().flatMap((slug) => [[slug, 0], [slug, 60]] as const)) {
      const planned = parts(slug, tightening).parts;
      expect(planned.length, slug).toBeGreaterThan(1);
      for (const [index, part] of planned.entries()) {
        const zoom = part.fit.zoom ?? 1;
        expect(zoom, `${slug} part ${index}`).toBeGreaterThanOrEqual(SHRINK_FLOOR);
        // Running text rewraps as it shrinks (its height falls about with the scale's square); the rest scales linearly.
        const reflows = part.views.every((view) => view.reflows);
        const scaled = zoom === 1 ? part.height : part.height * (reflows ? (zoom / 0.98) ** 2 : zoom);
        expect(scaled, `${slug} part ${index}, ${tightening} px learnt`).toBeLessThanOrEqual(part.room - SAFETY - tightening);
      }
    }
  });

  it("balances the parts: none is a short remainder, and no one unit moved between neighbours makes the fullest part emptier", () => {
    const fill = (part: Part): number => part.height / (part.room - SAFETY);
    const worst = (planned: Part[]): number => Math.max(...planned.map(fill));
    for (const slug of measuredSplits()) {
      const { section, measure, parts: planned } = parts(slug);
      for (const part of planned) expect(fill(part), slug).toBeGreaterThanOrEqual(MINIMUM_FILL);
      const keys = planned.map((part) => part.fit.keys ?? []);
      for (let at = 0; at + 1 < keys.length; at++) {
        const left = keys[at] as string[];
        const right = keys[at + 1] as string[];
        const moves = [
          [left.slice(0, -1), [...left.slice(-1), ...right]],
          [[...left, ...right.slice(0, 1)], right.slice(1)],
        ];
        for (const [newLeft, newRight] of moves) {
          if (!newLeft?.length || !newRight?.length) continue;
          const moved = partsOf(section, measure, keys.map((part, index) => ({ keys: index === at ? newLeft : index === at + 1 ? newRight : part })));
          // Only a division the planner could have chosen: every part fits at 90% at least, none is a short remainder.
          const possible = moved.every((part) => fill(part) >= MINIMUM_FILL && (
            part.units.length === 1 || scaleToFit(part.room - SAFETY, part.height, part.views.every((view) => view.reflows)) >= PREFERRED_SHRINK));
          if (possible) expect(worst(moved), `${slug}: moving a unit between parts ${at + 1} and ${at + 2}`).toBeGreaterThanOrEqual(worst(planned) - 1e-9);
        }
      }
    }
  });

  it("moves the footnotes with the units citing them: each slide shows exactly what its units cite, and every footnote once", () => {
    for (const slug of ["footnotes-split", "lettered-notes"]) {
      const folder = slug === "lettered-notes" ? "test/fixtures/fit/notes" : "test/fixtures/fit/content";
      const briefing = parseFixture(`${folder}/${slug}.md`).briefing;
      if (!briefing) throw new Error(`${slug} does not parse`);
      const { section } = parts(slug);
      const { slides, measures } = recorded(slug);
      const plan = planFit({ file: slug, slides, measures, previous: new Map(), tightening: new Map() }).plan;
      const laidOut = buildSlides(briefing, plan).filter((slide) => slide.sectionId === section.sectionId);
      expect(laidOut.length, slug).toBeGreaterThan(1);
      for (const slide of laidOut) {
        const cited = unitsOf(slide.content).flatMap((unit) => unit.footnotes);
        expect(slide.footnotes.map((footnote) => footnote.marker), `${slug} ${slide.id}`).toEqual(cited);
      }
      expect(laidOut.flatMap((slide) => slide.footnotes)).toEqual(section.footnotes);
    }
  });

  it("gives lettered notes their own measured room: a part with more notes holds less text", () => {
    const { parts: planned } = parts("lettered-notes");
    for (const part of planned) expect(part.notes).toBeGreaterThan(part.views.length * 40);
  });

  it("is deterministic, and decides by the units' properties, never their names", () => {
    for (const slug of SLUGS) {
      const { slides, measures } = recorded(slug);
      const once = planFit({ file: slug, slides, measures, previous: new Map(), tightening: new Map() });
      const again = planFit({ file: slug, slides: recorded(slug).slides, measures, previous: new Map(), tightening: new Map() });
      expect(again, slug).toEqual(once);
      // Renaming every layout and unit changes nothing: only messages use names.
      const renamed = structuredClone(slides).map((slide) => ({ ...slide, kind: "text" as const }));
      for (const slide of renamed) for (const unit of unitsOf(slide.content)) unit.noun = "thing";
      const byProperties = planFit({ file: slug, slides: renamed, measures, previous: new Map(), tightening: new Map() });
      expect(byProperties.plan, slug).toEqual(once.plan);
      expect(byProperties.diagnostics.map((d) => d.line), slug).toEqual(once.diagnostics.map((d) => d.line));
    }
    // Text that does not rewrap must shrink further for the same room.
    const { slides, measures } = recorded("shrink-paragraph");
    const zoomOf = (views: SlideView[]): number => planFit({ file: "x", slides: views, measures, previous: new Map(), tightening: new Map() }).plan.get(views[1]?.sectionId ?? "")?.[0]?.zoom ?? 1;
    const rigid = structuredClone(slides);
    for (const slide of rigid) for (const unit of unitsOf(slide.content)) Object.assign(unit, { reflows: false, splits: false });
    expect(zoomOf(rigid)).toBeLessThan(zoomOf(slides));
    // Text that may split between sentences does, rather than shrink below 90%, when it does not rewrap.
    const divisible = structuredClone(rigid);
    for (const slide of divisible) for (const unit of unitsOf(slide.content)) unit.splits = true;
    const planned = planFit({ file: "x", slides: divisible, measures, previous: new Map(), tightening: new Map() }).plan.get(slides[1]?.sectionId ?? "");
    expect(planned?.flatMap((fit) => fit.keys ?? []).every((key) => /^b0\.s\d+$/.test(key))).toBe(true);
  });
});
