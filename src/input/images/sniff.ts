/** The image formats a deck may hold, with the type a browser is told. */
export const IMAGE_TYPES = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
} as const;

export type ImageKind = keyof typeof IMAGE_TYPES;

export type Sniffed = { image: true; kind: ImageKind; type: string } | { image: false; what: string };

/**
 * What a file really is, from its first bytes: the extension is never trusted,
 * because a renamed HTML page or script would otherwise be shipped (and served)
 * beside the deck.
 */
export function sniffImage(bytes: Uint8Array): Sniffed {
  const kind = imageKind(bytes);
  if (kind) return { image: true, kind, type: IMAGE_TYPES[kind] };
  return { image: false, what: describeOther(bytes) };
}

function imageKind(bytes: Uint8Array): ImageKind | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (ascii(bytes, 4, 8) === "ftyp" && isAvifBrand(bytes)) return "avif";
  if (rootElement(bytes) === "svg") return "svg";
  return undefined;
}

/** An ISO media file is AVIF when its major or a compatible brand says so. */
function isAvifBrand(bytes: Uint8Array): boolean {
  const boxSize = ((bytes[0] ?? 0) << 24 | (bytes[1] ?? 0) << 16 | (bytes[2] ?? 0) << 8 | (bytes[3] ?? 0)) >>> 0;
  const end = Math.min(bytes.length, Math.max(16, Math.min(boxSize, 256)));
  for (let offset = 8; offset + 4 <= end; offset += 4) {
    if (offset === 12) continue; // the minor version, not a brand
    const brand = ascii(bytes, offset, offset + 4);
    if (brand === "avif" || brand === "avis") return true;
  }
  return false;
}

/**
 * The name of the first element of a text file, past a byte-order mark, an XML
 * declaration, comments, processing instructions and a doctype.
 */
function rootElement(bytes: Uint8Array): string | undefined {
  const text = withoutProlog(new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 64 * 1024)));
  return /^<([A-Za-z][\w:.-]*)/.exec(text)?.[1]?.toLowerCase();
}

/** An XML text from its root element on: the declaration, comments and doctype (with its entities) dropped. */
export function withoutProlog(xml: string): string {
  let text = xml.replace(/^\uFEFF/, "");
  for (;;) {
    text = text.trimStart();
    const skipped = /^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)/i.exec(text);
    if (!skipped) return text;
    text = text.slice(skipped[0].length);
  }
}

/** Words for a file that is not an image, for the error that refuses it. */
function describeOther(bytes: Uint8Array): string {
  if (bytes.length === 0) return "an empty file";
  if (ascii(bytes, 0, 5) === "%PDF-") return "a PDF document";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "a ZIP archive (or an Office document)";
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return "a program (ELF executable)";
  if (startsWith(bytes, [0x1f, 0x8b])) return "a gzip archive";
  if (ascii(bytes, 0, 4) === "II*\0" || ascii(bytes, 0, 4) === "MM\0*") return "a TIFF image, which browsers do not show";
  if (ascii(bytes, 0, 2) === "BM") return "a BMP image";
  if (ascii(bytes, 4, 8) === "ftyp") return "a video or HEIC photo";
  const root = rootElement(bytes);
  if (root === "html" || /^\s*(?:<!doctype html|<(?:head|body|script|meta|title|div|p|iframe)\b)/i.test(textHead(bytes))) return "an HTML page";
  if (root !== undefined) return `an XML document (<${root}>), not SVG`;
  if (looksLikeText(bytes)) return "plain text";
  return "data of an unknown kind";
}

function textHead(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, "");
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  // eslint-disable-next-line no-control-regex -- control characters other than whitespace mark binary data
  return !/[\u0000-\u0008\u000e-\u001f]/.test(new TextDecoder("utf-8", { fatal: false }).decode(head)) && !head.includes(0);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}
