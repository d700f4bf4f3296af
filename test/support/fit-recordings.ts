import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SlideMeasure } from "../../src/fit/measure.js";
import type { SlideView } from "../../src/render/slide-views.js";
import { buildSlides } from "../../src/render/slides.js";
import type { Briefing } from "../../src/core/model.js";
import { ROOT } from "./files.js";
import { parseFixture } from "./parse.js";

/**
 * Measurements recorded from Chromium on the stress fixtures (first rendering,
 * before any fitting; scripts/record-fit-measures.mjs), with the slides built
 * again from the same Markdown: no browser here.
 */
export function recorded(slug: string): { briefing: Briefing; slides: SlideView[]; measures: SlideMeasure[] } {
  const folder = existsSync(join(ROOT, "test/fixtures/fit/content", `${slug}.md`)) ? "test/fixtures/fit/content" : "test/fixtures/fit/notes";
  const { briefing, diagnostics } = parseFixture(`${folder}/${slug}.md`);
  if (!briefing) throw new Error(`${slug} does not parse: ${diagnostics.map((d) => d.message).join("; ")}`);
  const measures = JSON.parse(readFileSync(join(ROOT, "test/fixtures/fit/measures", `${slug}.json`), "utf8")) as SlideMeasure[];
  return { briefing, slides: buildSlides(briefing), measures };
}
