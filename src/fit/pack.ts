/**
 * Divides a continuing section's units into slides of similar size. Pure
 * and deterministic: the same heights and rooms give the same parts.
 */

/** One unit as the packer sees it: its height, and the room it takes before the next unit. */
export interface PackUnit {
  key: string;
  height: number;
  /** Distance from this unit's top to the next one's (0 for tiles sharing a row). */
  advance: number;
  /** True when the unit's text rewraps as it shrinks (its height falls faster than the scale). */
  reflows: boolean;
}

export interface PackOptions<U extends PackUnit> {
  /** Room for the part at this index holding these units (footnotes and headings take their share). */
  roomFor(part: U[], index: number): number;
  /** The smallest scale a part may shrink to rather than continue on one more slide. */
  preferredShrink: number;
  /** The smallest scale at all, for a part that is one unit too big alone. */
  floor: number;
  /** A continuation part must fill at least this share of its room (no lone short line). */
  minimumFill: number;
}

export interface Packed<U extends PackUnit> {
  parts: U[][];
  /** The one scale every part is rendered at (1 when nothing shrinks). */
  zoom: number;
}

/** Height of units laid out one after the other, as measured. */
export function heightOf(units: readonly PackUnit[]): number {
  return units.reduce((sum, unit, index) => sum + (index === units.length - 1 ? unit.height : unit.advance), 0);
}

/**
 * Text rewraps when it shrinks (more words per line), so its height falls
 * roughly with the square of the scale; tables and images only linearly.
 */
export function scaleToFit(room: number, height: number, reflows: boolean): number {
  if (height <= room) return 1;
  const linear = room / height;
  return reflows ? Math.sqrt(linear) * 0.98 : linear;
}

/**
 * The fewest slides whose parts fit at no less than `preferredShrink`,
 * balanced so that the fullest part is as empty as it can be: 14 equal
 * items give 7 + 7, not 12 + 2. Undefined when even one unit per slide
 * needs more than `floor` allows.
 */
export function packBalanced<U extends PackUnit>(units: readonly U[], options: PackOptions<U>): Packed<U> | undefined {
  if (units.length === 0) return { parts: [], zoom: 1 };
  // Relaxed in order: a part shrunk below the preferred scale, then a short part, rather than no plan.
  const attempts = [
    { limit: options.preferredShrink, minimumFill: options.minimumFill },
    { limit: options.floor, minimumFill: options.minimumFill },
    { limit: options.floor, minimumFill: 0 },
  ];
  for (const attempt of attempts) {
    for (let count = 1; count <= units.length; count++) {
      const parts = balance(units, count, { ...options, minimumFill: attempt.minimumFill }, attempt.limit);
      if (parts) return { parts, zoom: Math.min(...parts.map((part, index) => partScale(part, index, options))) };
    }
  }
  return undefined;
}

function partScale<U extends PackUnit>(part: U[], index: number, options: PackOptions<U>): number {
  const scale = scaleToFit(options.roomFor(part, index), heightOf(part), part.every((unit) => unit.reflows));
  return Math.floor(scale * 100) / 100;
}

interface Best {
  /** The fullest part's height over its room. */
  worst: number;
  /** Sum of squared fills: lower is more even. */
  spread: number;
  /** Where the previous part ends (exclusive index of the units). */
  from: number;
}

/**
 * Splits `units` into exactly `count` contiguous parts, each fitting at no
 * less than `limit`, minimising the fullest part and then the unevenness.
 * Dynamic programming over (parts made, units used); ties go to the earlier
 * cut (the fuller part last), so the result is deterministic.
 */
function balance<U extends PackUnit>(units: readonly U[], count: number, options: PackOptions<U>, limit: number): U[][] | undefined {
  const n = units.length;
  if (count > n) return undefined;
  // best[p][i]: the best way to lay the first i units on p parts.
  const best: (Best | undefined)[][] = Array.from({ length: count + 1 }, () => Array<Best | undefined>(n + 1).fill(undefined));
  (best[0] as (Best | undefined)[])[0] = { worst: 0, spread: 0, from: 0 };
  for (let p = 1; p <= count; p++) {
    const row = best[p] as (Best | undefined)[];
    const previous = best[p - 1] as (Best | undefined)[];
    for (let i = p; i <= n - (count - p); i++) {
      // Parts only grow as j falls: stop at the first that cannot fit even one unit's way.
      for (let j = i - 1; j >= p - 1; j--) {
        const part = units.slice(j, i);
        const room = options.roomFor(part, p - 1);
        const height = heightOf(part);
        const fill = height / room;
        const scale = scaleToFit(room, height, part.every((unit) => unit.reflows));
        // A part of a single unit may shrink to the floor; several must fit at the limit.
        if (scale < (part.length === 1 ? options.floor : limit)) break;
        const before = previous[j];
        if (!before) continue;
        if (count > 1 && fill < options.minimumFill) continue;
        const candidate: Best = { worst: Math.max(before.worst, fill), spread: before.spread + fill * fill, from: j };
        const current = row[i];
        if (!current || candidate.worst < current.worst - 1e-9 || (Math.abs(candidate.worst - current.worst) <= 1e-9 && candidate.spread <= current.spread + 1e-9)) {
          row[i] = candidate;
        }
      }
    }
  }
  if (!best[count]?.[n]) return undefined;
  const parts: U[][] = [];
  let end = n;
  for (let p = count; p > 0; p--) {
    const step = best[p]?.[end] as Best;
    parts.unshift(units.slice(step.from, end));
    end = step.from;
  }
  return parts;
}
