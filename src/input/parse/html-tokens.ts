import { QuoteType, Tokenizer } from "htmlparser2";

/**
 * The one HTML tokenizer: the sanitiser, the image-source rewriter and the
 * offline scan all read HTML through here, so they agree on what is a tag.
 * htmlparser2's tokenizer does the reading, as browsers do (quotes only
 * around attribute values, `<script>` and the like hold text, `--!>` ends a
 * comment), in one linear pass; this module only records where each piece is.
 */

export interface Attribute {
  /** Lower-cased. */
  name: string;
  /** Entities decoded, as the browser reads it. */
  value: string;
  /** Offset of the attribute's name. */
  at: number;
  /** The value as written, quotes excluded: [valueStart, valueEnd); empty at the name's end when there is none. */
  valueStart: number;
  valueEnd: number;
}

/** A tag, or other markup (a comment, doctype, CDATA section, `<?…>`): text is what lies between them. */
export interface Markup {
  /** Offset of its "<". */
  start: number;
  /** Offset just after its ">" (or the end of the text, for a comment left open). */
  end: number;
  /** Lower-cased tag name; undefined for comments and the like. */
  name?: string;
  closing: boolean;
  /** Written with "/>" (which HTML ignores except on foreign elements such as <svg>). */
  selfClosing: boolean;
  attributes: Attribute[];
}

/**
 * Elements whose content the tokenizer reads as text up to their closing tag,
 * even when written `<script/>`: markup inside them is never a tag.
 */
export const TEXT_ONLY_ELEMENTS: ReadonlySet<string> = new Set(["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"]);

/**
 * The markup of `html`, in order. A tag that never ends (no ">" before the
 * end of the text) is not markup: it is left as text, like the rest.
 */
export function markupOf(html: string): Markup[] {
  const found: Markup[] = [];
  /** Where the last piece (text, entity or markup) ended: the next markup starts at or after it. */
  let cursor = 0;
  let tag: Markup | undefined;
  let attribute: Attribute | undefined;
  const other = (endIndex: number): void => {
    const start = html.indexOf("<", cursor);
    const end = Math.min(html.length, endIndex + 1);
    found.push({ start, end, closing: false, selfClosing: false, attributes: [] });
    cursor = end;
  };
  const endTag = (endIndex: number, selfClosing: boolean): void => {
    if (!tag) return;
    tag.end = endIndex + 1;
    tag.selfClosing = selfClosing;
    found.push(tag);
    cursor = tag.end;
    tag = undefined;
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, {
    ontext(_start, endIndex) { cursor = endIndex; },
    ontextentity(_codePoint, endIndex) { cursor = endIndex; },
    onopentagname(start, endIndex) {
      tag = { start: start - 1, end: -1, name: html.slice(start, endIndex).toLowerCase(), closing: false, selfClosing: false, attributes: [] };
    },
    onattribname(start, endIndex) {
      attribute = { name: html.slice(start, endIndex).toLowerCase(), value: "", at: start, valueStart: endIndex, valueEnd: endIndex };
    },
    onattribdata(start, endIndex) {
      if (attribute) attribute.value += html.slice(start, endIndex);
    },
    onattribentity(codePoint) {
      if (attribute) attribute.value += String.fromCodePoint(codePoint);
    },
    onattribend(quote, endIndex) {
      if (!attribute || !tag) return;
      if (quote !== QuoteType.NoValue) {
        // The value starts after "=", any spaces, and its opening quote.
        let start = html.indexOf("=", attribute.valueStart) + 1;
        while (/\s/.test(html[start] ?? "")) start++;
        const quoted = quote !== QuoteType.Unquoted;
        attribute.valueStart = start + (quoted ? 1 : 0);
        attribute.valueEnd = quoted ? endIndex - 1 : endIndex;
      }
      tag.attributes.push(attribute);
      attribute = undefined;
    },
    onopentagend(endIndex) { endTag(endIndex, false); },
    onselfclosingtag(endIndex) { endTag(endIndex, true); },
    onclosetag(start, endIndex) {
      // The tokenizer does not say where a closing tag's ">" is; one that has none is text.
      const close = html.indexOf(">", endIndex);
      if (close < 0) return;
      found.push({ start: start - 2, end: close + 1, name: html.slice(start, endIndex).toLowerCase(), closing: true, selfClosing: false, attributes: [] });
      cursor = close + 1;
    },
    oncomment(_start, endIndex) { other(endIndex); },
    oncdata(_start, endIndex) { other(endIndex); },
    ondeclaration(_start, endIndex) { other(endIndex); },
    onprocessinginstruction(_start, endIndex) { other(endIndex + 1); },
    onend() { /* a tag still open at the end is text: nothing to record */ },
  });
  tokenizer.write(html);
  tokenizer.end();
  return found;
}

/** What lies between the markup of `html`: its text as written (entities not decoded). */
export function textBetweenMarkup(html: string): string {
  let text = "";
  let cursor = 0;
  for (const markup of markupOf(html)) {
    text += html.slice(cursor, markup.start);
    cursor = markup.end;
  }
  return text + html.slice(cursor);
}

/** The one tag `html` consists of (spaces around it aside), or undefined when it holds anything else. */
export function loneTag(html: string): Markup | undefined {
  const trimmed = html.trim();
  if (!trimmed.startsWith("<")) return undefined;
  const markup = markupOf(trimmed);
  const only = markup[0];
  return markup.length === 1 && only?.name !== undefined && only.start === 0 && only.end === trimmed.length ? only : undefined;
}
