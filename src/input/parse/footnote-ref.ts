/**
 * How a footnote citation is written into a briefing's HTML. The parser
 * writes it; rendering reads it back to know which footnotes a piece of a
 * slide cites. This is the one place that knows the markup.
 */
export function footnoteRefHtml(number: number): string {
  return `<sup class="footnote-ref">${number}</sup>`;
}

const FOOTNOTE_REF = /<sup class="footnote-ref">(\d+)<\/sup>/g;

/** The footnote numbers cited in a piece of HTML, in order, without repeats. */
export function footnoteRefsIn(html: string): number[] {
  return [...new Set([...html.matchAll(FOOTNOTE_REF)].map((match) => Number(match[1])))];
}

/** The HTML with its footnote citations taken out (for plain headings). */
export function withoutFootnoteRefs(html: string): string {
  return html.replace(FOOTNOTE_REF, "");
}
