import { describe, expect, it } from "vitest";
import type { SlideMeasure } from "../../src/fit/measure.js";
import { PREFERRED_SHRINK, SAFETY, SHRINK_FLOOR, describePlan, planFit } from "../../src/fit/plan.js";
import type { FitPlan, SlideFit } from "../../src/render/fit-plan.js";
import type { SlideView } from "../../src/render/slide-views.js";
import { buildSlides } from "../../src/render/slides.js";
import { unitsOf } from "../../src/render/units.js";
import { recorded } from "../support/fit-recordings.js";

/** The one section of a recorded fixture: its slide and measure, changed as given. */
function section(slug: string, change: Partial<SlideMeasure> = {}) {
  const { briefing, slides, measures } = recorded(slug);
  const index = slides.findIndex((slide) => slide.line > 0);
  const slide = slides[index] as SlideView;
  const measure = { ...(measures[index] as SlideMeasure), ...change };
  return { briefing, slide, measure, id: slide.sectionId };
}

const planOne = (slide: SlideView, measure: SlideMeasure, previous: FitPlan = new Map(), tightening = new Map<string, number>()) =>
  planFit({ file: "x.md", slides: [slide], measures: [measure], previous, tightening });

describe("what a final plan did, as notes at the section's line", () => {
  const { briefing, slide } = section("long-list");
  const keys = unitsOf(slide.content).map((unit) => unit.key);
  const notesFor = (fits: SlideFit[]) => describePlan("x.md", buildSlides(briefing, new Map([[slide.sectionId, fits]]))).map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);

  it("counts the slides a section continues on, in the singular for one", () => {
    expect(notesFor([{ keys: keys.slice(0, 15) }, { keys: keys.slice(15) }])).toEqual(['x.md:9:1: note: "Thirty items" continues on 1 more slide']);
    expect(notesFor([{ keys: keys.slice(0, 10) }, { keys: keys.slice(10, 20) }, { keys: keys.slice(20) }])).toEqual(['x.md:9:1: note: "Thirty items" continues on 2 more slides']);
  });

  it("says each slide that shrank, by how much, and nothing of one that grew or kept its size", () => {
    expect(notesFor([{ keys, zoom: 0.874 }])).toEqual(['x.md:9:1: note: "Thirty items" shrunk to 87% to fit']);
    expect(notesFor([{ keys: keys.slice(0, 15), zoom: 0.9 }, { keys: keys.slice(15), zoom: 0.9 }])).toEqual([
      'x.md:9:1: note: "Thirty items" continues on 1 more slide',
      'x.md:9:1: note: "Thirty items" shrunk to 90% to fit',
      'x.md:9:1: note: "Thirty items (cont.)" shrunk to 90% to fit',
    ]);
    expect(notesFor([{ keys, zoom: 1.2 }])).toEqual([]);
    expect(notesFor([{ keys, zoom: 1 }])).toEqual([]);
    expect(notesFor([{ keys }])).toEqual([]);
  });

  it("says when a paragraph continues between sentences", () => {
    const giant = section("giant-paragraph");
    const result = planOne(giant.slide, giant.measure);
    const notes = describePlan("g.md", buildSlides(giant.briefing, result.plan)).map((d) => d.message);
    expect(notes).toContainEqual('a paragraph in "One giant paragraph" is too long for one slide and continues between sentences; consider shortening it');
    expect(notes[0]).toMatch(/^"One giant paragraph" continues on [1-9]\d* more slides?$/);
  });
});

