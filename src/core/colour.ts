/** sRGB colours as the theme and front matter write them, and WCAG 2 contrast between two. */

export type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb` → [r, g, b]; undefined for anything else. */
export function parseHexColour(text: string): Rgb | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!match) return undefined;
  const hex = match[1] ?? "";
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join("") : hex;
  return [0, 2, 4].map((at) => Number.parseInt(full.slice(at, at + 2), 16)) as Rgb;
}

/** Text in the accent colour must read on the white slide: WCAG's 4.5:1 for body text. */
export const MIN_ACCENT_CONTRAST = 4.5;

/**
 * An accent colour as front matter and the project file write it: `#rrggbb`
 * when it is one and dark enough for text on white, else what is wrong
 * (to follow `accent "VALUE" `).
 */
export function readAccent(value: string): { colour: string } | { problem: string } {
  const rgb = parseHexColour(value);
  if (!rgb) return { problem: `is not a colour: write it as #RRGGBB, e.g. "#1d4f91" (in quotes: # starts a YAML comment)` };
  const ratio = contrastRatio(rgb, [255, 255, 255]);
  if (ratio < MIN_ACCENT_CONTRAST) {
    return { problem: `is too light for text on the white slide (contrast ${ratio.toFixed(2)}:1, needs ${MIN_ACCENT_CONTRAST}:1): use a darker shade of it` };
  }
  return { colour: `#${rgb.map((channel) => channel.toString(16).padStart(2, "0")).join("")}` };
}

/** Relative luminance (WCAG 2). */
export function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
