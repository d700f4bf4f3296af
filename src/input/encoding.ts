/**
 * Briefings are UTF-8. A file saved in another encoding would otherwise
 * build silently with replacement characters in place of its accents, so
 * it is refused at its first undecodable byte, with how to re-save it.
 */

export type Decoded = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

const RESAVE = 're-save it as UTF-8 (VS Code: click the encoding in the status bar, "Save with Encoding", UTF-8; Notepad: "Save as", Encoding: UTF-8)';

/** Bytes of a Markdown file → its text, or where and why it is not UTF-8. A UTF-8 byte-order mark is accepted. */
export function decodeSource(bytes: Uint8Array): Decoded {
  const utf16 = utf16Kind(bytes);
  if (utf16 !== undefined) {
    return { ok: false, line: 1, column: 1, message: `the file is saved as ${utf16}, not UTF-8: ${RESAVE}` };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad === undefined) return { ok: true, text: new TextDecoder("utf-8").decode(bytes) };
  // Lines end at LF (CRLF included); the column counts characters before the bad byte on its line.
  const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad)).replace(/^\uFEFF/, "");
  const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
  return {
    ok: false,
    line,
    column: before.length + 1,
    message: `invalid UTF-8 (byte 0x${byte}): the file seems saved in another encoding, such as Windows-1252 or Latin-1; ${RESAVE}`,
  };
}

/** "UTF-16 LE"/"UTF-16 BE" for a file that starts with a UTF-16 byte-order mark or reads as UTF-16 text without one. */
function utf16Kind(bytes: Uint8Array): string | undefined {
  const [a, b] = [bytes[0], bytes[1]];
  if (a === 0xff && b === 0xfe) return "UTF-16 LE";
  if (a === 0xfe && b === 0xff) return "UTF-16 BE";
  // Without a mark: ASCII text in UTF-16 has a zero byte beside each letter ("-\0-\0-\0" for the front matter).
  if (bytes.length >= 4 && a !== 0 && b === 0 && bytes[2] !== 0 && bytes[3] === 0) return "UTF-16 LE";
  if (bytes.length >= 4 && a === 0 && b !== 0 && bytes[2] === 0 && bytes[3] !== 0) return "UTF-16 BE";
  return undefined;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or undefined. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) min = 0xa0; // no overlong forms
      if (lead === 0xed) max = 0x9f; // no surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) min = 0x90;
      if (lead === 0xf4) max = 0x8f; // nothing past U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const [low, high] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (next === undefined || next < low || next > high) return i;
    }
    i += length;
  }
  return undefined;
}
