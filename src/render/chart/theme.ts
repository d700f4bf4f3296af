/** What a chart takes from the deck's theme. */
export interface ChartTheme {
  /** The theme's sans-serif family, the one the deck embeds, so PDF labels use the embedded fonts. */
  font: string;
  ink: string;
  inkSoft: string;
  muted: string;
  rule: string;
  accent: string;
  /** Colours for several series: colour-blind safe, and apart in greyscale too. */
  palette: string[];
  /** Colours for the series a highlighted chart mutes. */
  mutedPalette: string[];
}

/**
 * Paul Tol's high-contrast scheme with one tone added, in an order that
 * alternates dark and light: readers with any common colour-vision
 * deficiency, and greyscale print, still tell neighbours apart.
 */
const SAFE_PALETTE = ["#004488", "#DDAA33", "#BB5566", "#6699CC", "#222222"];
const MUTED = ["#9aa3b2", "#c3c9d3", "#7d8696", "#b0b7c3", "#d5d9e0"];

const FALLBACK = { sans: "\"Source Sans 3\", Arial, sans-serif", ink: "#14213d", "ink-soft": "#3d4a63", muted: "#5b6474", rule: "#d5d9e0", accent: "#9a6b00" };

/** Reads the theme's custom properties (`--accent: #9a6b00`) from its `:root` rule. */
export function chartTheme(themeCss: string, accent?: string): ChartTheme {
  const root = /:root\s*\{([^}]*)\}/.exec(themeCss)?.[1] ?? "";
  const variable = (name: keyof typeof FALLBACK): string => {
    const match = new RegExp(`--${name}\\s*:\\s*([^;]+);`).exec(root);
    return match?.[1]?.trim() ?? FALLBACK[name];
  };
  return {
    font: variable("sans"),
    ink: variable("ink"),
    inkSoft: variable("ink-soft"),
    muted: variable("muted"),
    rule: variable("rule"),
    accent: accent ?? variable("accent"),
    palette: SAFE_PALETTE,
    mutedPalette: MUTED,
  };
}
