import type { Diagnostic } from "../core/diagnostics.js";
import type { SlideView, UnitView } from "../render/slide-views.js";
import { continuesBetweenSentences, sentenceUnits, unitsOf } from "../render/units.js";
import type { SlideMeasure, UnitMeasure } from "./measure.js";
import type { FitPlan, SlideFit } from "../render/fit-plan.js";
import { packBalanced, scaleToFit } from "./pack.js";
import type { PackUnit } from "./pack.js";
import { textLength } from "../render/sentences.js";

/** Content may shrink down to this scale; below it the build fails and asks for a split. */
export const SHRINK_FLOOR = 0.8;
/** Room kept free at the bottom of every body, against rounding. */
export const SAFETY = 4;

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
      const grown = previous ? spread(previous, group) : grow(group);
      if (previous) plan.set(first.slide.sectionId, previous);
      if (grown) {
        plan.set(first.slide.sectionId, grown);
        fits = false;
      }
      continue;
    }
    fits = false;
    const previousFits = context.previous.get(first.slide.sectionId);
    if (previousFits?.some((fit) => fit.spread)) {
      // Spreading never needs room; if the spread slide overflows anyway, it goes back to its plain layout.
      plan.set(first.slide.sectionId, previousFits.map(({ spread: _spread, ...fit }) => fit));
      continue;
    }
    const rescaled = rescale(previousFits, group);
    if (rescaled) {
      plan.set(first.slide.sectionId, rescaled);
      continue;
    }
    if (context.previous.has(first.slide.sectionId)) {
      // The last plan for this section was not enough (a wrapped heading, footnotes): plan with less room.
      const extra = Math.max(0, ...group.map(({ measure }) => measure.needed - measure.available));
      context.tightening.set(first.slide.sectionId, (context.tightening.get(first.slide.sectionId) ?? 0) + extra + SAFETY);
    }
    const fitted = first.slide.fitting.continues && first.measure.units.length > 0
      ? splitGroup(group, context.tightening.get(first.slide.sectionId) ?? 0, context.previous.get(first.slide.sectionId))
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
    if (group.length > 1 && group.some((slide) => continuesBetweenSentences(slide.content))) {
      notes.push({ ...at, message: `a paragraph in "${first.heading}" is too long for one slide and continues between sentences; consider shortening it` });
    }
    for (const slide of group) {
      if (slide.zoom !== undefined && slide.zoom < 1) {
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

/** A measured unit with the room it takes in a column: its own height plus the gap to the next unit. */
interface Span extends PackUnit {
  /** The unit as rendered (always known: the page's units are the views'). */
  view: (UnitView & { html?: string }) | undefined;
  footnotes: readonly string[];
}

function spansOf(units: UnitMeasure[], views: Map<string, UnitView & { html?: string }>): Span[] {
  return units.map((unit, index) => {
    const next = units[index + 1];
    const height = unit.bottom - unit.top;
    const view = views.get(unit.key);
    return {
      key: unit.key,
      height,
      // Grid tiles in one row share a top: the row's height is paid by its last tile.
      advance: next ? Math.max(0, next.top - unit.top) : height,
      view,
      footnotes: view?.footnotes ?? [],
      reflows: view?.reflows ?? false,
    };
  });
}

/** A scale below this reads as a different type size: a section continues instead. */
export const PREFERRED_SHRINK = 0.9;
/** A continuation part fills at least this share of its slide: never a lone short line. */
export const MINIMUM_FILL = 0.2;

/**
 * Divides a section's units into balanced parts (see pack.ts); a paragraph
 * too big for a slide even alone is first divided between its sentences.
 */
function splitGroup(group: Measured[], tightening: number, previous: SlideFit[] | undefined): { fits: SlideFit[] } | { error: string } {
  const first = group[0] as Measured;
  const views = new Map(group.flatMap(({ slide }) => unitsOf(slide.content)).map((unit) => [unit.key, unit]));
  const base = first.measure.available + first.measure.footnoteArea - SAFETY - tightening;
  const footnoteHeights: Record<string, number> = {};
  for (const { measure } of group) Object.assign(footnoteHeights, measure.footnoteHeights);
  const chrome = Math.max(0, ...group.map(({ measure }) => measure.footnoteChrome));
  const headingWraps = first.measure.continuedWidth > first.measure.headingRoom ? first.measure.headingLineHeight : 0;

  const roomFor = (chunk: Span[], index: number): number => {
    const cited = new Set(chunk.flatMap((span) => span.footnotes));
    const notes = cited.size === 0 ? 0 : chrome + [...cited].reduce((sum, marker) => sum + (footnoteHeights[marker] ?? 20), 0);
    return base - notes - (index > 0 ? headingWraps : 0);
  };
  const spans = group.flatMap(({ measure }) => spansOf(measure.units, views))
    .flatMap((span) => (needsSentences(span, roomFor([span], 0)) ? sentencesOf(span) : [span]));

  const packed = packBalanced(spans, { roomFor, preferredShrink: PREFERRED_SHRINK, floor: SHRINK_FLOOR, minimumFill: MINIMUM_FILL });
  if (!packed) {
    const tooBigSpan = spans.find((span) => scaleToFit(roomFor([span], 0), span.height, span.reflows) < SHRINK_FLOOR);
    return { error: tooBig(tooBigSpan?.view?.noun ?? "content", first.slide.heading) };
  }
  const widthRatio = first.measure.neededWidth > first.measure.availableWidth + 1 ? first.measure.availableWidth / first.measure.neededWidth : 1;
  const zoom = Math.floor(Math.min(packed.zoom, widthRatio) * 100) / 100;
  if (zoom < SHRINK_FLOOR) return { error: tooBig(spans[0]?.view?.noun ?? "content", first.slide.heading) };
  const columns = packed.parts.length > 1 ? tableColumns(group, previous) : undefined;
  return {
    fits: packed.parts.map((part) => ({
      keys: part.map((span) => span.key),
      ...(zoom < 1 ? { zoom } : {}),
      ...(columns ? { columns } : {}),
    })),
  };
}

/**
 * A planned section that still overflows a little (a wrapped heading, text
 * that rewrapped differently) keeps its parts and shrinks all of them by the
 * overflow, when that stays within the preferred scale. Heights measured at
 * a scale already include its rewrapping, so the scale falls linearly here.
 */
function rescale(previous: SlideFit[] | undefined, group: Measured[]): SlideFit[] | undefined {
  if (!previous || previous.length !== group.length) return undefined;
  const current = Math.min(...previous.map((fit) => fit.zoom ?? 1));
  const ratio = Math.min(...group.map(({ measure }) => Math.min(
    measure.available / Math.max(measure.needed, 1),
    measure.neededWidth > measure.availableWidth + 1 ? measure.availableWidth / measure.neededWidth : 1,
  )));
  const zoom = Math.floor(current * ratio * 100) / 100 - 0.01;
  const single = previous.every((fit) => (fit.keys?.length ?? 2) === 1);
  if (zoom < (single ? SHRINK_FLOOR : PREFERRED_SHRINK)) return undefined;
  return previous.map((fit) => ({ ...fit, zoom }));
}

/** A unit that can split (a paragraph) and would shrink below the preferred scale even alone is split between sentences. */
function needsSentences(span: Span, room: number): boolean {
  return span.view?.splits === true && scaleToFit(room, span.height, span.reflows) < PREFERRED_SHRINK;
}

/**
 * The sentences of a measured paragraph, each given a share of its height
 * by its length (the next rendering measures them for real).
 */
function sentencesOf(span: Span): Span[] {
  const html = span.view?.html;
  const pieces = html === undefined ? undefined : sentenceUnits({ key: span.key, html });
  if (!pieces) return [span];
  const lengths = pieces.map((piece) => textLength(piece.html));
  const total = lengths.reduce((sum, length) => sum + length, 0) || 1;
  const gap = span.advance - span.height;
  return pieces.map((piece, index) => {
    const height = (span.height * (lengths[index] ?? 0)) / total;
    return {
      key: piece.key,
      height,
      advance: index === pieces.length - 1 ? height + gap : height,
      view: piece,
      footnotes: piece.footnotes,
      reflows: piece.reflows,
    };
  });
}

/** The whole tables' column widths, measured before they were split (kept from the plan after). */
function tableColumns(group: Measured[], previous: SlideFit[] | undefined): Record<string, number[]> | undefined {
  const kept = previous?.[0]?.columns;
  if (kept) return kept;
  const measured = group.length === 1 ? group[0]?.measure.tables : undefined;
  return measured && Object.keys(measured).length > 0 ? measured : undefined;
}

/** A slide whose content fills less than this share of its body grows. */
export const SPARSE_FILL = 0.5;
/** How far a sparse slide grows at most. */
export const GROW_LIMIT = 1.25;
/** The share of its body a grown slide aims to fill. */
const GROW_TARGET = 0.62;

/**
 * Grows the type and tiles of a one-slide section that fills less than
 * half its body, so it reads from the back of a room. Its height grows with
 * the scale, and up to its square where lines rewrap: aiming at the square
 * keeps the result inside the slide; the next measurement checks it.
 */
function grow(group: Measured[]): SlideFit[] | undefined {
  const first = group[0];
  if (!first || group.length !== 1 || !first.slide.fitting.grows) return undefined;
  const { measure } = first;
  if (!(measure.used > 0) || measure.zoom !== 1 || measure.available <= 0) return undefined;
  const fill = measure.used / measure.available;
  if (fill >= SPARSE_FILL) return undefined;
  const zoom = Math.floor(Math.min(GROW_LIMIT, Math.sqrt(GROW_TARGET / fill)) * 100) / 100;
  return zoom > 1.01 ? [{ zoom }] : undefined;
}

/**
 * A slide grown to the limit that still fills less than half its body
 * spreads its items (or centres its text) over the body instead.
 */
function spread(previous: SlideFit[], group: Measured[]): SlideFit[] | undefined {
  const fit = previous[0];
  const first = group[0];
  if (!fit || !first || previous.length !== 1 || fit.keys || fit.spread || fit.zoom !== GROW_LIMIT || !first.slide.fitting.spreads) return undefined;
  if (!(first.measure.used > 0) || first.measure.used / first.measure.available >= SPARSE_FILL) return undefined;
  return [{ ...fit, spread: true }];
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

function tooBig(kind: string, heading: string): string {
  return `${kind} in "${heading}" does not fit one slide even at ${Math.round(SHRINK_FLOOR * 100)}%; split it into shorter pieces or more sections`;
}
