import { markupOf, textBetweenMarkup } from "../input/parse/html-tokens.js";

/**
 * Splits a rendered paragraph (`<p>…</p>`) between its sentences, for a
 * paragraph too long for one slide even alone. Cuts only where no tag is
 * open (never inside a link or emphasis), after `.`, `?` or `!` (and any
 * closing quote or footnote marker) followed by a space and a capital
 * letter, digit or opening quote. Common abbreviations do not end a sentence.
 */
export function splitSentences(html: string): string[] | undefined {
  const match = /^\s*<p>([\s\S]*)<\/p>\s*$/.exec(html);
  const inner = match?.[1];
  if (inner === undefined || /<\/?p[\s>]/.test(inner)) return undefined;
  const tags = markupOf(inner);
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  let index = 0;
  let next = 0;
  while (index < inner.length) {
    // Tags a cut skipped over (a footnote marker's) open and close within it.
    while ((tags[next]?.end ?? Infinity) <= index) next++;
    const tag = tags[next];
    if (tag?.start === index) {
      if (tag.closing) depth--;
      else if (!tag.selfClosing && !VOID_ELEMENTS.has(tag.name ?? "")) depth++;
      index = tag.end;
      continue;
    }
    const char = inner[index] as string;
    if (depth === 0 && /[.?!]/.test(char)) {
      const cut = sentenceEnd(inner, index);
      if (cut !== undefined && !isAbbreviation(inner.slice(start, index + 1))) {
        pieces.push(inner.slice(start, cut).trim());
        start = cut;
        index = cut;
        continue;
      }
    }
    index++;
  }
  const rest = inner.slice(start).trim();
  if (rest) pieces.push(rest);
  return pieces.length > 1 ? pieces : undefined;
}

/** Where the next sentence starts after the punctuation at `at`, if one does. */
function sentenceEnd(text: string, at: number): number | undefined {
  let index = at + 1;
  // Closing quotes and brackets, and a footnote marker, stay with the sentence they end.
  while (index < text.length && /["'”’)\]]/.test(text[index] as string)) index++;
  const marker = /^<sup class="footnote-ref">[^<]*<\/sup>/.exec(text.slice(index));
  if (marker) index += marker[0].length;
  const space = /^\s+/.exec(text.slice(index));
  if (!space) return undefined;
  const next = text.slice(index + space[0].length);
  return /^([\p{Lu}\p{N}"“‘(]|<(strong|em|a|code|mark)\b)/u.test(next) ? index + space[0].length : undefined;
}

const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|cf|vs|Mr|Mrs|Ms|Dr|Prof|St|No|Art|para|p|pp|Vol|Fig|U\.S|U\.K|E\.U|[A-Z])\.$/;

function isAbbreviation(sentence: string): boolean {
  return ABBREVIATIONS.test(sentence);
}

/** The text of an HTML fragment, for estimating how much room a piece takes. */
export function textLength(html: string): number {
  return textBetweenMarkup(html).replace(/&[a-z#0-9]+;/gi, "x").length;
}

/** Elements that never hold content, so never stay open. */
const VOID_ELEMENTS = new Set(["br", "img", "wbr"]);
