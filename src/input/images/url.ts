import { decodeEntities } from "../parse/sanitize.js";
import { markupIn } from "../parse/html-scan.js";

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

const SRC = /(^|\s)src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * Replaces the `src` of every `<img>` in an HTML fragment that names a deck
 * file: the tag is found by tokenizing the fragment and the value compared
 * once decoded, never by matching text.
 */
export function replaceImageSources(fragment: string, replacement: (path: string) => string | undefined): string {
  let result = "";
  let copied = 0;
  for (const tag of markupIn(fragment)) {
    if (tag.closing || tag.name?.toLowerCase() !== "img") continue;
    const match = SRC.exec(tag.attributes);
    if (!match) continue;
    const written = match[2] ?? match[3] ?? match[4] ?? "";
    const path = pathOfRelativeUrl(decodeEntities(written));
    const next = path === undefined ? undefined : replacement(path);
    if (next === undefined) continue;
    const attributesAt = tag.index + tag.length - 1 - tag.attributes.length;
    const valueAt = attributesAt + match.index + match[0].length - written.length - (match[4] === undefined ? 1 : 0);
    result += `${fragment.slice(copied, valueAt)}${next.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")}`;
    copied = valueAt + written.length;
  }
  return result + fragment.slice(copied);
}
