import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Briefing } from "../core/model.js";
import type { FitPlan, SlideFit } from "../render/fit-plan.js";
import { buildSlides } from "../render/slides.js";
import type { SlideView } from "../render/slide-views.js";
import type { TemplateSet } from "../render/templates.js";

/** What a section's plan was decided for: its unfitted slides, and what else shapes them. */
interface RememberedSection {
  unfitted: string;
  fits: SlideFit[];
}

/**
 * The final fit plans of earlier builds, by briefing. The planner decides each
 * section from that section's own measures alone, so a section whose unfitted
 * slides are unchanged (same content, same templates, same settings) ends on
 * the plan it ended on before; starting from it, an edit is measured in one
 * pass instead of the two or three a deck of splits and grown slides takes
 * from nothing, and the deck reached is the one a build from scratch reaches.
 * Kept by long-running callers (the dev server) across builds.
 */
export class FitMemory {
  private readonly briefings = new Map<string, { context: string; sections: Map<string, RememberedSection> }>();

  /** The plan to render first: the remembered fits of every section whose unfitted slides are unchanged. */
  startingPlan(briefing: Briefing, context: string): FitPlan {
    const remembered = this.briefings.get(briefing.slug);
    const plan: FitPlan = new Map();
    if (remembered?.context !== context) return plan;
    for (const [sectionId, unfitted] of unfittedSections(briefing)) {
      const section = remembered.sections.get(sectionId);
      if (section?.unfitted === unfitted) plan.set(sectionId, section.fits);
    }
    return plan;
  }

  /** Records the plan a deck was fitted with, once measuring showed that it fits. */
  remember(briefing: Briefing, context: string, plan: FitPlan): void {
    const sections = new Map<string, RememberedSection>();
    for (const [sectionId, unfitted] of unfittedSections(briefing)) {
      const fits = plan.get(sectionId);
      if (fits) sections.set(sectionId, { unfitted, fits });
    }
    this.briefings.set(briefing.slug, { context, sections });
  }

  forget(slug: string): void {
    this.briefings.delete(slug);
  }
}

/**
 * Each section's slides as drafted before fitting, minus what does not reach
 * its body (its place in the deck, its line in the file): the key under which
 * its plan stays valid.
 */
function unfittedSections(briefing: Briefing): Map<string, string> {
  const bySection = new Map<string, SlideView[]>();
  for (const slide of buildSlides(briefing, new Map())) {
    // Its number in the deck is in the footer, outside the body that is fitted.
    bySection.set(slide.sectionId, [...(bySection.get(slide.sectionId) ?? []), { ...slide, number: 0, total: 0 }]);
  }
  // Lines move when text above them changes; they never reach a slide's layout.
  const withoutLines = (key: string, value: unknown): unknown => (key === "line" || key === "endLine" ? undefined : value);
  return new Map([...bySection].map(([sectionId, slides]) => [sectionId, JSON.stringify(slides, withoutLines)]));
}

/**
 * Digest of what, outside a section's own content, shapes its layout: the
 * templates and theme, the front matter (language, banner, logo), the deck's
 * options, and the images it shows (by size and time, as an edited picture
 * keeps its name).
 */
export function fitContext(briefing: Briefing, templates: TemplateSet, contentDir: string, options: unknown): string {
  const hash = createHash("sha256");
  const add = (part: string): void => {
    hash.update(part).update("\0");
  };
  for (const [name, digest] of [...templates.digests].sort(([a], [b]) => a.localeCompare(b))) add(`${name} ${digest}`);
  add(JSON.stringify(briefing.meta));
  add(JSON.stringify(options ?? null));
  for (const image of [...briefing.images, ...(briefing.logo ? [briefing.logo] : [])]) {
    const stat = statSync(join(contentDir, image.contentPath), { throwIfNoEntry: false });
    add(`${image.contentPath} ${stat?.size ?? -1} ${stat?.mtimeMs ?? -1}`);
  }
  return hash.digest("hex");
}
