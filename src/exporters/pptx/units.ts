import type { Box } from "./capture.js";

/** CSS px per inch: the deck's 1280×720 px frame is PowerPoint's 13.333×7.5 in widescreen slide. */
const PX_PER_INCH = 96;

export const SLIDE_INCHES = { w: 1280 / PX_PER_INCH, h: 720 / PX_PER_INCH };

export function inches(px: number): number {
  return Math.round((px / PX_PER_INCH) * 10_000) / 10_000;
}

/** CSS px → typographic points (PowerPoint sizes text in points), to the half point. */
export function points(px: number): number {
  return Math.max(1, Math.round(px * 0.75 * 2) / 2);
}

/** A captured box in PowerPoint's inches. */
export function place(box: Box): { x: number; y: number; w: number; h: number } {
  return { x: inches(box.x), y: inches(box.y), w: inches(Math.max(box.w, 1)), h: inches(Math.max(box.h, 1)) };
}

export interface Colour {
  /** `RRGGBB` */
  hex: string;
  /** 0 (opaque) to 100 (invisible), as PowerPoint's transparency. */
  transparency: number;
}

/** A computed CSS colour (`rgb(…)`, `rgba(…)` or `#rrggbb`) as PowerPoint's hex and transparency. */
export function colour(css: string): Colour | undefined {
  const hex = /^#([0-9a-f]{6})$/i.exec(css.trim());
  if (hex?.[1]) return { hex: hex[1].toUpperCase(), transparency: 0 };
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(css.trim());
  if (!rgb) return undefined;
  const channel = (value: string | undefined): string => Math.round(Math.min(255, Number(value))).toString(16).padStart(2, "0");
  const alphaText = rgb[4];
  const alpha = alphaText === undefined ? 1 : alphaText.endsWith("%") ? Number(alphaText.slice(0, -1)) / 100 : Number(alphaText);
  if (alpha <= 0) return undefined;
  return { hex: `${channel(rgb[1])}${channel(rgb[2])}${channel(rgb[3])}`.toUpperCase(), transparency: Math.round((1 - alpha) * 100) };
}

/** The hex of a colour, or a fallback when the CSS colour is transparent or unreadable. */
export function hexOr(css: string, fallback: string): string {
  return colour(css)?.hex ?? fallback;
}

/** The first family of a CSS font-family list, unquoted: the font PowerPoint is asked for. */
export function fontFace(family: string): string {
  const first = family.split(",")[0] ?? "";
  return first.trim().replace(/^["']|["']$/g, "") || "Source Sans 3";
}
