/** Decodes the HTML entities an attacker could use to hide a scheme (`&#106;avascript:`). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => safeCodePoint(parseInt(decimal, 10)))
    .replace(/&(colon|tab|newline|quot|apos|lt|gt|amp);/gi, (_, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? "");
}

const NAMED_ENTITIES: Record<string, string> = {
  colon: ":", tab: "\t", newline: "\n", quot: '"', apos: "'", lt: "<", gt: ">", amp: "&",
};

function safeCodePoint(code: number): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}
