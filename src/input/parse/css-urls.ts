/**
 * The one CSS scan: every place a stylesheet (or a style attribute, or an
 * SVG presentation attribute) names a URL, read as a browser reads CSS:
 * comments skipped, escapes decoded (`\75 rl(` is `url(`), `@namespace`
 * (which names a namespace and fetches nothing) left out. Offsets point into
 * the text as written, for a line and column.
 */

export interface CssReference {
  /** Offset in the scanned text (shifted by `base`). */
  offset: number;
  /** The URL or string as the browser reads it. */
  url: string;
  /** `url()` and `@import` fetch; a string may hold an address (`image-set("https://…")`). */
  via: "url()" | "@import" | "a CSS string";
}

/** Every url(), @import and string of `css`, in that order; offsets are shifted by `base`. */
export function cssReferences(css: string, base = 0): CssReference[] {
  const found: CssReference[] = [];
  const { text, origin } = decodeCss(blankComments(css));
  const at = (index: number): number => base + (origin === undefined ? index : (origin[index] ?? css.length));
  let masked = text.replace(/@namespace[^;]*;?/gi, blank);
  // An url( left open at the end still loads: browsers close it there.
  masked = masked.replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*(?:\)|$)/gi, (whole: string, ...groups: unknown[]) => {
    found.push({ offset: at(Number(groups[3])), url: String(groups[0] ?? groups[1] ?? groups[2] ?? ""), via: "url()" });
    return blank(whole);
  });
  masked = masked.replace(/@import\s+(?:"([^"]*)"|'([^']*)')/gi, (whole: string, ...groups: unknown[]) => {
    found.push({ offset: at(Number(groups[2])), url: String(groups[0] ?? groups[1] ?? ""), via: "@import" });
    return blank(whole);
  });
  for (const match of masked.matchAll(/"([^"\n]*)"|'([^'\n]*)'/g)) {
    found.push({ offset: at(match.index), url: match[1] ?? match[2] ?? "", via: "a CSS string" });
  }
  return found;
}

/** Comments as spaces, newlines kept: offsets and lines stay true. */
function blankComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, blank);
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}

/**
 * CSS escapes decoded, with the offset in the original text of every
 * character kept for reporting (none needed when there is no escape).
 */
function decodeCss(css: string): { text: string; origin?: number[] } {
  if (!css.includes("\\")) return { text: css };
  let text = "";
  const origin: number[] = [];
  for (let index = 0; index < css.length; ) {
    const escape = css[index] === "\\" ? /^\\(?:([0-9a-fA-F]{1,6})[ \t\n]?|\n|([\s\S]))/.exec(css.slice(index, index + 8)) : null;
    if (!escape) {
      text += css[index];
      origin.push(index);
      index++;
      continue;
    }
    const code = escape[1] === undefined ? undefined : parseInt(escape[1], 16);
    const decoded = code === undefined ? (escape[2] ?? "") : code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
    for (let unit = 0; unit < decoded.length; unit++) origin.push(index);
    text += decoded;
    index += escape[0].length;
  }
  return { text, origin };
}
