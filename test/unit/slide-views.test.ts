import { describe, expect, it } from "vitest";
import type { FitPlan } from "../../src/render/fit-plan.js";
import type { SlideView } from "../../src/render/slide-views.js";
import { buildSlides } from "../../src/render/slides.js";
import { unitsOf } from "../../src/render/units.js";
import { parseMarkdown } from "../support/parse.js";

const FRONT = "---\ntitle: Split\ndate: 2026-03-01\nclassification: UNCLASSIFIED\nagenda: false\nsources: false\n---\n\n";

/** The section's slides laid out with a plan that cuts its units at `cut`. */
function splitAt(body: string, cut: number): { whole: SlideView; parts: SlideView[] } {
  const { briefing, diagnostics } = parseMarkdown(`${FRONT}${body}`);
  if (!briefing) throw new Error(diagnostics.map((d) => d.message).join("; "));
  const whole = buildSlides(briefing)[1] as SlideView;
  const keys = unitsOf(whole.content).map((unit) => unit.key);
  const plan: FitPlan = new Map([[whole.sectionId, [{ keys: keys.slice(0, cut) }, { keys: keys.slice(cut) }]]]);
  return { whole, parts: buildSlides(briefing, plan).filter((slide) => slide.sectionId === whole.sectionId) };
}

const markers = (slide: SlideView): string[] => slide.footnotes.map((footnote) => footnote.marker);

describe("footnotes of a split section, from the typed views", () => {
  it("a split list: each part shows the footnotes of its own items, sources and lettered notes alike", () => {
    const { whole, parts } = splitAt(
      "## Items\n\n- One.[^s1]\n- Two.[^note-x]\n- Three.[^s2]\n- Four.[^note-y]\n\n[^s1]: First.\n[^s2]: Second.\n[^note-x]: Ex.\n[^note-y]: Why.\n",
      2,
    );
    expect(markers(whole)).toEqual(["1", "a", "2", "b"]);
    expect(parts.map(markers)).toEqual([["1", "a"], ["2", "b"]]);
  });

  it("a split table: rows take their footnotes, the header's go on every part", () => {
    const { parts } = splitAt(
      "## Rows\n\n| Name[^h] | Value |\n| --- | --- |\n| A[^r1] | 1 |\n| B[^note-r] | 2 |\n\n[^h]: Header source.\n[^r1]: Row source.\n[^note-r]: Row note.\n",
      1,
    );
    expect(parts.map(markers)).toEqual([["1", "2"], ["1", "a"]]);
  });

  it("a paragraph split between sentences: each part shows what its sentences cite", () => {
    const { briefing } = parseMarkdown(`${FRONT}## Long\n\nFirst claim here.[^a1] Second claim follows. Third claim ends.[^note-z]\n\n[^a1]: Source.\n[^note-z]: Note.\n`);
    if (!briefing) throw new Error("does not parse");
    const id = buildSlides(briefing)[1]?.sectionId ?? "";
    const plan: FitPlan = new Map([[id, [{ keys: ["b0.s0", "b0.s1"] }, { keys: ["b0.s2"] }]]]);
    const laidOut = buildSlides(briefing, plan).filter((slide) => slide.sectionId === id);
    expect(laidOut.map(markers)).toEqual([["1"], ["a"]]);
    expect(laidOut.map((slide) => unitsOf(slide.content).map((unit) => unit.key))).toEqual([["b0.s0", "b0.s1"], ["b0.s2"]]);
  });
});
