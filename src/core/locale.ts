/** Language tags whose script runs right to left. */
const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi"]);

export function isRightToLeft(lang: string): boolean {
  const lower = lang.toLowerCase();
  const primary = lower.split("-")[0] ?? lower;
  if (/-(latn|cyrl)\b/.test(lower)) return false;
  return RTL_LANGUAGES.has(primary) || /-(arab|hebr|thaa|syrc)\b/.test(lower);
}

/** `2026-01-08` in the briefing's language: "8 January 2026", "8 Ocak 2026". */
export function formatDate(iso: string, lang: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return dateFormat(lang).format(date);
}

/** Formatters are costly to build (ICU data), so each language gets one. */
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: string): Intl.DateTimeFormat {
  let format = formats.get(lang);
  if (!format) {
    // Plain "en" reads day-month-year, as briefings do; "en-US" keeps its own order.
    const locale = lang.toLowerCase() === "en" ? "en-GB" : lang;
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    } catch {
      // An unusual but well-formed tag Intl cannot serve: fall back to English.
      format = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
    }
    formats.set(lang, format);
  }
  return format;
}
