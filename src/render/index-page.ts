import { formatDate } from "../core/locale.js";
import { VERSION } from "../core/version.js";
import type { TemplateSet } from "./templates.js";

/** What the index page shows of one briefing; also stored beside each deck. */
export interface DeckSummary {
  slug: string;
  title: string;
  date: string;
  lang: string;
  classification?: string;
  summary?: string;
  tags: string[];
  slides: number;
  pdf?: string;
  handout?: string;
  /** The deck as one HTML file, for email. */
  singleFile?: string;
}

/** Every built briefing, newest first, with links to present and download. */
export function renderIndex(decks: DeckSummary[], templates: TemplateSet): string {
  const sorted = [...decks].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  return templates.index({
    decks: sorted.map((deck) => ({ ...deck, dateText: formatDate(deck.date, deck.lang) })),
    generator: `briefdeck ${VERSION}`,
  });
}
