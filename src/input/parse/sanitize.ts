import sanitizeHtml from "sanitize-html";
import { TEXT_ONLY_ELEMENTS, loneTag, markupOf } from "./html-tokens.js";
import type { Attribute, Markup } from "./html-tokens.js";
import { decodeEntities } from "./entities.js";

export { decodeEntities };
/** Attribute values are escaped as text is. */
export { escapeHtml as escapeAttribute };
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
const DROP_WITH_CONTENT: ReadonlySet<string> = new Set([
  ...TEXT_ONLY_ELEMENTS, "object", "embed", "svg", "math", "template", "noscript", "select", "frameset",
]);

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
  for (const markup of markupOf(raw)) {
    const offset = markup.start;
    const before = raw.slice(cursor, offset);
    if (droppingUntil === undefined) output += escapeText(before);
    cursor = markup.end;
    const { name, closing } = markup;
    if (name === undefined) continue; // comments, doctypes, CDATA: dropped silently
    if (droppingUntil !== undefined) {
      if (closing && name === droppingUntil) droppingUntil = undefined;
      continue;
    }
    if (!(INLINE_TAG_ALLOWLIST as readonly string[]).includes(name)) {
      if (!closing) {
        report(offset, `removed raw HTML <${name}>: only ${INLINE_TAG_ALLOWLIST.join(", ")} are allowed in briefings`);
        if (hidesContent(markup)) droppingUntil = name;
      }
      continue;
    }
    if (!VOID_TAGS.has(name) && !closing && nesting.open >= MAX_INLINE_NESTING) {
      if (!nesting.reported) report(offset, `removed raw HTML <${name}> and any deeper: inline tags may be nested at most ${MAX_INLINE_NESTING} deep; close the ones above first`);
      nesting.reported = true;
      continue;
    }
    if (!VOID_TAGS.has(name)) nesting.open = Math.max(0, nesting.open + (closing ? -1 : 1));
    output += closing ? `</${name}>` : `<${name}${keptAttributes(name, markup.attributes, report)}>`;
  }
  if (droppingUntil === undefined) output += escapeText(raw.slice(cursor));
  return output;
}

function keptAttributes(tag: string, attributes: readonly Attribute[], report: RemovalReporter): string {
  let kept = "";
  for (const { name, value, at } of attributes) {
    if (!INLINE_ATTRIBUTES.has(name)) {
      report(at, `removed attribute ${name} from <${tag}>: event handlers, styles and links are not allowed in raw HTML`);
      continue;
    }
    kept += ` ${name}="${escapeHtml(value)}"`;
  }
  return kept;
}

/** True when the opening tag starts an element whose content must go with it; "/>" ends only those that are not text-only. */
function hidesContent(markup: Markup): boolean {
  const name = markup.name ?? "";
  return DROP_WITH_CONTENT.has(name) && (!markup.selfClosing || TEXT_ONLY_ELEMENTS.has(name));
}

/** The element a lone opening tag starts when its content must go too (`<script>`); else undefined. */
export function hiddenElementOpened(html: string): string | undefined {
  const tag = loneTag(html);
  return tag && !tag.closing && hidesContent(tag) ? tag.name : undefined;
}

/** The element an inline HTML fragment closes (`</script>` → "script"), or undefined. */
export function closedElement(html: string): string | undefined {
  const tag = loneTag(html);
  return tag?.closing ? tag.name : undefined;
}

function escapeText(text: string): string {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
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
export function alreadyClean(html: string): boolean {
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
