import type { Diagnostic } from "../core/diagnostics.js";
import type { SlideView, UnitView } from "../render/slides.js";
import type { SlideMeasure, UnitMeasure } from "./measure.js";
import type { FitPlan, SlideFit } from "../render/fit-plan.js";

/** Content may shrink down to this scale; below it the build fails and asks for a split. */
export const SHRINK_FLOOR = 0.8;
/** Room kept free at the bottom of every body, against rounding. */
const SAFETY = 4;
/** Layouts whose units may move to continuation slides; the others can only shrink. */
const SPLITTABLE = new Set(["text", "summary", "timeline", "stats", "sources", "agenda"]);

export interface PlanResult {
  plan: FitPlan;
  /** True when the measured rendering already fits: no new rendering is needed. */
  fits: boolean;
  diagnostics: Diagnostic[];
}

export interface PlanContext {
  file: string;
  /** The slides that were measured, in deck order. */
  slides: SlideView[];
  measures: SlideMeasure[];
  /** The plan the measured rendering was made with. */
  previous: FitPlan;
  /** Extra room to give up per section, learnt from earlier passes that still overflowed. */
  tightening: Map<string, number>;
}

/**
 * Decides, from one measured rendering, how every section is split and
 * scaled so that nothing overflows its slide. Pure: same measures, same plan.
 */
export function planFit(context: PlanContext): PlanResult {
  const plan: FitPlan = new Map();
  const diagnostics: Diagnostic[] = [];
  let fits = true;
  for (const group of groupBySection(context.slides, context.measures)) {
    const first = group[0];
    if (!first) continue;
    const overflowing = group.some(({ measure }) => overflows(measure));
    if (!overflowing) {
      const previous = context.previous.get(first.slide.sectionId);
      if (previous) plan.set(first.slide.sectionId, previous);
      continue;
    }
    fits = false;
    if (context.previous.has(first.slide.sectionId)) {
      // The last plan for this section was not enough (a wrapped heading, footnotes): plan with less room.
      const extra = Math.max(0, ...group.map(({ measure }) => measure.needed - measure.available));
      context.tightening.set(first.slide.sectionId, (context.tightening.get(first.slide.sectionId) ?? 0) + extra + SAFETY);
    }
    const fitted = SPLITTABLE.has(first.slide.kind) && first.measure.units.length > 0
      ? splitGroup(group, context.tightening.get(first.slide.sectionId) ?? 0)
      : shrinkWhole(group);
    if ("error" in fitted) {
      diagnostics.push({ file: context.file, line: Math.max(1, first.slide.line), column: 1, severity: "error", message: fitted.error });
      continue;
    }
    plan.set(first.slide.sectionId, fitted.fits);
  }
  return { plan, fits, diagnostics };
}

/** Messages for what a final plan did: splits and shrinks, as notes at the section's line. */
export function describePlan(file: string, slides: SlideView[]): Diagnostic[] {
  const notes: Diagnostic[] = [];
  const bySection = new Map<string, SlideView[]>();
  for (const slide of slides) bySection.set(slide.sectionId, [...(bySection.get(slide.sectionId) ?? []), slide]);
  for (const group of bySection.values()) {
    const first = group[0];
    if (!first) continue;
    const at = { file, line: Math.max(1, first.line), column: 1, severity: "note" as const };
    if (group.length > 1) {
      notes.push({ ...at, message: `"${first.heading}" continues on ${group.length - 1} more slide${group.length > 2 ? "s" : ""}` });
    }
    for (const slide of group) {
      if (slide.zoom !== undefined) {
        notes.push({ ...at, message: `"${slide.heading}" shrunk to ${Math.round(slide.zoom * 100)}% to fit` });
      }
    }
  }
  return notes;
}

interface Measured {
  slide: SlideView;
  measure: SlideMeasure;
}

function groupBySection(slides: SlideView[], measures: SlideMeasure[]): Measured[][] {
  const groups = new Map<string, Measured[]>();
  slides.forEach((slide, index) => {
    const measure = measures[index];
    if (!measure) return;
    groups.set(slide.sectionId, [...(groups.get(slide.sectionId) ?? []), { slide, measure }]);
  });
  return [...groups.values()];
}

function overflows(measure: SlideMeasure): boolean {
  return measure.needed > measure.available + 1 || measure.neededWidth > measure.availableWidth + 1;
}

/** A unit with the room it takes in a column: its own height plus the gap to the next unit. */
interface Span {
  key: string;
  height: number;
  advance: number;
  footnotes: number[];
  kind: string;
}

