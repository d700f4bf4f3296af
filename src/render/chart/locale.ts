import { separators } from "../../input/parse/chart-grid.js";

/** Numbers on marks and in the screen-reader table, as the briefing's language writes them. */
export function numberFormatter(lang: string): (value: number) => string {
  let format = numberFormats.get(lang);
  if (!format) {
    try {
      format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    } catch {
      format = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
    }
    numberFormats.set(lang, format);
  }
  const chosen = format;
  return (value) => chosen.format(value);
}

/** Intl formatters are costly to build (ICU data): one per language, kept. */
const numberFormats = new Map<string, Intl.NumberFormat>();
const locales = new Map<string, Record<string, unknown>>();

/**
 * Vega's number and time locale for the language (thousands separator,
 * decimal sign, month names), built from the platform's locale data so
 * axis labels read as the rest of the deck.
 */
export function vegaLocale(lang: string): Record<string, unknown> {
  const known = locales.get(lang);
  if (known) return known;
  const { decimal, group } = separators(lang);
  const months = (style: "long" | "short"): string[] => {
    const format = dateFormat(lang, { month: style });
    return Array.from({ length: 12 }, (_, month) => format.format(new Date(Date.UTC(2021, month, 1))));
  };
  const days = (style: "long" | "short"): string[] => {
    const format = dateFormat(lang, { weekday: style });
    return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2021, 0, 3 + day))));
  };
  const locale = {
    number: { decimal, thousands: group, grouping: [3], currency: ["", ""], minus: "−" },
    time: {
      dateTime: "%x, %X", date: "%-d %b %Y", time: "%H:%M:%S", periods: ["AM", "PM"],
      days: days("long"), shortDays: days("short"), months: months("long"), shortMonths: months("short"),
    },
  };
  locales.set(lang, locale);
  return locale;
}

function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone: "UTC" });
  } catch {
    return new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC" });
  }
}
