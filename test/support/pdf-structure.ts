// Reads a PDF's accessibility back: the structure tree (tags by type, alt
// text, attributes) and how much of each page's drawing sits in marked content.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, decodePDFRawStream } from "pdf-lib";
import type { PDFDocument, PDFObject } from "pdf-lib";

export interface StructElem {
  type: string;
  alt?: string;
  actualText?: string;
  lang?: string;
  /** Attribute entries of every owner (/A), flattened: Scope, Placement… */
  attributes: Record<string, string>;
  children: StructElem[];
  /** Marked-content ids and annotations this element holds directly. */
  mcids: number;
  annotations: PDFDict[];
}

export interface MarkedContentCount {
  /** Operators that draw: text, paths, images, shadings. */
  drawing: number;
  /** Of those, how many sit inside BDC/BMC … EMC. */
  marked: number;
  /** Of those, how many sit inside /Artifact marked content. */
  artifact: number;
}

/** Decodes a text value from the PDF (string or hex string). */
export function text(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  return undefined;
}

function resolve(pdf: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? pdf.context.lookup(object) : object;
}

/** The structure tree under /StructTreeRoot, or undefined when the PDF is untagged. */
export function structureTree(pdf: PDFDocument): StructElem | undefined {
  const root = resolve(pdf, pdf.catalog.get(PDFName.of("StructTreeRoot")));
  if (!(root instanceof PDFDict)) return undefined;
  const top: StructElem = { type: "StructTreeRoot", attributes: {}, children: [], mcids: 0, annotations: [] };
  const seen = new Set<PDFDict>();
  const visitKids = (parent: StructElem, kids: PDFObject | undefined): void => {
    const kid = resolve(pdf, kids);
    if (kid instanceof PDFArray) {
      for (const item of kid.asArray()) visitKids(parent, item);
      return;
    }
    if (kid instanceof PDFNumber) {
      parent.mcids += 1;
      return;
    }
    if (!(kid instanceof PDFDict) || seen.has(kid)) return;
    seen.add(kid);
    const type = kid.get(PDFName.of("Type"));
    if (type === PDFName.of("MCR")) {
      parent.mcids += 1;
      return;
    }
    if (type === PDFName.of("OBJR")) {
      const target = resolve(pdf, kid.get(PDFName.of("Obj")));
      if (target instanceof PDFDict) parent.annotations.push(target);
      return;
    }
    const role = kid.get(PDFName.of("S"));
    const elem: StructElem = {
      type: role instanceof PDFName ? role.decodeText() : "?",
      attributes: attributesOf(pdf, kid.get(PDFName.of("A"))),
      children: [],
      mcids: 0,
      annotations: [],
    };
    const alt = text(kid.get(PDFName.of("Alt")));
    if (alt !== undefined) elem.alt = alt;
    const actual = text(kid.get(PDFName.of("ActualText")));
    if (actual !== undefined) elem.actualText = actual;
    const lang = text(kid.get(PDFName.of("Lang")));
    if (lang !== undefined) elem.lang = lang;
    parent.children.push(elem);
    visitKids(elem, kid.get(PDFName.of("K")));
  };
  visitKids(top, root.get(PDFName.of("K")));
  return top;
}

function attributesOf(pdf: PDFDocument, object: PDFObject | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  const value = resolve(pdf, object);
  const owners = value instanceof PDFArray ? value.asArray() : value ? [value] : [];
  for (const owner of owners) {
    const dict = resolve(pdf, owner);
    if (!(dict instanceof PDFDict)) continue;
    for (const [key, entry] of dict.entries()) {
      const resolved = resolve(pdf, entry);
      result[key.decodeText()] = resolved instanceof PDFName ? resolved.decodeText() : String(resolved);
    }
  }
  return result;
}

/** Every element of the tree, depth first in reading order. */
export function flatten(root: StructElem): StructElem[] {
  const all: StructElem[] = [];
  const walk = (elem: StructElem): void => {
    for (const child of elem.children) {
      all.push(child);
      walk(child);
    }
  };
  walk(root);
  return all;
}

