import type { Diagnostic } from "../core/diagnostics.js";
import type { Briefing } from "../core/model.js";
import type { DeckFolder } from "../core/files.js";
import { renderDeck } from "../render/deck.js";
import type { RenderedDeck } from "../render/deck.js";
import type { TemplateSet } from "../render/templates.js";
import { describePlan, planFit } from "./plan.js";
import { MAX_SLIDES, tooManySlides } from "../input/parse/limits.js";
import type { FitPlan } from "../render/fit-plan.js";
import type { SlideMeasure } from "./measure.js";
import type { FitMemory } from "./fit-memory.js";

/** Renderings tried before giving up; almost every deck needs one, a split one two. */
const MAX_PASSES = 4;

/** A browser page showing the staged deck in print view (a PDF exporter's print session). */
export interface MeasuringPage {
  /** Loads (or reloads) the staged deck in print view, with one page per fragment step if asked. */
  load(options?: { fragments?: boolean }): Promise<void>;
  /** Loads (or reloads) the staged deck in print view and measures every slide. */
  measure(): Promise<SlideMeasure[]>;
}

export interface FitInput {
  briefing: Briefing;
  templates: TemplateSet;
  staged: DeckFolder;
  /** The browser page to measure in; without one the deck is written unmeasured. */
  session?: MeasuringPage;
  pdfName?: string;
  /** False skips measuring: the deck is printed as first rendered (`--no-fit`). */
  measure?: boolean;
  /** Plans of earlier builds to start from, and the digest of what they were made under (see FitMemory). */
  memory?: { store: FitMemory; context: string };
}

export interface FitResult {
  deck: RenderedDeck;
  /** The splits and shrinks the deck was rendered with. */
  plan: FitPlan;
  /** Notes for each split and shrink, errors for what cannot fit. */
  diagnostics: Diagnostic[];
  /** True when the last rendering was measured and fits (the session's page shows it). */
  measured: boolean;
}

/**
 * Renders the deck, measures it in print view, and re-renders with long
 * sections split and oversized blocks shrunk until every slide fits. The
 * measuring load is the one the PDF is printed from, so a deck that fits at
 * once costs no extra layout pass.
 */
export async function renderFitted(input: FitInput): Promise<FitResult> {
  const { briefing, templates, staged, session } = input;
  const options = input.pdfName ? { pdfName: input.pdfName } : {};
  const memory = input.measure !== false && session ? input.memory : undefined;
  let plan: FitPlan = memory ? memory.store.startingPlan(briefing, memory.context) : new Map();
  const tightening = new Map<string, number>();
  for (let pass = 1; ; pass++) {
    const deck = renderDeck(briefing, templates, { ...options, plan });
    // Checked before measuring: a split that makes thousands of slides must not reach the browser.
    const crossing = deck.slides[MAX_SLIDES];
    if (crossing) {
      const message = tooManySlides(deck.slides.length);
      return { deck, plan, measured: false, diagnostics: [{ file: briefing.file, line: Math.max(1, crossing.line), column: 1, severity: "error", message }] };
    }
    await staged.write([{ path: "index.html", text: deck.html }]);
    if (!session) return { deck, plan, diagnostics: [], measured: false };
    if (input.measure === false) {
      await session.load();
      return { deck, plan, diagnostics: [], measured: false };
    }
    const measures = await session.measure();
    const result = planFit({ file: briefing.file, slides: deck.slides, measures, previous: plan, tightening });
    if (result.diagnostics.length > 0) return { deck, plan, diagnostics: result.diagnostics, measured: true };
    if (result.fits) {
      memory?.store.remember(briefing, memory.context, plan);
      return { deck, plan, diagnostics: describePlan(briefing.file, deck.slides), measured: true };
    }
    if (pass === MAX_PASSES) {
      const stuck = deck.slides.find((slide, index) => {
        const measure = measures[index];
        return measure !== undefined && measure.needed > measure.available + 1;
      });
      return {
        deck,
        plan,
        measured: true,
        diagnostics: [{
          file: briefing.file, line: Math.max(1, stuck?.line ?? 1), column: 1, severity: "error",
          message: `"${stuck?.heading ?? briefing.meta.title}" still does not fit after ${MAX_PASSES} layouts; split the section by hand`,
        }],
      };
    }
    plan = result.plan;
  }
}