describe("a slide that cannot continue", () => {
  it("shrinks as a whole to the largest hundredth that leaves the safety margin free", () => {
    const { slide, measure, id } = section("shrink-columns");
    expect(slide.fitting.continues).toBe(false);
    const result = planOne(slide, measure);
    const [fit] = result.plan.get(id) ?? [];
    const zoom = fit?.zoom ?? 1;
    expect(result.fits).toBe(false);
    expect(zoom).toBeLessThan(1);
    expect(measure.needed * zoom).toBeLessThanOrEqual(measure.available - SAFETY);
    expect(measure.needed * (zoom + 0.01)).toBeGreaterThan(measure.available - SAFETY);
    expect(Math.round(zoom * 100)).toBe(zoom * 100);
  });

  it("shrinks for its width too, and counts its current scale", () => {
    const { slide, measure, id } = section("shrink-columns", { needed: 400, neededWidth: 1280 });
    const zoom = planOne(slide, measure).plan.get(id)?.[0]?.zoom ?? 1;
    expect(zoom).toBe(Math.floor((1152 / 1280) * 100) / 100);
    const rendered = section("shrink-columns", { needed: 400, neededWidth: 1280, zoom: 0.95 });
    expect(planOne(rendered.slide, rendered.measure).plan.get(id)?.[0]?.zoom).toBe(Math.floor((1152 / (1280 * 0.95)) * 100) / 100);
    // A width within a pixel of the body is not an overflow.
    const within = section("shrink-columns", { needed: 400, neededWidth: 1153 });
    expect(planOne(within.slide, within.measure)).toMatchObject({ fits: true, diagnostics: [] });
  });

  it("is an error at the section's line below the floor", () => {
    const { slide, measure } = section("shrink-columns", { needed: 525 / 0.79 });
    const result = planOne(slide, measure);
    expect(result.diagnostics).toEqual([{
      file: "x.md", line: 9, column: 1, severity: "error",
      message: `columns slide in "Two tracks" does not fit one slide even at ${SHRINK_FLOOR * 100}%; split it into shorter pieces or more sections`,
    }]);
    expect(result.plan.has(slide.sectionId)).toBe(false);
  });
});

describe("a continuing section", () => {
  it("that is one unit too big even at the floor is an error naming that unit", () => {
    const { slide, measure } = section("too-big");
    expect(planOne(slide, measure).diagnostics.map((d) => d.message)).toEqual([
      'code block in "One giant listing" does not fit one slide even at 80%; split it into shorter pieces or more sections',
    ]);
  });

  it("that fits is left alone, within a pixel", () => {
    const { slide, measure } = section("long-list", { needed: 526, neededWidth: 1153 });
    expect(planOne(slide, measure)).toMatchObject({ fits: true, diagnostics: [] });
    expect(planOne(slide, { ...measure, needed: 527 }).fits).toBe(false);
    expect(planOne(slide, { ...measure, neededWidth: 1154 }).fits).toBe(false);
  });

  it("that overflows a little with its plan keeps its parts and shrinks them all by the overflow", () => {
    const { slide, measure, id, briefing } = section("long-list");
    const first = planOne(slide, measure).plan;
    const parts = first.get(id) ?? [];
    expect(parts.length).toBeGreaterThan(1);
    // Render the plan, then say each part overflows by 4 %.
    const planned = buildSlides(briefing, first).filter((view) => view.sectionId === id);
    const over = planned.map(() => ({ ...measure, needed: measure.available * 1.04, units: [] }));
    const again = planFit({ file: "x.md", slides: planned, measures: over, previous: first, tightening: new Map() });
    const rescaled = again.plan.get(id) ?? [];
    expect(rescaled.map((fit) => fit.keys)).toEqual(parts.map((fit) => fit.keys));
    const zoom = rescaled[0]?.zoom ?? 1;
    expect(new Set(rescaled.map((fit) => fit.zoom))).toEqual(new Set([zoom]));
    expect(zoom).toBeLessThanOrEqual((parts[0]?.zoom ?? 1) / 1.04);
    expect(zoom).toBeGreaterThanOrEqual((parts[0]?.zoom ?? 1) / 1.04 - 0.021);
    expect(again.fits).toBe(false);
  });

  it("that overflows more than the preferred shrink allows is planned again with less room, learnt per section", () => {
    const { slide, measure, id, briefing } = section("long-list");
    const first = planOne(slide, measure).plan;
    const planned = buildSlides(briefing, first).filter((view) => view.sectionId === id);
    const far = planned.map((view, index) => ({ ...measure, id: view.id, needed: measure.available / (PREFERRED_SHRINK - 0.05), units: index === 0 ? measure.units : [] }));
    const tightening = new Map<string, number>();
    planFit({ file: "x.md", slides: planned, measures: far, previous: first, tightening });
    const learnt = tightening.get(id) ?? 0;
    expect(learnt).toBeCloseTo(measure.available / (PREFERRED_SHRINK - 0.05) - measure.available + SAFETY, 6);
    planFit({ file: "x.md", slides: planned, measures: far, previous: first, tightening });
    expect(tightening.get(id)).toBeCloseTo(2 * learnt, 6);
  });
});