/** How many elements of each type the tree holds. */
export function tagCounts(root: StructElem | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!root) return counts;
  for (const elem of flatten(root)) counts[elem.type] = (counts[elem.type] ?? 0) + 1;
  return counts;
}

/** The text of the page's content streams, decompressed and joined. */
export function pageContent(pdf: PDFDocument, pageIndex: number): string {
  const page = pdf.getPage(pageIndex);
  const contents = resolve(pdf, page.node.get(PDFName.of("Contents")));
  const streams = contents instanceof PDFArray ? contents.asArray().map((item) => resolve(pdf, item)) : [contents];
  return streams
    .map((stream) => (stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1") : ""))
    .join("\n");
}

const DRAWING = new Set(["Tj", "TJ", "'", "\"", "Do", "sh", "BI", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s"]);

/**
 * Counts drawing operators in one content stream and how many sit inside
 * marked content. A small tokenizer: strings, hex strings, names, arrays,
 * dictionaries and inline images are skipped as operands.
 */
export function countMarkedContent(content: string): MarkedContentCount {
  const count: MarkedContentCount = { drawing: 0, marked: 0, artifact: 0 };
  // Each open marked-content sequence: is it (or one around it) an artifact?
  const stack: boolean[] = [];
  let lastName = "";
  let index = 0;
  const length = content.length;
  while (index < length) {
    const char = content[index] as string;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === "%") {
      while (index < length && content[index] !== "\n" && content[index] !== "\r") index += 1;
    } else if (char === "(") {
      let depth = 1;
      index += 1;
      while (index < length && depth > 0) {
        const c = content[index];
        if (c === "\\") index += 1;
        else if (c === "(") depth += 1;
        else if (c === ")") depth -= 1;
        index += 1;
      }
    } else if (char === "<" && content[index + 1] === "<") {
      index += 2;
    } else if (char === ">" && content[index + 1] === ">") {
      index += 2;
    } else if (char === "<") {
      index = content.indexOf(">", index) + 1 || length;
    } else if (char === "[" || char === "]" || char === "{" || char === "}") {
      index += 1;
    } else if (char === "/") {
      const match = /^\/[^\s/[\]()<>{}%]*/.exec(content.slice(index, index + 128));
      lastName = match ? match[0].slice(1) : "";
      index += match ? match[0].length : 1;
    } else {
      const match = /^[^\s/[\]()<>{}%]+/.exec(content.slice(index, index + 64));
      const token = match ? match[0] : char;
      index += token.length;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) continue;
      if (token === "BDC" || token === "BMC") {
        stack.push(lastName === "Artifact" || stack.at(-1) === true);
      } else if (token === "EMC") {
        stack.pop();
      } else if (DRAWING.has(token)) {
        count.drawing += 1;
        if (stack.length > 0) count.marked += 1;
        if (stack.at(-1) === true) count.artifact += 1;
        if (token === "BI") {
          // Inline image data runs from ID to EI and may hold any byte.
          const end = content.indexOf("EI", content.indexOf("ID", index));
          index = end < 0 ? length : end + 2;
        }
      }
    }
  }
  return count;
}

/** Marked-content coverage summed over every page. */
export function documentMarkedContent(pdf: PDFDocument): MarkedContentCount & { share: number } {
  const total: MarkedContentCount = { drawing: 0, marked: 0, artifact: 0 };
  for (let page = 0; page < pdf.getPageCount(); page += 1) {
    const count = countMarkedContent(pageContent(pdf, page));
    total.drawing += count.drawing;
    total.marked += count.marked;
    total.artifact += count.artifact;
  }
  return { ...total, share: total.drawing === 0 ? 1 : total.marked / total.drawing };
}

/** Every link annotation of every page. */
export function linkAnnotations(pdf: PDFDocument): PDFDict[] {
  const links: PDFDict[] = [];
  for (const page of pdf.getPages()) {
    const annots = resolve(pdf, page.node.get(PDFName.of("Annots")));
    if (!(annots instanceof PDFArray)) continue;
    for (const item of annots.asArray()) {
      const annot = resolve(pdf, item);
      if (annot instanceof PDFDict && annot.get(PDFName.of("Subtype")) === PDFName.of("Link")) links.push(annot);
    }
  }
  return links;
}
