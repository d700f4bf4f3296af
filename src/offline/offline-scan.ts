import { cssReferences } from "../input/parse/css-urls.js";
import { markupOf } from "../input/parse/html-tokens.js";
import type { Attribute } from "../input/parse/html-tokens.js";

/**
 * Finds what in a page or stylesheet would make a browser fetch something
 * from the network or from outside the deck's folder. Links a reader clicks
 * (`<a href>`) and text are not fetches; everything a page loads by itself
 * (src, srcset, poster, data, link href, CSS url() and @import, URLs in
 * inline scripts) is looked at.
 */

export type Reach = "network" | "outside";

export interface RemoteReference {
  /** Offset in the scanned text, for a line and column. */
  offset: number;
  /** The reference as written. */
  url: string;
  /** What holds it: `<script src>`, `url()`, `@import`… */
  via: string;
  reach: Reach;
}

/** Attributes whose value the browser fetches (or sends to, for ping). */
const FETCHED = new Set([
  "src", "href", "srcset", "imagesrcset", "poster", "data", "action", "formaction", "background",
  "xlink:href", "ping", "manifest", "codebase", "archive", "lowsrc", "dynsrc", "icon",
]);
/** Elements whose href is a link to follow, not a fetch. */
const NAVIGATION = new Set(["a", "area"]);
/** Attributes holding several URLs, and how they are separated. */
const LISTS: Record<string, RegExp> = { srcset: /,/, imagesrcset: /,/, ping: /\s+/, archive: /[\s,]+/ };


/** Where a URL leads, or undefined when it stays in the deck's folder (relative, data:, #anchor). */
export function reachOf(written: string): Reach | undefined {
  // Browsers drop tabs and newlines anywhere in a URL, and spaces and controls before it.
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  const url = written.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  if (/^(?:https?|ftp|wss?):/i.test(url) || /^[\\/]{2}/.test(url)) return "network";
  if (/^file:/i.test(url) || /^[\\/]/.test(url)) return "outside";
  return undefined;
}

/** Every reference an HTML page would fetch from elsewhere. */
export function scanHtml(html: string): RemoteReference[] {
  const found: RemoteReference[] = [];
  const markup = markupOf(html);
  markup.forEach((tag, index) => {
    const { name } = tag;
    if (name === undefined || tag.closing) return; // a comment, or a closing tag
    found.push(...scanAttributes(name, tag.attributes, tag.start));
    if (name !== "script" && name !== "style") return;
    // Their content is code, not markup: the tokenizer reads it as text up to the closing tag.
    const body = html.slice(tag.end, markup[index + 1]?.start ?? html.length);
    found.push(...(name === "style" ? scanCss(body, tag.end) : scanScript(body, tag.end)));
  });
  return found;
}

function scanAttributes(tag: string, attributes: readonly Attribute[], tagAt: number): RemoteReference[] {
  const found: RemoteReference[] = [];
  for (const { name, value, at } of attributes) {
    if (name === "style" || name === "srcdoc") {
      // A style attribute is CSS; an iframe's srcdoc is a page of its own.
      const inner = name === "style" ? scanCss(value) : scanHtml(value);
      found.push(...inner.map((reference) => ({ ...reference, offset: at })));
      continue;
    }
    if (!FETCHED.has(name) || (name === "href" && NAVIGATION.has(tag))) continue;
    const separator = LISTS[name];
    const urls = separator ? value.split(separator).map((part) => part.trim().split(/\s+/)[0] ?? "") : [value];
    for (const url of urls) {
      const reach = reachOf(url);
      if (reach) found.push({ offset: at, url, via: `<${tag} ${name}>`, reach });
    }
  }
  // <meta http-equiv="refresh" content="0; url=…"> navigates by itself.
  const value = (name: string): string => attributes.find((attribute) => attribute.name === name)?.value ?? "";
  if (tag === "meta" && value("http-equiv").toLowerCase() === "refresh") {
    const url = /url\s*=\s*['"]?([^'"\s]+)/i.exec(value("content"))?.[1] ?? "";
    const reach = reachOf(url);
    if (reach) found.push({ offset: tagAt, url, via: "<meta http-equiv=refresh>", reach });
  }
  return found;
}

/** Every reference a stylesheet would fetch from elsewhere; offsets are shifted by `base`. */
export function scanCss(css: string, base = 0): RemoteReference[] {
  return cssReferences(css, base).flatMap(({ offset, url, via }) => {
    // Any string naming a web address (image-set("https://…")) is a fetch too.
    const reach = via === "a CSS string" ? (isWebAddress(url) ? "network" : undefined) : reachOf(url);
    return reach ? [{ offset, url, via, reach }] : [];
  });
}

/** URLs in string literals of an inline script; offsets are shifted by `base`. */
export function scanScript(script: string, base = 0): RemoteReference[] {
  const found: RemoteReference[] = [];
  const TOKENS = /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`/g;
  for (const match of script.matchAll(TOKENS)) {
    if (match[0].startsWith("/")) continue; // a comment
    const url = unescapeScript(match[0].slice(1, -1));
    if (isWebAddress(url)) found.push({ offset: base + match.index, url, via: "a script", reach: "network" });
  }
  return found;
}

/** A string that is a web address with a host (not "//" alone, or a bare "https://" to build on). */
function isWebAddress(text: string): boolean {
  return /^\s*(?:(?:https?|ftp|wss?):)?\/\/[^\s/"'`]/i.test(text) && reachOf(text) === "network";
}

function unescapeScript(text: string): string {
  return text.replace(/\\(?:x([0-9a-f]{2})|u\{([0-9a-f]{1,6})\}|u([0-9a-f]{4})|([\s\S]))/gi, (_, x?: string, braced?: string, u?: string, other?: string) => {
    const hex = x ?? braced ?? u;
    if (hex === undefined) return other ?? "";
    const code = parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}
