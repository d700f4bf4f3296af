import { PDFArray, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from "pdf-lib";
import type { PDFDocument, PDFObject } from "pdf-lib";

/** Operators that begin a graphics object (a path, a text object, an image, a shading). */
const OBJECT_START = new Set(["BT", "m", "re", "Do", "sh", "BI"]);

/**
 * Chromium marks what its accessibility tree holds and leaves the rest of a
 * page unmarked: page and slide backgrounds, rules, borders, CSS-generated
 * text, and what the page hid from the tree (banner, footer, numbers). PDF/UA
 * wants every piece of content either tagged or an artifact, so each run of
 * unmarked content is wrapped in `/Artifact BMC … EMC`.
 */
export function markUnmarkedAsArtifacts(pdf: PDFDocument): void {
  for (const page of pdf.getPages()) {
    const source = pageContent(pdf, page.node.get(PDFName.of("Contents")));
    if (source === undefined) continue;
    const rewritten = wrapUnmarked(source);
    if (rewritten === source) continue;
    const stream = pdf.context.flateStream(Buffer.from(rewritten, "latin1"));
    page.node.set(PDFName.of("Contents"), pdf.context.register(stream));
  }
}

function pageContent(pdf: PDFDocument, contents: PDFObject | undefined): string | undefined {
  const resolved = contents instanceof PDFRef ? pdf.context.lookup(contents) : contents;
  const parts = resolved instanceof PDFArray ? resolved.asArray().map((item) => pdf.context.lookup(item)) : [resolved];
  const texts: string[] = [];
  for (const part of parts) {
    // A filter pdf-lib cannot decode: leave the page as Chromium wrote it.
    if (!(part instanceof PDFRawStream)) return undefined;
    texts.push(Buffer.from(decodePDFRawStream(part).decode()).toString("latin1"));
  }
  // Marked content may not span streams, so they are joined into one.
  return texts.join("\n");
}

/**
 * Rewrites one content stream. A small tokenizer: operands (numbers, names,
 * strings, arrays, dictionaries, inline image data) are skipped; at each
 * operator the depth of open marked content is known.
 */
export function wrapUnmarked(content: string): string {
  const out: string[] = [];
  let copied = 0;
  let depth = 0;
  let artifactOpen = false;
  let inText = false;
  /** Where the current operator's operands begin: just after the previous operator. */
  let operandsStart = 0;
  const insert = (at: number, text: string): void => {
    out.push(content.slice(copied, at), text);
    copied = at;
  };
  let index = 0;
  const length = content.length;
  while (index < length) {
    const char = content.charCodeAt(index);
    if (char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09 || char === 0x0c || char === 0x00) {
      index += 1;
    } else if (char === 0x25 /* % */) {
      while (index < length && content[index] !== "\n" && content[index] !== "\r") index += 1;
    } else if (char === 0x28 /* ( */) {
      index = skipString(content, index);
    } else if (char === 0x3c /* < */ || char === 0x3e /* > */) {
      if (content[index + 1] === content[index]) index += 2;
      else if (char === 0x3c) index = (content.indexOf(">", index) + 1) || length;
      else index += 1;
    } else if (char === 0x5b || char === 0x5d || char === 0x7b || char === 0x7d) {
      index += 1;
    } else if (char === 0x2f /* / */) {
      index = skipRegular(content, index + 1);
    } else {
      const end = skipRegular(content, index);
      const token = content.slice(index, end || index + 1);
      index = Math.max(end, index + 1);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) || token === "true" || token === "false" || token === "null") continue;
      if (token === "BDC" || token === "BMC") {
        if (artifactOpen && !inText) {
          insert(operandsStart, "\nEMC");
          artifactOpen = false;
        }
        depth += 1;
      } else if (token === "EMC") {
        depth = Math.max(0, depth - 1);
      } else if (depth === 0 && !artifactOpen && OBJECT_START.has(token)) {
        insert(operandsStart, "\n/Artifact BMC");
        artifactOpen = true;
      }
      if (token === "BT") inText = true;
      if (token === "ET") inText = false;
      if (token === "BI") index = skipInlineImage(content, index);
      operandsStart = index;
    }
  }
  if (copied === 0 && !artifactOpen) return content;
  out.push(content.slice(copied));
  if (artifactOpen) out.push("\nEMC\n");
  return out.join("");
}

function skipString(content: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < content.length) {
    const c = content[index];
    if (c === "\\") index += 1;
    else if (c === "(") depth += 1;
    else if (c === ")" && --depth === 0) return index + 1;
    index += 1;
  }
  return index;
}

/** The end of a run of regular characters (a name's body, a number, an operator). */
function skipRegular(content: string, start: number): number {
  let index = start;
  while (index < content.length && !/[\s/[\]()<>{}%]/.test(content[index] as string)) index += 1;
  return index;
}

/** Inline image data runs from ID to an EI standing alone and may hold any byte. */
function skipInlineImage(content: string, from: number): number {
  const data = content.indexOf("ID", from);
  if (data < 0) return content.length;
  const end = /\sEI(\s|$)/g;
  end.lastIndex = data + 3;
  const match = end.exec(content);
  return match ? match.index + 3 : content.length;
}
