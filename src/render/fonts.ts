import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The fonts every deck ships with. Subsets cover Latin (with Turkish and
 * Azerbaijani letters, in latin-ext) and Cyrillic; Arabic-script and Hebrew
 * letters come from Noto Sans faces registered under the same family names,
 * limited to their scripts by unicode-range, so every stylesheet keeps its
 * font stacks and the PDF embeds a real font for those scripts. The browser
 * fetches only the subsets a page uses, all from the deck's own folder.
 */
interface FontFace {
  family: string;
  packageName: string;
  fileStem: string;
  weight: number;
  style: "normal" | "italic";
  subsets: readonly string[];
  /** The file's own style when it differs from the declared one (upright Arabic in italic text). */
  fileStyle?: "normal";
}

const LATIN_CYRILLIC = ["latin", "latin-ext", "cyrillic", "cyrillic-ext"] as const;

const SANS = { family: "Source Sans 3", packageName: "@fontsource/source-sans-3", fileStem: "source-sans-3", subsets: LATIN_CYRILLIC };
const SERIF = { family: "Source Serif 4", packageName: "@fontsource/source-serif-4", fileStem: "source-serif-4", subsets: LATIN_CYRILLIC };
const ARABIC = { packageName: "@fontsource/noto-sans-arabic", fileStem: "noto-sans-arabic", subsets: ["arabic"] };
const HEBREW = { packageName: "@fontsource/noto-sans-hebrew", fileStem: "noto-sans-hebrew", subsets: ["hebrew"] };

const LATIN_FACES: FontFace[] = [
  { ...SANS, weight: 400, style: "normal" },
  { ...SANS, weight: 400, style: "italic" },
  { ...SANS, weight: 600, style: "normal" },
  { ...SANS, weight: 700, style: "normal" },
  { ...SERIF, weight: 400, style: "italic" },
  { ...SERIF, weight: 600, style: "normal" },
];

/** Each Latin face gets its Arabic and Hebrew counterpart; these scripts have no italic, so it stays upright. */
const FACES: FontFace[] = LATIN_FACES.flatMap((face) => [
  face,
  ...[ARABIC, HEBREW].map((script) => ({
    ...script,
    family: face.family,
    weight: face.weight,
    style: face.style,
    ...(face.style === "italic" ? { fileStyle: "normal" as const } : {}),
  })),
]);

export interface FontFile {
  /** Absolute path of the font in node_modules. */
  from: string;
  /** File name inside the deck's font folder. */
  name: string;
}

const require = createRequire(import.meta.url);
const unicodeRanges = new Map<string, Record<string, string>>();

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function ranges(packageName: string): Record<string, string> {
  let found = unicodeRanges.get(packageName);
  if (!found) {
    found = require(`${packageName}/unicode.json`) as Record<string, string>;
    unicodeRanges.set(packageName, found);
  }
  return found;
}

function fileName(face: FontFace, subset: string): string {
  return `${face.fileStem}-${subset}-${face.weight}-${face.fileStyle ?? face.style}.woff2`;
}

/** Every font file a deck needs, each once. */
export function fontFiles(): FontFile[] {
  const files = new Map<string, FontFile>();
  for (const face of FACES) {
    for (const subset of face.subsets) {
      const name = fileName(face, subset);
      files.set(name, { from: join(packageDir(face.packageName), "files", name), name });
    }
  }
  return [...files.values()];
}

/** The @font-face rules, with URLs relative to the stylesheet's folder. */
export function fontFaceCss(fontFolder: string): string {
  return faceRules(() => true, (_face, name) => `${fontFolder}/${name}`);
}

/**
 * The @font-face rules with the fonts inside, as data URLs, for a deck that
 * must be one file. Only the subsets the text uses are embedded.
 */
export function embeddedFontFaceCss(text: string): string {
  return faceRules(
    (face, subset) => subset === "latin" || usesRange(text, ranges(face.packageName)[subset] ?? ""),
    (face, name) => `data:font/woff2;base64,${readFileSync(join(packageDir(face.packageName), "files", name)).toString("base64")}`,
  );
}

function faceRules(wanted: (face: FontFace, subset: string) => boolean, source: (face: FontFace, name: string) => string): string {
  const rules: string[] = [];
  for (const face of FACES) {
    for (const subset of face.subsets) {
      if (!wanted(face, subset)) continue;
      rules.push(
        `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};font-display:block;` +
          `src:url(${source(face, fileName(face, subset))}) format('woff2');unicode-range:${ranges(face.packageName)[subset]};}`,
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