function spansOf(units: UnitMeasure[], kinds: Map<string, string>): Span[] {
  return units.map((unit, index) => {
    const next = units[index + 1];
    const height = unit.bottom - unit.top;
    return {
      key: unit.key,
      height,
      // Grid tiles in one row share a top: the row's height is paid by its last tile.
      advance: next ? Math.max(0, next.top - unit.top) : height,
      footnotes: unit.footnotes,
      kind: kinds.get(unit.key) ?? "content",
    };
  });
}

/** Packs a section's units greedily onto as few slides as fit; shrinks a unit too big alone. */
function splitGroup(group: Measured[], tightening: number): { fits: SlideFit[] } | { error: string } {
  const first = group[0] as Measured;
  const kinds = unitKinds(first.slide);
  for (const { slide } of group.slice(1)) for (const [key, kind] of unitKinds(slide)) kinds.set(key, kind);
  const spans = group.flatMap(({ measure }) => spansOf(measure.units, kinds));
  const base = first.measure.available + first.measure.footnoteArea - SAFETY - tightening;
  const footnoteHeights: Record<number, number> = {};
  for (const { measure } of group) Object.assign(footnoteHeights, measure.footnoteHeights);
  const chrome = Math.max(0, ...group.map(({ measure }) => measure.footnoteChrome));
  const headingWraps = first.measure.continuedWidth > first.measure.headingRoom ? first.measure.headingLineHeight : 0;

  const roomFor = (chunk: Span[], index: number): number => {
    const cited = new Set(chunk.flatMap((span) => span.footnotes));
    const notes = cited.size === 0 ? 0 : chrome + [...cited].reduce((sum, number) => sum + (footnoteHeights[number] ?? 20), 0);
    return base - notes - (index > 0 ? headingWraps : 0);
  };
  const heightOf = (chunk: Span[]): number =>
    chunk.reduce((sum, span, index) => sum + (index === chunk.length - 1 ? span.height : span.advance), 0);

  const chunks: Span[][] = [];
  let current: Span[] = [];
  for (const span of spans) {
    const candidate = [...current, span];
    if (current.length > 0 && heightOf(candidate) > roomFor(candidate, chunks.length)) {
      chunks.push(current);
      current = [span];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) chunks.push(current);

  const fits: SlideFit[] = [];
  for (const [index, chunk] of chunks.entries()) {
    const room = roomFor(chunk, index);
    const height = heightOf(chunk);
    const fit: SlideFit = { keys: chunk.map((span) => span.key) };
    const widthRatio = first.measure.neededWidth > first.measure.availableWidth + 1 ? first.measure.availableWidth / first.measure.neededWidth : 1;
    const zoom = Math.min(height > room ? shrinkFactor(room, height, chunk) : 1, widthRatio);
    if (zoom < 1) {
      if (zoom < SHRINK_FLOOR) return { error: tooBig(chunk[0]?.kind ?? "content", first.slide.heading) };
      fit.zoom = Math.floor(zoom * 100) / 100;
    }
    fits.push(fit);
  }
  return { fits };
}

/** A slide that cannot split (columns, quote, figure…) can only scale down as a whole. */
function shrinkWhole(group: Measured[]): { fits: SlideFit[] } | { error: string } {
  const first = group[0] as Measured;
  const { measure } = first;
  const natural = measure.needed * measure.zoom;
  const heightRatio = natural > measure.available ? (measure.available - SAFETY) / natural : 1;
  const widthRatio = measure.neededWidth > measure.availableWidth + 1 ? measure.availableWidth / (measure.neededWidth * measure.zoom) : 1;
  const zoom = Math.min(heightRatio, widthRatio, measure.zoom);
  if (zoom < SHRINK_FLOOR) return { error: tooBig(`${first.slide.kind} slide`, first.slide.heading) };
  return { fits: [{ zoom: Math.floor(zoom * 100) / 100 }] };
}

/**
 * Text reflows when it shrinks (more words per line), so its height falls
 * roughly with the square of the scale; tables and images only linearly.
 */
function shrinkFactor(room: number, height: number, chunk: Span[]): number {
  const linear = room / height;
  const reflows = chunk.every((span) => TEXT_KINDS.has(span.kind));
  return reflows ? Math.sqrt(linear) * 0.98 : linear;
}

const TEXT_KINDS = new Set(["paragraph", "list item", "key judgment", "quotation", "timeline entry", "source", "agenda entry"]);

function tooBig(kind: string, heading: string): string {
  return `${kind} in "${heading}" does not fit one slide even at ${Math.round(SHRINK_FLOOR * 100)}%; split it into shorter pieces or more sections`;
}

function unitKinds(slide: SlideView): Map<string, string> {
  const kinds = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const unit = value as Partial<UnitView> & Record<string, unknown>;
      if (typeof unit.key === "string" && typeof unit.kind === "string") kinds.set(unit.key, unit.kind);
      Object.values(unit).forEach(visit);
    }
  };
  visit(slide.content);
  return kinds;
}
