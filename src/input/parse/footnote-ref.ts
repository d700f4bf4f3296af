import type { Footnote } from "../../core/model.js";

/**
 * How a footnote citation is written into a briefing's HTML. The parser
 * writes it; rendering reads it back to know which footnotes a piece of a
 * slide cites. This is the one place that knows the markup.
 *
 * A citation is known by its marker: a source's number ("2") or a note's
 * letter ("a"). Digits and letters never collide, so within a section a
 * marker names one footnote.
 */
export function footnoteRefHtml(footnote: Pick<Footnote, "kind" | "marker">): string {
  return footnote.kind === "note"
    ? `<sup class="footnote-ref note-ref">${footnote.marker}</sup>`
    : `<sup class="footnote-ref">${footnote.marker}</sup>`;
}

const FOOTNOTE_REF = /<sup class="footnote-ref(?: note-ref)?">([^<]+)<\/sup>/g;

/** The footnote markers cited in a piece of HTML, in order, without repeats. */
export function footnoteMarkersIn(html: string): string[] {
  // Most pieces cite nothing: skip the regex (a briefing may have 100,000 of them).
  if (!html.includes("footnote-ref")) return [];
  return [...new Set([...html.matchAll(FOOTNOTE_REF)].map((match) => match[1] ?? ""))];
}

/** The HTML with its footnote citations taken out (for plain headings). */
export function withoutFootnoteRefs(html: string): string {
  return html.replace(FOOTNOTE_REF, "");
}
