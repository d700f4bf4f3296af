import sanitizeHtml from "sanitize-html";
import { markupIn } from "./html-scan.js";
import { escapeHtml } from "../../core/html.js";

/**
 * Raw HTML in a briefing is not trusted. Two passes keep it out of the deck:
 *
 * 1. `sanitizeRawHtml` rewrites each raw HTML fragment the Markdown holds,
 *    keeping only a few inline tags with harmless attributes, and reports
 *    everything it drops so the build can warn at the right line.
 * 2. `cleanHtml` runs over every finished HTML string as a safety net, with
 *    an allowlist of what the Markdown renderer itself produces.
 */

/** Raw tags a briefing may use. */
export const INLINE_TAG_ALLOWLIST = ["sup", "sub", "mark", "abbr", "br", "span"] as const;
const INLINE_ATTRIBUTES = new Set(["class", "title", "lang", "dir"]);
/** Elements whose content is dropped with them, not kept as text. */
const DROP_WITH_CONTENT = new Set([
  "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "textarea", "select", "frameset", "noembed", "xmp",
]);

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export type RemovalReporter = (offset: number, message: string) => void;

/** Raw inline tags open at once in one block; deeper ones are dropped. */
export const MAX_INLINE_NESTING = 16;
const VOID_TAGS = new Set(["br"]);

/**
 * Allowlisted tags left open by the fragments of one block so far. Each raw
 * tag reaches the renderer as its own fragment, so the count lives outside
 * them. Bounding it keeps the final sanitiser fast: its parser's open-element
 * stack costs time per element for every element open.
 */
export interface InlineNesting {
  open: number;
  /** Set once a too-deep tag was reported: one warning per block is enough. */
  reported?: boolean;
}

/** Rewrites one raw HTML fragment to the inline allowlist; reports each removal at its offset. */
export function sanitizeRawHtml(raw: string, report: RemovalReporter, nesting: InlineNesting = { open: 0 }): string {
  let output = "";
  let cursor = 0;
  let droppingUntil: string | undefined;
  for (const match of markupIn(raw)) {
    const offset = match.index;
    const before = raw.slice(cursor, offset);
    if (droppingUntil === undefined) output += escapeText(before);
    cursor = offset + match.length;
    const name = match.name?.toLowerCase();
    const { closing } = match;
    if (name === undefined) continue; // comments, doctypes, CDATA: dropped silently
    if (droppingUntil !== undefined) {
      if (closing && name === droppingUntil) droppingUntil = undefined;
      continue;
    }
    if (!(INLINE_TAG_ALLOWLIST as readonly string[]).includes(name)) {
      if (!closing) {
        report(offset, `removed raw HTML <${name}>: only ${INLINE_TAG_ALLOWLIST.join(", ")} are allowed in briefings`);
        if (DROP_WITH_CONTENT.has(name) && !/\/\s*$/.test(match.attributes)) droppingUntil = name;
      }
      continue;
    }
    if (!VOID_TAGS.has(name) && !closing && nesting.open >= MAX_INLINE_NESTING) {
      if (!nesting.reported) report(offset, `removed raw HTML <${name}> and any deeper: inline tags may be nested at most ${MAX_INLINE_NESTING} deep; close the ones above first`);
      nesting.reported = true;
      continue;
    }
    if (!VOID_TAGS.has(name)) nesting.open = Math.max(0, nesting.open + (closing ? -1 : 1));
    // Attributes start after "<" and the tag name; their reports point at each one.
    const attributesAt = offset + 1 + (match.name?.length ?? 0);
    output += closing ? `</${name}>` : `<${name}${keptAttributes(name, match.attributes, attributesAt, report)}>`;
  }
  if (droppingUntil === undefined) output += escapeText(raw.slice(cursor));
  return output;
}

function keptAttributes(tag: string, source: string, offset: number, report: RemovalReporter): string {
  let kept = "";
  for (const attribute of source.matchAll(ATTRIBUTE)) {
    const name = (attribute[1] ?? "").toLowerCase();
    if (name === "/") continue;
    const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? "";
    if (!INLINE_ATTRIBUTES.has(name)) {
      report(offset + attribute.index, `removed attribute ${name} from <${tag}>: event handlers, styles and links are not allowed in raw HTML`);
      continue;
    }
    kept += ` ${name}="${escapeHtml(decodeEntities(value))}"`;
  }
  return kept;
}

