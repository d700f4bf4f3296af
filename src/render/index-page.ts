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
  pptx?: string;
}

/** The last build of a briefing failed: what the index says of the output still there. */
export interface LastFailure {
  /** When it failed, ISO 8601 UTC. */
  failedAt: string;
  /** Its first error line. */
  error: string;
  /** When the output still listed was built, ISO 8601 UTC. */
  builtAt: string;
}

/** One card of the index: a deck's summary (listing only files that exist) and its last failure, if any. */
export interface IndexDeck extends DeckSummary {
  failure?: LastFailure;
}

/** The downloads a card links to, in this order, with their button text. */
const DOWNLOADS = [
  { kind: "pdf", text: "Download PDF" },
  { kind: "handout", text: "Handout PDF" },
  { kind: "singleFile", text: "Single-file deck" },
  { kind: "pptx", text: "PowerPoint" },
] as const;

/** Every built briefing, newest first, with links to present and download. */
export function renderIndex(decks: IndexDeck[], templates: TemplateSet): string {
  const sorted = [...decks].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  return templates.index({
    decks: sorted.map((deck) => ({
      ...deck,
      dateText: formatDate(deck.date, deck.lang),
      downloads: DOWNLOADS.flatMap(({ kind, text }) => {
        const file = deck[kind];
        return file ? [{ kind, text, href: `${deck.slug}/${file}` }] : [];
      }),
      ...(deck.failure ? { failure: { ...deck.failure, failedAtText: timeText(deck.failure.failedAt), builtAtText: timeText(deck.failure.builtAt) } } : {}),
    })),
    failed: decks.filter((deck) => deck.failure).length,
    generator: `briefdeck ${VERSION}`,
  });
}

/** "2026-12-03T12:41:34Z" → "2026-12-03 12:41 UTC": a build's time, read at a glance. */
function timeText(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}
