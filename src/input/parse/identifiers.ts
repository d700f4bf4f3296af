// Keys derived from text the author wrote: a section's id, and the key under which two links
// count as the same source.

const MAX_SLUG_LENGTH = 40;

// Letters with no ASCII decomposition, spelled as the usual romanisations spell them
// (Azerbaijani, Turkish, Nordic; Russian, Kazakh, Ukrainian Cyrillic).
const ROMANISED: Record<string, string> = {
  ə: "e", ı: "i", ø: "o", æ: "ae", œ: "oe", ß: "ss", ð: "d", þ: "th", đ: "d", ł: "l",
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y",
  к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f",
  х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
  ә: "a", ғ: "g", қ: "q", ң: "ng", ө: "o", ұ: "u", ү: "u", һ: "h", і: "i", ї: "yi", є: "ye", ґ: "g",
};

/**
 * A section id that is a plain ASCII anchor (safe in every URL and PDF viewer): accents are
 * dropped ("Şuşa" → "susa"), Latin and Cyrillic letters without an ASCII form are romanised
 * ("Bəyannaməsi" → "beyannamesi", "Хронология" → "khronologiya"), and a heading with no such
 * letters at all (Arabic, for example) falls back to "section"; the number before it keeps
 * ids unique.
 */
export function slugify(text: string): string {
  // Romanised before accents are dropped: й, ё and ї would otherwise lose the mark that makes them y, yo and yi.
  const slug = Array.from(text.normalize("NFC").toLowerCase(), (char) => ROMANISED[char] ?? char)
    .join("")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
  return slug || "section";
}

/**
 * Two links name the same source when they differ only in the case of the scheme and host,
 * http against https, or trailing slashes. The path, query and fragment keep their case:
 * `/Report` and `/report` may be different documents.
 */
export function sameSourceKey(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  const match = /^(https?):\/\/([^/?#]*)(.*)$/is.exec(trimmed);
  if (!match) return trimmed;
  return `https://${(match[2] ?? "").toLowerCase()}${match[3] ?? ""}`;
}
