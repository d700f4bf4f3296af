import type { Box, CapturedBox, SlideCapture } from "./capture.js";

/** The captured parts of one slide, found by role and unit. */
export class SlideBoxes {
  constructor(private readonly capture: SlideCapture) {}

  all(role: string): CapturedBox[] {
    return this.capture.boxes.filter((box) => box.role === role);
  }

  first(role: string): CapturedBox | undefined {
    return this.capture.boxes.find((box) => box.role === role);
  }

  /** The element that is the unit `key` itself. */
  unit(key: string): CapturedBox | undefined {
    return this.capture.boxes.find((box) => box.role === "unit" && box.unit === key);
  }

  /** A part (`stat-figure`, `timeline-date`…) inside the unit `key`. */
  inUnit(role: string, key: string): CapturedBox | undefined {
    return this.capture.boxes.find((box) => box.role === role && box.unit === key);
  }

  /** The smallest box of `role` that holds the point at the middle of `inner`. */
  around(role: string, inner: Box): CapturedBox | undefined {
    const cx = inner.x + inner.w / 2;
    const cy = inner.y + inner.h / 2;
    return this.all(role)
      .filter(({ box }) => cx >= box.x - 0.5 && cx <= box.x + box.w + 0.5 && cy >= box.y - 0.5 && cy <= box.y + box.h + 0.5)
      .sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0];
  }

  /** The top of the nearest part below `box` that shares some of its width, or `floor` when none is nearer. */
  nextBelow(box: Box, floor: number): number {
    let limit = floor;
    for (const other of this.capture.boxes) {
      if (other.role === "frame" || other.role === "body") continue;
      const { x, y, w } = other.box;
      const overlaps = x < box.x + box.w - 1 && x + w > box.x + 1;
      if (overlaps && y >= box.y + box.h - 1 && y < limit) limit = y;
    }
    return limit;
  }

  /** Boxes of `role` whose middle lies inside `outer`, in document order. */
  within(role: string, outer: Box): CapturedBox[] {
    return this.all(role).filter(({ box }) => {
      const cx = box.x + box.w / 2;
      const cy = box.y + box.h / 2;
      return cx >= outer.x && cx <= outer.x + outer.w && cy >= outer.y && cy <= outer.y + outer.h;
    });
  }
}

/** The smallest box that holds all of `boxes`. */
export function union(boxes: Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: left, y: top, w: right - left, h: bottom - top };
}

/**
 * A text box a little taller than the text the browser laid out, down to
 * `floor` at most: PowerPoint and LibreOffice break lines a little
 * differently, and a fallback font may run wider; the extra room (and
 * shrink-on-overflow) keeps the text inside its box.
 */
export function roomy(box: Box, floor: number): Box {
  const extra = Math.max(8, box.h * 0.25);
  return { ...box, h: Math.max(box.h, Math.min(box.h + extra, floor - box.y)) };
}
