import { decodeEntities } from "../input/parse/entities.js";

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

const MARKUP = /<!--[\s\S]*?(?:-->|$)|<([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

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
  // A fresh copy: the scan recurses (srcdoc), and a shared global regex would lose its place.
  const markup = new RegExp(MARKUP);
  for (let match = markup.exec(html); match !== null; match = markup.exec(html)) {
    const name = match[1]?.toLowerCase();
    if (name === undefined) continue; // a comment
    const attributesAt = match.index + 1 + (match[1]?.length ?? 0);
    found.push(...scanAttributes(name, match[2] ?? "", attributesAt));
    if (name !== "script" && name !== "style") continue;
    // Their content is code, not markup: scan it as such, up to the closing tag.
    const bodyStart = markup.lastIndex;
    const close = new RegExp(`</${name}\\s*>`, "ig");
    close.lastIndex = bodyStart;
    const end = close.exec(html);
    const bodyEnd = end ? end.index : html.length;
    const body = html.slice(bodyStart, bodyEnd);
    found.push(...(name === "style" ? scanCss(body, bodyStart) : scanScript(body, bodyStart)));
    markup.lastIndex = end ? end.index + end[0].length : html.length;
  }
  return found;
}

function scanAttributes(tag: string, source: string, offset: number): RemoteReference[] {
  const found: RemoteReference[] = [];
  const attributes = new Map<string, string>();
  for (const attribute of source.matchAll(ATTRIBUTE)) {
    const name = (attribute[1] ?? "").toLowerCase();
    const value = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? "");
    const at = offset + attribute.index;
    attributes.set(name, value);
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
  if (tag === "meta" && attributes.get("http-equiv")?.toLowerCase() === "refresh") {
    const url = /url\s*=\s*['"]?([^'"\s]+)/i.exec(attributes.get("content") ?? "")?.[1] ?? "";
    const reach = reachOf(url);
    if (reach) found.push({ offset, url, via: "<meta http-equiv=refresh>", reach });
  }
  return found;
}

/** Every reference a stylesheet would fetch from elsewhere; offsets are shifted by `base`. */
export function scanCss(css: string, base = 0): RemoteReference[] {
  const found: RemoteReference[] = [];
  const { text, origin } = decodeCss(blankComments(css));
  const at = (index: number): number => base + (origin[index] ?? css.length);
  // @namespace names a namespace with a URL; nothing is fetched.
  let masked = text.replace(/@namespace[^;]*;?/gi, blank);
  masked = masked.replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*\)/gi, (whole: string, ...groups: unknown[]) => {
    const url = String(groups[0] ?? groups[1] ?? groups[2] ?? "");
    const reach = reachOf(url);
    if (reach) found.push({ offset: at(Number(groups[3])), url, via: "url()", reach });
    return blank(whole);
  });
  masked = masked.replace(/@import\s+(?:"([^"]*)"|'([^']*)')/gi, (whole: string, ...groups: unknown[]) => {
    const url = String(groups[0] ?? groups[1] ?? "");
    const reach = reachOf(url);
    if (reach) found.push({ offset: at(Number(groups[2])), url, via: "@import", reach });
    return blank(whole);
  });
  // Any other string naming a web address (image-set("https://…")) is a fetch too.
  for (const match of masked.matchAll(/"([^"\n]*)"|'([^'\n]*)'/g)) {
    const url = match[1] ?? match[2] ?? "";
    if (isWebAddress(url)) found.push({ offset: at(match.index), url, via: "a CSS string", reach: "network" });
  }
  return found;
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

/** Comments as spaces, newlines kept: offsets and lines stay true. */
function blankComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, blank);
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}

/**
 * CSS escapes decoded (`\75 rl(` is `url(`, `h\74tp` is `http`), with the
 * offset in the original text of every character kept for reporting.
 */
function decodeCss(css: string): { text: string; origin: number[] } {
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
