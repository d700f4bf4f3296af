import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString } from "pdf-lib";
import type { PDFDocument, PDFObject } from "pdf-lib";
import type { LinkText, TagHint } from "./print-prep.js";

/**
 * Completes the structure tree Chromium wrote, where its mapping from the
 * accessibility tree falls short of PDF/UA:
 * - elements the page marked for it (see print-prep) come out as Aside, in
 *   document order: they become Note, Quote or a Span with its /Lang;
 * - a Figure with no /Alt (an HTML figure around an image that has one) is a
 *   grouping, so it becomes Div: only the image is the figure;
 * - a list item's body goes into LBody beside its Lbl;
 * - every link annotation gets /Contents (the link's text) and pages with
 *   annotations get tab order /S (structure order).
 */
export function completeStructure(pdf: PDFDocument, hints: TagHint[], links: LinkText[]): void {
  const root = lookup(pdf, pdf.catalog.get(PDFName.of("StructTreeRoot")));
  if (!(root instanceof PDFDict)) return;
  const elements = structElements(pdf, root);
  const asides = elements.filter((element) => roleOf(element) === "Aside");
  asides.forEach((element, index) => {
    // Counts differ only if the page changed between preparing and printing: keep to standard types.
    const hint = asides.length === hints.length ? hints[index] : undefined;
    element.set(PDFName.of("S"), PDFName.of(hint?.tag ?? "Div"));
    if (hint?.lang) element.set(PDFName.of("Lang"), PDFString.of(hint.lang));
  });
  for (const element of elements) {
    const role = roleOf(element);
    if (role === "Figure" && !element.has(PDFName.of("Alt"))) element.set(PDFName.of("S"), PDFName.of("Div"));
    if (role === "LI") addListBody(pdf, element);
  }
  describeLinks(pdf, links);
}

function lookup(pdf: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? pdf.context.lookup(object) : object;
}

function roleOf(element: PDFDict): string {
  const role = element.get(PDFName.of("S"));
  return role instanceof PDFName ? role.decodeText() : "";
}

/** Every structure element, depth first: the tree's reading order. */
function structElements(pdf: PDFDocument, root: PDFDict): PDFDict[] {
  const found: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const visit = (object: PDFObject | undefined): void => {
    const value = lookup(pdf, object);
    if (value instanceof PDFArray) {
      for (const item of value.asArray()) visit(item);
      return;
    }
    if (!(value instanceof PDFDict) || seen.has(value) || !value.has(PDFName.of("S"))) return;
    seen.add(value);
    found.push(value);
    visit(value.get(PDFName.of("K")));
  };
  visit(root.get(PDFName.of("K")));
  return found;
}

/** Moves a list item's element children other than its Lbl into a new LBody. */
function addListBody(pdf: PDFDocument, item: PDFDict): void {
  const kids = lookup(pdf, item.get(PDFName.of("K")));
  const list = kids instanceof PDFArray ? kids.asArray() : kids ? [item.get(PDFName.of("K")) as PDFObject] : [];
  const itemRef = pdf.context.getObjectRef(item);
  if (!itemRef) return;
  const keep: PDFObject[] = [];
  const body: PDFRef[] = [];
  for (const kid of list) {
    const element = lookup(pdf, kid);
    const isElement = kid instanceof PDFRef && element instanceof PDFDict && element.has(PDFName.of("S"));
    if (isElement && roleOf(element) !== "Lbl" && roleOf(element) !== "LBody") body.push(kid);
    else keep.push(kid);
  }
  if (body.length === 0) return;
  const bodyRef = pdf.context.register(pdf.context.obj({ Type: "StructElem", S: "LBody", P: itemRef, K: body }));
  for (const ref of body) (pdf.context.lookup(ref) as PDFDict).set(PDFName.of("P"), bodyRef);
  // The body stays where its first part was, after the label.
  item.set(PDFName.of("K"), pdf.context.obj([...keep, bodyRef]));
}

/**
 * /Contents for every link annotation: its text on the page, else where it
 * leads. Links to one address are matched in document order, which is the
 * order Chromium writes the annotations in.
 */
function describeLinks(pdf: PDFDocument, links: LinkText[]): void {
  const textsOf = new Map<string, string[]>();
  for (const link of links) textsOf.set(link.href, [...(textsOf.get(link.href) ?? []), link.text]);
  const nextText = (href: string): string | undefined => textsOf.get(href)?.shift() || undefined;
  for (const page of pdf.getPages()) {
    const annots = lookup(pdf, page.node.get(PDFName.of("Annots")));
    if (!(annots instanceof PDFArray) || annots.size() === 0) continue;
    page.node.set(PDFName.of("Tabs"), PDFName.of("S"));
    for (const item of annots.asArray()) {
      const annot = lookup(pdf, item);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of("Subtype")) !== PDFName.of("Link")) continue;
      if (annot.has(PDFName.of("Contents"))) continue;
      const target = linkTarget(pdf, annot);
      const text = nextText(target) ?? nextText(target.replace(/\/$/, "")) ?? target;
      annot.set(PDFName.of("Contents"), PDFHexString.fromText(text));
    }
  }
}

/** The URI of an external link, or `#name` for a named destination inside the document. */
function linkTarget(pdf: PDFDocument, annot: PDFDict): string {
  const action = lookup(pdf, annot.get(PDFName.of("A")));
  const uri = action instanceof PDFDict ? lookup(pdf, action.get(PDFName.of("URI"))) : undefined;
  if (uri instanceof PDFString || uri instanceof PDFHexString) return uri.decodeText();
  const dest = lookup(pdf, annot.get(PDFName.of("Dest")));
  if (dest instanceof PDFString || dest instanceof PDFHexString) return `#${dest.decodeText()}`;
  if (dest instanceof PDFName) return `#${dest.decodeText()}`;
  return "a place in this document";
}
