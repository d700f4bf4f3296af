import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SlideMeasure } from "../src/fit/measure.js";
import { SHRINK_FLOOR, planFit } from "../src/fit/plan.js";
import type { PlanResult } from "../src/fit/plan.js";
import type { FitPlan } from "../src/render/fit-plan.js";
import type { SlideView } from "../src/render/slide-views.js";
import { buildSlides } from "../src/render/slides.js";
import { unitsOf } from "../src/render/units.js";
import { ROOT } from "./support/files.js";
import { parseFixture } from "./support/parse.js";

/**
 * The planner on measurements recorded from real renderings in Chromium
 * (test/fixtures/fit/measures, written by scripts/record-fit-measures.mjs):
 * no browser here, so every case runs in milliseconds.
 */

interface Scenario {
  file: string;
  slides: SlideView[];
  measures: SlideMeasure[];
  briefing: NonNullable<ReturnType<typeof parseFixture>["briefing"]>;
}

function scenario(slug: string, folder = "test/fixtures/fit/content"): Scenario {
  const file = `${folder}/${slug}.md`;
  const { briefing, diagnostics } = parseFixture(file);
  if (!briefing) throw new Error(`${file} does not parse: ${diagnostics.map((d) => d.message).join("; ")}`);
  const measures = JSON.parse(readFileSync(join(ROOT, "test/fixtures/fit/measures", `${slug}.json`), "utf8")) as SlideMeasure[];
  return { file, briefing, slides: buildSlides(briefing), measures };
}

function plan(s: Pick<Scenario, "file" | "slides" | "measures">, previous: FitPlan = new Map()): PlanResult {
  return planFit({ file: s.file, slides: s.slides, measures: s.measures, previous, tightening: new Map() });
}

/** The one section of a fit fixture (after its title slide). */
function section(s: Scenario): { slide: SlideView; measure: SlideMeasure } {
  const slide = s.slides[1];
  const measure = s.measures[1];
  if (!slide || !measure) throw new Error(`${s.file}: no section slide`);
  return { slide, measure };
}

const SPLITS = ["long-list", "long-table", "long-text", "long-timeline", "many-stats", "numbered-list", "footnotes-split", "list-and-figure"];

