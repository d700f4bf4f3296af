import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber } from "pdf-lib";
import type { PDFRef } from "pdf-lib";
import { VERSION } from "../../core/version.js";
import type { PdfInfo } from "../contracts.js";
import { markUnmarkedAsArtifacts } from "./mark-artifacts.js";
import type { PrintPreparation } from "./print-prep.js";
import { completeStructure } from "./retag.js";
import { addXmpMetadata } from "./xmp.js";

export interface OutlineEntry {
  title: string;
  /** 0-based page index. */
  page: number;
}

/**
 * Chromium prints the pages; this sets what it cannot: the document
 * information (Author, Subject, Keywords, Creator), the language, XMP
 * metadata with the PDF/UA identifier, one bookmark per section (when
 * given), artifacts for unmarked content, and the parts of the structure
 * tree Chromium leaves out (see retag.ts).
 */
export async function finishPdf(
  bytes: Uint8Array, info: PdfInfo, outline: OutlineEntry[], prepared: PrintPreparation = { hints: [], links: [] },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.author) pdf.setAuthor(info.author);
  if (info.subject) pdf.setSubject(info.subject);
  // pdf-lib joins keywords with spaces, which merges multi-word tags; commas keep them apart.
  if (info.keywords.length > 0) pdf.setKeywords([info.keywords.join(", ")]);
  pdf.setCreator(`briefdeck ${VERSION}`);
  pdf.setProducer(`briefdeck ${VERSION} (Chromium, pdf-lib)`);
  pdf.setLanguage(info.lang);
  pdf.setCreationDate(info.date);
  pdf.setModificationDate(info.date);
  addXmpMetadata(pdf, info);
  if (pdf.catalog.has(PDFName.of("StructTreeRoot"))) {
    markUnmarkedAsArtifacts(pdf);
    completeStructure(pdf, prepared.hints, prepared.links);
    pdf.catalog.set(PDFName.of("MarkInfo"), pdf.context.obj({ Marked: PDFBool.True }));
  }
  if (outline.length > 0) addOutline(pdf, outline);
  // Chromium's own outline (from the headings) is used where no slide outline is given: the handout.
  else if (pdf.catalog.lookup(PDFName.of("Outlines")) instanceof PDFDict) pdf.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
  return pdf.save({ useObjectStreams: false });
}

function addOutline(pdf: PDFDocument, entries: OutlineEntry[]): void {
  const pages = pdf.getPages();
  const usable = entries.filter((entry) => pages[entry.page] !== undefined);
  if (usable.length === 0) return;
  const context = pdf.context;
  const rootRef = context.nextRef();
  const refs: PDFRef[] = usable.map(() => context.nextRef());
  usable.forEach((entry, index) => {
    const page = pages[entry.page];
    if (!page) return;
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: rootRef,
      Dest: context.obj([page.ref, PDFName.of("XYZ"), PDFNull, PDFNull, PDFNull]),
    });
    const previous = refs[index - 1];
    const next = refs[index + 1];
    if (previous) item.set(PDFName.of("Prev"), previous);
    if (next) item.set(PDFName.of("Next"), next);
    context.assign(refs[index] as PDFRef, item);
  });
  context.assign(
    rootRef,
    context.obj({ Type: "Outlines", First: refs[0] as PDFRef, Last: refs[refs.length - 1] as PDFRef, Count: PDFNumber.of(refs.length) }),
  );
  pdf.catalog.set(PDFName.of("Outlines"), rootRef);
  pdf.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}