/** The element a lone opening tag starts when its content must go too (`<script>`); else undefined. */
export function hiddenElementOpened(html: string): string | undefined {
  const tag = html.trim();
  const name = /^<([A-Za-z][A-Za-z0-9:-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>$/.exec(tag)?.[1]?.toLowerCase();
  return name !== undefined && DROP_WITH_CONTENT.has(name) && !tag.endsWith("/>") ? name : undefined;
}

/** The element an inline HTML fragment closes (`</script>` → "script"), or undefined. */
export function closedElement(html: string): string | undefined {
  return /^<\/([A-Za-z][A-Za-z0-9:-]*)\s*>$/.exec(html.trim())?.[1]?.toLowerCase();
}

function escapeText(text: string): string {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Decodes the HTML entities an attacker could use to hide a scheme (`&#106;avascript:`). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => safeCodePoint(parseInt(decimal, 10)))
    .replace(/&(colon|tab|newline|quot|apos|lt|gt|amp);/gi, (_, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? "");
}

const NAMED_ENTITIES: Record<string, string> = {
  colon: ":", tab: "\t", newline: "\n", quot: '"', apos: "'", lt: "<", gt: ">", amp: "&",
};

function safeCodePoint(code: number): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

/** What a link may point to: the web, mail, or an anchor in the deck. */
export function isAllowedHref(href: string): boolean {
  // Browsers ignore control characters and whitespace inside schemes; so must we.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const normalised = decodeEntities(href).replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  return /^(https?:\/\/|mailto:)/.test(normalised) || /^#[^:]*$/.test(normalised);
}

const CLEAN_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "a", "em", "strong", "del", "s", "code", "pre", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "blockquote", "h3", "h4", "h5", "h6", "hr", "img", "figure", "figcaption", "input", "cite", "footer",
    ...INLINE_TAG_ALLOWLIST,
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    img: ["src", "alt", "title", "loading", "decoding"],
    ol: ["start"],
    th: ["align", "style"],
    td: ["align", "style"],
    input: ["type", "checked", "disabled"],
    // Raw inline tags may carry a title (see INLINE_ATTRIBUTES).
    ...Object.fromEntries(INLINE_TAG_ALLOWLIST.map((tag) => [tag, ["title"]])),
    "*": ["class", "lang", "dir", "data-fragment-index"],
  },
  allowedStyles: { "*": { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
};

/** The safety net: everything the deck shows from content passes through here last. */
export function cleanHtml(html: string): string {
  return alreadyClean(html) ? html : cleanHtmlThoroughly(html);
}

/** The safety net without its shortcut; `cleanHtml` must always return what this returns. */
export function cleanHtmlThoroughly(html: string): string {
  return sanitizeHtml(html, CLEAN_OPTIONS);
}

const PLAIN_INLINE = new Set(["em", "strong", "code", "del", "s", "sup", "sub", "mark"]);
const PLAIN_MARKUP = /<(\/?)([a-z]+)>|(&(?:lt|gt|amp);)|[<>&"]/g;

/**
 * True when `html` is plain text (no " and no & < > but &lt; &gt; &amp;) and allowlisted tags without
 * attributes, properly nested, with nothing the HTML parser would close by
 * itself (a list in a paragraph, an item outside a list). sanitize-html
 * returns such a string unchanged, so the parse can be skipped: it costs tens
 * of microseconds a call, and a file of 300,000 one-word paragraphs took
 * fifteen seconds. A test checks the two agree on random input.
 */
function alreadyClean(html: string): boolean {
  const open: string[] = [];
  for (const match of html.matchAll(PLAIN_MARKUP)) {
    if (match[3] !== undefined) continue; // an entity sanitize-html writes back as it is
    const name = match[2];
    if (name === undefined) return false;
    if (match[1] === "/") {
      if (open.pop() !== name) return false;
      continue;
    }
    const parent = open[open.length - 1];
    const fits = PLAIN_INLINE.has(name) ? parent !== "ul" && parent !== "ol"
      : name === "li" ? parent === "ul" || parent === "ol"
      : name === "p" || name === "ul" || name === "ol" ? parent === undefined || parent === "li"
      : false;
    if (!fits) return false;
    open.push(name);
  }
  return open.length === 0;
}