describe("a sparse slide", () => {
  /** A one-slide section whose content takes `used` of a 500 px body, rendered at `zoom`. */
  function sparse(used: number, change: Partial<SlideMeasure> = {}, fitting: Partial<SlideView["fitting"]> = {}) {
    const { slide, measure } = section("many-stats", { available: 500, needed: 500, used, zoom: 1, ...change });
    return { slide: { ...slide, fitting: { ...slide.fitting, grows: true, spreads: true, ...fitting } }, measure };
  }
  const grownTo = (used: number, change: Partial<SlideMeasure> = {}, fitting: Partial<SlideView["fitting"]> = {}) => {
    const { slide, measure } = sparse(used, change, fitting);
    return planOne(slide, measure).plan.get(slide.sectionId);
  };

  it("grows when it fills less than half its body, toward 62 % of it, by whole hundredths", () => {
    expect(grownTo(249.9)).toEqual([{ zoom: Math.floor(Math.sqrt(0.62 / (249.9 / 500)) * 100) / 100 }]);
    expect(grownTo(200)).toEqual([{ zoom: 1.24 }]);
    expect(grownTo(100)).toEqual([{ zoom: 1.25 }]);
  });

  it("does not grow when half full, empty, already scaled, bodiless, split, or of a layout that does not grow", () => {
    expect(grownTo(250)).toBeUndefined();
    expect(grownTo(0)).toBeUndefined();
    expect(grownTo(100, { zoom: 0.9 })).toBeUndefined();
    expect(grownTo(100, { zoom: 1.1 })).toBeUndefined();
    expect(grownTo(0, { available: 0, needed: 0 })).toBeUndefined();
    expect(grownTo(100, {}, { grows: false })).toBeUndefined();
    const { slide, measure } = sparse(100);
    const two = planFit({ file: "x.md", slides: [slide, { ...slide, id: `${slide.id}-2` }], measures: [measure, measure], previous: new Map(), tightening: new Map() });
    expect(two.plan.get(slide.sectionId)).toBeUndefined();
    expect(two.fits).toBe(true);
  });

  /** The plan after a rendering at the grown limit, from the given previous plan. */
  const after = (previous: SlideFit[], used: number, fitting: Partial<SlideView["fitting"]> = {}) => {
    const { slide, measure } = sparse(used, { zoom: previous[0]?.zoom ?? 1 }, fitting);
    return planOne(slide, measure, new Map([[slide.sectionId, previous]]));
  };

  it("spreads once grown to the limit and still sparse, and asks for one more rendering", () => {
    expect(after([{ zoom: 1.25 }], 200)).toMatchObject({ fits: false, plan: new Map([["s1-many-figures", [{ zoom: 1.25, spread: true }]]]) });
  });

  it("does not spread below the limit, when half full, empty, already spread, split, or of a layout that does not spread", () => {
    const kept = (previous: SlideFit[], used: number, fitting: Partial<SlideView["fitting"]> = {}) => {
      const result = after(previous, used, fitting);
      return [result.fits, [...result.plan.values()][0]];
    };
    expect(kept([{ zoom: 1.2 }], 200)).toEqual([true, [{ zoom: 1.2 }]]);
    expect(kept([{ zoom: 1.25 }], 250)).toEqual([true, [{ zoom: 1.25 }]]);
    expect(kept([{ zoom: 1.25 }], 0)).toEqual([true, [{ zoom: 1.25 }]]);
    expect(kept([{ zoom: 1.25, spread: true }], 200)).toEqual([true, [{ zoom: 1.25, spread: true }]]);
    expect(kept([{ zoom: 1.25 }], 200, { spreads: false })).toEqual([true, [{ zoom: 1.25 }]]);
    expect(kept([{ zoom: 1.25, keys: ["x"] }], 200)).toEqual([true, [{ zoom: 1.25, keys: ["x"] }]]);
  });
});

