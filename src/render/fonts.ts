import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The fonts every deck ships with. Subsets cover Latin (with Turkish and
 * Azerbaijani letters, in latin-ext) and Cyrillic; the browser fetches
 * only the subsets a page uses, all from the deck's own folder.
 */
interface FontFace {
  family: string;
  packageName: string;
  fileStem: string;
  weight: number;
  style: "normal" | "italic";
}

const SUBSETS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext"] as const;

const SANS = { family: "Source Sans 3", packageName: "@fontsource/source-sans-3", fileStem: "source-sans-3" };
const SERIF = { family: "Source Serif 4", packageName: "@fontsource/source-serif-4", fileStem: "source-serif-4" };

const FACES: FontFace[] = [
  { ...SANS, weight: 400, style: "normal" },
  { ...SANS, weight: 400, style: "italic" },
  { ...SANS, weight: 600, style: "normal" },
  { ...SANS, weight: 700, style: "normal" },
  { ...SERIF, weight: 400, style: "italic" },
  { ...SERIF, weight: 600, style: "normal" },
];

export interface FontFile {
  /** Absolute path of the font in node_modules. */
  from: string;
  /** File name inside the deck's font folder. */
  name: string;
}

const require = createRequire(import.meta.url);
let unicodeRanges: Record<string, string> | undefined;

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function ranges(): Record<string, string> {
  unicodeRanges ??= require(`${SANS.packageName}/unicode.json`) as Record<string, string>;
  return unicodeRanges;
}

/** Every font file a deck needs. */
export function fontFiles(): FontFile[] {
  return FACES.flatMap((face) =>
    SUBSETS.map((subset) => {
      const name = `${face.fileStem}-${subset}-${face.weight}-${face.style}.woff2`;
      return { from: join(packageDir(face.packageName), "files", name), name };
    }),
  );
}

/** The @font-face rules, with URLs relative to the stylesheet's folder. */
export function fontFaceCss(fontFolder: string): string {
  return faceRules(SUBSETS, FACES, (face, name) => `${fontFolder}/${name}`);
}

/**
 * The @font-face rules with the fonts inside, as data URLs, for a deck that
 * must be one file. Only the subsets the text uses are embedded.
 */
export function embeddedFontFaceCss(text: string): string {
  const used = SUBSETS.filter((subset) => subset === "latin" || usesRange(text, ranges()[subset] ?? ""));
  return faceRules(used, FACES, (face) => {
    const name = `${face.fileStem}-${face.subset}-${face.weight}-${face.style}.woff2`;
    return `data:font/woff2;base64,${readFileSync(join(packageDir(face.packageName), "files", name)).toString("base64")}`;
  });
}

function faceRules(subsets: readonly string[], faces: readonly FontFace[], source: (face: FontFace & { subset: string }, name: string) => string): string {
  const rules: string[] = [];
  for (const face of faces) {
    for (const subset of subsets) {
      const name = `${face.fileStem}-${subset}-${face.weight}-${face.style}.woff2`;
      rules.push(
        `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};font-display:block;` +
          `src:url(${source({ ...face, subset }, name)}) format('woff2');unicode-range:${ranges()[subset]};}`,
      );
    }
  }
  return `${rules.join("\n")}\n`;
}

/** Whether any character of `text` falls in a CSS unicode-range list ("U+0100-024F,U+1E00"). */
function usesRange(text: string, rangeList: string): boolean {
  const spans = rangeList.split(",").map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, "").split("-");
    const start = Number.parseInt(from ?? "0", 16);
    return [start, to === undefined ? start : Number.parseInt(to, 16)] as const;
  });
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x100) continue;
    if (spans.some(([start, end]) => code >= start && code <= end)) return true;
  }
  return false;
}
