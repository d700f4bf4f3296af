/**
 * What the page must look like to Chromium's accessibility tree just before
 * `page.pdf({ tagged: true })`: Chromium builds the PDF's structure tree from
 * that tree, so whatever is hidden from it is printed untagged, and whatever
 * is in it is tagged as content.
 */

/** An element whose tag Chromium cannot write itself; finishing the PDF applies it. */
export interface TagHint {
  /** Structure type to write: Note, Quote or Span. */
  tag: string;
  /** A language that differs from the document's. */
  lang?: string;
}

export interface LinkText {
  /** The href as printed: a URL, or `#id` for a link inside the document. */
  href: string;
  text: string;
}

export interface PrintPreparation {
  /** In document order: the elements marked for retagging (see finish-pdf). */
  hints: TagHint[];
  links: LinkText[];
}

/**
 * Runs inside the page (serialised by puppeteer: no imports, no closures).
 *
 * - reveal.js's print view leaves every slide but the current one `hidden`
 *   and `aria-hidden`; un-hidden, every slide reaches the structure tree.
 * - Banner, footer, slide numbers and decoration are hidden from the tree, so
 *   Chromium leaves them unmarked and finishing marks them as artifacts.
 * - Links inside the deck (`#/slide-id`) become `#slide-id`, which Chromium
 *   prints as link annotations to the slide's page.
 * - Chromium writes no Note, Quote or language span: such elements are given
 *   the one role it tags as Aside, in document order, and finishing retags them.
 */
export function preparePageForTagging(documentLang: string): PrintPreparation {
  for (const hidden of document.querySelectorAll(".reveal .slides section, .pdf-page")) {
    hidden.removeAttribute("hidden");
    hidden.removeAttribute("aria-hidden");
  }
  const decoration = ".banner, .slide-footer, .deck-download, .deck-tools, .slide-number, .controls, .progress, .handout-lines, [data-artifact]";
  for (const element of document.querySelectorAll(decoration)) element.setAttribute("aria-hidden", "true");
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[href^='#/']")) {
    link.setAttribute("href", `#${(link.getAttribute("href") ?? "").slice(2)}`);
  }
  const shown = (element: Element): boolean =>
    element.getClientRects().length > 0 && element.closest("[aria-hidden='true'], [hidden], .notes") === null;
  const base = documentLang.toLowerCase();
  const hints: TagHint[] = [];
  const candidates = document.querySelectorAll("aside, [role='complementary'], .slide-footnotes p, q, span[lang], em[lang], i[lang], b[lang], strong[lang]");
  for (const element of candidates) {
    if (!shown(element)) continue;
    const lang = element.getAttribute("lang");
    let hint: TagHint;
    if (element.matches(".slide-footnotes p")) hint = { tag: "Note" };
    else if (element.matches("q")) hint = { tag: "Quote" };
    else if (lang && lang.toLowerCase() !== base) hint = { tag: "Span", lang };
    else if (element.matches("aside, [role='complementary']")) hint = { tag: "Div" };
    else continue;
    if (lang && lang.toLowerCase() !== base) hint.lang = lang;
    element.setAttribute("role", "complementary");
    hints.push(hint);
  }
  const links = [...document.querySelectorAll<HTMLAnchorElement>("a[href]")]
    .filter(shown)
    .map((link) => ({ href: link.getAttribute("href") ?? "", text: (link.textContent ?? "").replace(/\s+/g, " ").trim() }));
  return { hints, links };
}