describe("planFit on recorded measurements", () => {
  it.each([...SPLITS, "shrink-paragraph", "shrink-columns", "too-big"])("%s: the recording is of this rendering", (slug) => {
    const s = scenario(slug);
    expect(s.measures.map((m) => m.id)).toEqual(s.slides.map((slide) => slide.id));
    for (const [index, measure] of s.measures.entries()) {
      expect(measure.units.map((unit) => unit.key)).toEqual(unitsOf(s.slides[index]?.content ?? { layout: "section" }).map((unit) => unit.key));
    }
  });

  it.each(SPLITS)("%s: splits the section, every unit once and in order, each slide within its room", (slug) => {
    const s = scenario(slug);
    const { slide, measure } = section(s);
    const result = plan(s);
    expect(result.fits).toBe(false);
    expect(result.diagnostics).toEqual([]);
    const fits = result.plan.get(slide.sectionId) ?? [];
    expect(fits.length).toBeGreaterThan(1);
    expect(fits.flatMap((fit) => fit.keys ?? [])).toEqual(measure.units.map((unit) => unit.key));
    const units = new Map(measure.units.map((unit) => [unit.key, unit]));
    for (const fit of fits) {
      const chunk = (fit.keys ?? []).map((key) => units.get(key)).filter((unit) => unit !== undefined);
      const first = chunk[0];
      const last = chunk[chunk.length - 1];
      if (!first || !last) throw new Error("empty slide planned");
      const cited = new Set(chunk.flatMap((unit) => unit.footnotes));
      const notes = cited.size === 0 ? 0 : measure.footnoteChrome + [...cited].reduce((sum, n) => sum + (measure.footnoteHeights[n] ?? 0), 0);
      const zoom = fit.zoom ?? 1;
      expect(zoom).toBeGreaterThanOrEqual(SHRINK_FLOOR);
      // What the slide holds, scaled, plus the footnotes it cites, within the body and footnote area.
      expect((last.bottom - first.top) * zoom + notes).toBeLessThanOrEqual(measure.available + measure.footnoteArea);
    }
  });

  it.each(["shrink-paragraph", "shrink-columns"])("%s: shrinks a little rather than split", (slug) => {
    const s = scenario(slug);
    const fits = plan(s).plan.get(section(s).slide.sectionId) ?? [];
    expect(fits).toHaveLength(1);
    expect(fits[0]?.zoom).toBeGreaterThanOrEqual(SHRINK_FLOOR);
    expect(fits[0]?.zoom).toBeLessThan(1);
  });

  it("too-big: an error at the section's line, and no plan for it", () => {
    const s = scenario("too-big");
    const result = plan(s);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ file: s.file, line: section(s).slide.line, severity: "error" });
    expect(result.diagnostics[0]?.message).toMatch(/^paragraph in "One giant paragraph" does not fit one slide even at 80%/);
    expect(result.plan.has(section(s).slide.sectionId)).toBe(false);
  });

  it("the example deck fits as it is: no split, no shrink", () => {
    const s = scenario("ots-security", "content");
    const result = plan(s);
    expect(result).toEqual({ plan: new Map(), fits: true, diagnostics: [] });
  });

  it("keeps a plan that worked: a fitting rendering made with a plan returns that plan", () => {
    const s = scenario("shrink-paragraph");
    const previous: FitPlan = new Map([[section(s).slide.sectionId, [{ zoom: 0.9 }]]]);
    const fitting = s.measures.map((measure) => ({ ...measure, needed: Math.min(measure.needed, measure.available) }));
    expect(plan({ ...s, measures: fitting }, previous)).toEqual({ plan: previous, fits: true, diagnostics: [] });
  });

  it("is pure: the same measurements give the same plan", () => {
    for (const slug of SPLITS) {
      const s = scenario(slug);
      expect(plan(s)).toEqual(plan(scenario(slug)));
    }
  });

  it("decides by the units' properties, never by their names", () => {
    const s = scenario("shrink-paragraph");
    const before = plan(s);
    const renamed = structuredClone(s.slides);
    for (const unit of unitsOf(renamed[1]?.content ?? { layout: "section" })) unit.noun = "something else";
    expect(plan({ ...s, slides: renamed })).toEqual(before);
    // Text that does not reflow must shrink more for the same room.
    const rigid = structuredClone(s.slides);
    for (const unit of unitsOf(rigid[1]?.content ?? { layout: "section" })) unit.reflows = false;
    const rigidZoom = plan({ ...s, slides: rigid }).plan.get(section(s).slide.sectionId)?.[0]?.zoom ?? 1;
    expect(rigidZoom).toBeLessThan(before.plan.get(section(s).slide.sectionId)?.[0]?.zoom ?? 1);
  });

  it("footnotes travel with the units that cite them", () => {
    const s = scenario("footnotes-split");
    const laidOut = buildSlides(s.briefing, plan(s).plan).filter((slide) => slide.sectionId === section(s).slide.sectionId);
    expect(laidOut.length).toBeGreaterThan(1);
    for (const slide of laidOut) {
      const cited = new Set(unitsOf(slide.content).flatMap((unit) => unit.footnotes));
      expect(slide.footnotes.map((footnote) => footnote.number).filter((n) => !cited.has(n))).toEqual([]);
      expect([...cited].filter((n) => !slide.footnotes.some((footnote) => footnote.number === n))).toEqual([]);
    }
    expect(laidOut.flatMap((slide) => slide.footnotes.map((f) => f.number)).sort()).toEqual(section(s).slide.footnotes.map((f) => f.number).sort());
  });
});
