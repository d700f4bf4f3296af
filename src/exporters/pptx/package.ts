import { createHash } from "node:crypto";
import JSZip from "jszip";
import { escapeHtml } from "../../core/html.js";
import type { PdfInfo } from "../contracts.js";

/** Document properties of the presentation (File › Properties in PowerPoint): the same as the PDF's. */
export type PptxProperties = PdfInfo;

/**
 * Finishes the package pptxgenjs wrote: valid paragraphs, our document
 * properties, and the same bytes for the same input (fixed dates and ids,
 * fixed entry times), so a rebuild of an unchanged briefing changes nothing.
 */
export async function finishPackage(bytes: Uint8Array, properties: PptxProperties): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const finished = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (!entry || entry.dir) continue;
    let data: string | Uint8Array;
    if (name === "docProps/core.xml") data = coreXml(properties);
    else if (/\.(?:xml|rels)$/.test(name)) data = stableIds(oneParagraphProperties(withoutEmptyPoints(await entry.async("string"))), name);
    else if (name.endsWith(".xlsx")) data = await finishEmbedded(await entry.async("uint8array"), properties.date);
    else data = await entry.async("uint8array");
    // Pictures are compressed already: stored as they are, the package is written in a fraction of the time.
    const compressed = /\.(?:png|jpe?g|gif|webp|avif|xlsx)$/i.test(name);
    finished.file(name, data, { date: properties.date, createFolders: false, compression: compressed ? "STORE" : "DEFLATE" });
  }
  return finished.generateAsync({ type: "uint8array", compressionOptions: { level: 6 }, platform: "UNIX" });
}

/** A chart's embedded workbook: its own dates and ids, fixed the same way. */
async function finishEmbedded(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const finished = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (!entry || entry.dir) continue;
    const data = /\.(?:xml|rels)$/.test(name) ? fixedDates(await entry.async("string"), date) : await entry.async("uint8array");
    finished.file(name, data, { date, createFolders: false });
  }
  return finished.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "UNIX" });
}

/**
 * pptxgenjs writes an `<a:pPr>` before every run of a paragraph; the schema
 * allows one, first. Later ones make PowerPoint offer to repair the file.
 */
export function oneParagraphProperties(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (paragraph, inner: string) => {
    const firstRun = inner.search(/<a:(?:r|br|fld)\b/);
    if (firstRun < 0) return paragraph;
    const head = inner.slice(0, firstRun);
    const tail = inner.slice(firstRun).replace(/<a:pPr\b[^>]*\/>|<a:pPr\b[^>]*>[\s\S]*?<\/a:pPr>/g, "");
    return `<a:p>${head}${tail}</a:p>`;
  });
}

/** A chart's empty cells: left out (a gap), rather than written as a point without a value. */
function withoutEmptyPoints(xml: string): string {
  return xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, "");
}

/** Random GUIDs (chart and field ids) replaced by ones derived from the part and their order. */
function stableIds(xml: string, part: string): string {
  let counter = 0;
  return xml.replace(/\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}/gi, () => {
    const hex = createHash("sha256").update(`${part}#${counter++}`).digest("hex").toUpperCase();
    return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}}`;
  });
}

function fixedDates(xml: string, date: Date): string {
  const stamp = w3cdtf(date);
  return xml.replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
}

function coreXml(properties: PptxProperties): string {
  const stamp = w3cdtf(properties.date);
  const optional = (tag: string, value: string | undefined): string => (value ? `<${tag}>${escapeHtml(value)}</${tag}>` : "");
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeHtml(properties.title)}</dc:title>`,
    optional("dc:subject", properties.subject),
    optional("dc:creator", properties.author),
    optional("cp:keywords", properties.keywords.join(", ")),
    `<dc:language>${escapeHtml(properties.lang)}</dc:language>`,
    optional("cp:lastModifiedBy", properties.author),
    "<cp:revision>1</cp:revision>",
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`,
    "</cp:coreProperties>",
  ].join("");
}

function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
