import { PDFName } from "pdf-lib";
import type { PDFDocument } from "pdf-lib";
import { VERSION } from "../../core/version.js";
import type { PdfInfo } from "../contracts.js";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The XMP metadata packet PDF/UA-1 asks for (ISO 14289-1, 6.7.11 and 7.1):
 * dc:title, the language, and the PDF/UA identifier pdfuaid:part = 1. It
 * repeats the document information, which must agree with it.
 */
export function xmpPacket(info: PdfInfo): string {
  const date = info.date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const lang = escapeXml(info.lang);
  const creator = info.author ? `<dc:creator><rdf:Seq><rdf:li>${escapeXml(info.author)}</rdf:li></rdf:Seq></dc:creator>` : "";
  const description = info.subject
    ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.subject)}</rdf:li></rdf:Alt></dc:description>`
    : "";
  const keywords = info.keywords.length > 0 ? `<pdf:Keywords>${escapeXml(info.keywords.join(", "))}</pdf:Keywords>` : "";
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.title)}</rdf:li></rdf:Alt></dc:title>
${creator}${description}
<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>briefdeck ${VERSION}</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
<pdf:Producer>briefdeck ${VERSION} (Chromium, pdf-lib)</pdf:Producer>
${keywords}
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** Adds the packet as the catalog's /Metadata, uncompressed so any reader can find it. */
export function addXmpMetadata(pdf: PDFDocument, info: PdfInfo): void {
  const stream = pdf.context.stream(Buffer.from(xmpPacket(info), "utf8"), { Type: "Metadata", Subtype: "XML" });
  pdf.catalog.set(PDFName.of("Metadata"), pdf.context.register(stream));
}
