import { markupOf } from "../parse/html-tokens.js";

/**
 * The relative URL of a file of the deck, each path segment percent-encoded:
 * a name holding `#`, `?`, `&`, `'`, spaces or any script then names that file
 * and nothing else, in the deck, the PDF and every exporter.
 */
export function relativeUrl(path: string): string {
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws): it becomes U+FFFD, which names no file.
  const wellFormed = path.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  return wellFormed.split("/").map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");
}

/** The deck path a relative URL names (the inverse of `relativeUrl`), or undefined when it is not one. */
export function pathOfRelativeUrl(url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/|[?#]/i.test(url)) return undefined;
  try {
    return decodeURIComponent(url.replace(/^\.\//, ""));
  } catch {
    return undefined;
  }
}

/**
 * Replaces the `src` of every `<img>` in an HTML fragment that names a deck
 * file: the tag is found by tokenizing the fragment and the value compared
 * once decoded, never by matching text.
 */
export function replaceImageSources(fragment: string, replacement: (path: string) => string | undefined): string {
  let result = "";
  let copied = 0;
  for (const tag of markupOf(fragment)) {
    if (tag.closing || tag.name !== "img") continue;
    // A repeated attribute is ignored by browsers: the first one counts.
    const src = tag.attributes.find((attribute) => attribute.name === "src");
    // An empty (or missing) value names no file.
    const path = src === undefined || src.value === "" ? undefined : pathOfRelativeUrl(src.value);
    const next = path === undefined ? undefined : replacement(path);
    if (src === undefined || next === undefined) continue;
    result += `${fragment.slice(copied, src.valueStart)}${next.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")}`;
    copied = src.valueEnd;
  }
  return result + fragment.slice(copied);
}