describe("a continuing section's room", () => {
  const partsOf = (change: Partial<SlideMeasure>) => {
    const { slide, measure, id } = section("long-list", change);
    const result = planOne(slide, measure);
    return { fits: result.plan.get(id) ?? [], diagnostics: result.diagnostics.map((d) => d.message) };
  };

  it("is narrowed by content too wide for the body, which shrinks every part", () => {
    const wide = partsOf({ neededWidth: 1300 });
    expect(wide.fits.length).toBeGreaterThan(1);
    for (const fit of wide.fits) expect(fit.zoom).toBe(Math.floor((1152 / 1300) * 100) / 100);
    expect(partsOf({ neededWidth: 1153 }).fits.every((fit) => fit.zoom === undefined)).toBe(true);
  });

  it("that would need shrinking below the floor for its width is an error naming the first unit", () => {
    expect(partsOf({ neededWidth: 1500 }).diagnostics).toEqual(['list item in "Thirty items" does not fit one slide even at 80%; split it into shorter pieces or more sections']);
  });

  it("loses a heading line on every part after the first when (cont.) makes the heading wrap", () => {
    const plain = partsOf({ headingRoom: 500, continuedWidth: 100, headingLineHeight: 150 }).fits;
    const wrapping = partsOf({ headingRoom: 50, continuedWidth: 100, headingLineHeight: 150 }).fits;
    expect(wrapping.length).toBeGreaterThan(plain.length);
    expect(wrapping[0]?.keys?.length).toBeGreaterThan(wrapping[1]?.keys?.length ?? 0);
    expect(partsOf({ headingRoom: 100, continuedWidth: 100, headingLineHeight: 150 }).fits).toEqual(plain);
  });
});

describe("a split table", () => {
  it("keeps the whole table's column widths on every part, also when planned again", () => {
    const { slide, measure, id, briefing } = section("long-table");
    const first = planOne(slide, measure).plan;
    const parts = first.get(id) ?? [];
    expect(parts.length).toBeGreaterThan(1);
    const columns = parts[0]?.columns;
    expect(columns).toEqual(measure.tables);
    for (const fit of parts) expect(fit.columns).toEqual(columns);
    // Rendered as planned, the parts overflow too far to rescale: planned again from the new measures, which know only the parts.
    const planned = buildSlides(briefing, first).filter((view) => view.sectionId === id);
    const far = planned.map((view, index) => ({ ...measure, id: view.id, tables: {}, needed: measure.available * 1.3, units: index === 0 ? measure.units : [] }));
    const again = planFit({ file: "x.md", slides: planned, measures: far, previous: first, tightening: new Map() }).plan.get(id) ?? [];
    expect(again.length).toBeGreaterThan(1);
    for (const fit of again) expect(fit.columns).toEqual(columns);
  });

  it("that fits on one slide has no column widths", () => {
    const { slide, measure, id } = section("long-table", { needed: 500 });
    expect(planOne(slide, measure).plan.get(id)).toBeUndefined();
  });
});

describe("a planned section measured again", () => {
  /** The long list planned, rendered as planned, and measured with each part changed as given. */
  function replanned(change: (measure: SlideMeasure) => Partial<SlideMeasure>, single = false) {
    const { slide, measure, id, briefing } = section("long-list");
    const keys = unitsOf(slide.content).map((unit) => unit.key);
    const first: FitPlan = single ? new Map([[id, keys.slice(0, 3).map((key) => ({ keys: [key] }))]]) : planOne(slide, measure).plan;
    const planned = buildSlides(briefing, first).filter((view) => view.sectionId === id);
    const measures = planned.map((view) => ({ ...measure, id: view.id, units: [], ...change(measure) }));
    const tightening = new Map<string, number>();
    const result = planFit({ file: "x.md", slides: planned, measures, previous: first, tightening });
    return { before: first.get(id) ?? [], after: result.plan.get(id) ?? [], tightening: tightening.get(id) };
  }

  it("shrinks its parts for content a little too wide, keeping them", () => {
    const { before, after, tightening } = replanned((m) => ({ needed: m.available, neededWidth: 1200 }));
    expect(after.map((fit) => fit.keys)).toEqual(before.map((fit) => fit.keys));
    expect(after.every((fit) => fit.zoom === Math.floor((1152 / 1200) * 100) / 100 - 0.01)).toBe(true);
    expect(tightening).toBeUndefined();
  });

  it("lets parts of one unit each shrink to the floor, but parts of several only to the preferred scale", () => {
    const single = replanned((m) => ({ needed: m.available / 0.86 }), true);
    expect(single.after.map((fit) => fit.zoom)).toEqual([0.85, 0.85, 0.85]);
    expect(single.tightening).toBeUndefined();
    const several = replanned((m) => ({ needed: m.available / 0.86 }));
    expect(several.tightening).toBeGreaterThan(0);
  });
});

describe("footnotes' room", () => {
  it("is taken only from parts that cite a footnote", () => {
    const plain = section("long-list");
    const heavy = section("long-list", { footnoteChrome: 300 });
    expect(planOne(heavy.slide, heavy.measure).plan).toEqual(planOne(plain.slide, plain.measure).plan);
  });
});
