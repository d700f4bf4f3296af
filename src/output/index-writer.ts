import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { discoverBriefings } from "../input/discover.js";
import type { DeckSummary, IndexDeck } from "../render/index-page.js";
import { renderIndex } from "../render/index-page.js";
import type { TemplateSet } from "../render/templates.js";
import { fontAssets } from "../render/assets.js";
import { StagedFolder, writeFileAtomic } from "./atomic.js";
import { holdsSameFiles } from "./same-files.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { indexProblems } from "../offline/offline-check.js";
import { DECK_SUMMARY_FILE, OUTPUT_KINDS, outputFile, outputsIn } from "./deck-outputs.js";
import { readFailure } from "./build-failure.js";

export { DECK_SUMMARY_FILE } from "./deck-outputs.js";

/** A deck folder's name: a briefing's slug (staging and retired folders start with a dot). */
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** Shared files of the index page; slugs cannot start with "_", so no deck can clash. */
export const INDEX_ASSETS = "_assets";

export interface IndexResult {
  /** Where the index was written; absent when its templates have errors. */
  path?: string;
  /** Problems of the index's own templates (a network reference), at their lines. */
  diagnostics: Diagnostic[];
  /** Decks listed. */
  decks: number;
  /** The page differs from the one that was there (a card added, gone, or flagged): open copies should reload. */
  changed?: boolean;
}

/**
 * Rewrites `index.html` from every briefing of the content folder that has a
 * built deck, whether this build made it or an earlier one did. An index
 * whose templates would load from the network is not written.
 */
export async function writeIndex(outDir: string, contentDir: string, templates: TemplateSet): Promise<IndexResult> {
  return writeIndexOf(outDir, discoverBriefings(contentDir).sources.map((source) => source.slug), templates);
}

/**
 * `briefdeck index`: the index of every deck in the output folder, whatever
 * built it (shards built on other machines and copied together, say).
 */
export async function writeIndexOfOutput(outDir: string, templates: TemplateSet): Promise<IndexResult> {
  const entries = await readdir(outDir, { withFileTypes: true });
  const slugs = entries.filter((entry) => entry.isDirectory() && SLUG.test(entry.name)).map((entry) => entry.name).sort();
  return writeIndexOf(outDir, slugs, templates);
}

async function writeIndexOf(outDir: string, slugs: readonly string[], templates: TemplateSet): Promise<IndexResult> {
  const summaries: IndexDeck[] = [];
  for (const slug of slugs) {
    const deck = await indexDeck(join(outDir, slug), slug);
    if (deck) summaries.push(deck);
  }
  const html = renderIndex(summaries, templates);
  // Offline check: an index that would fetch from the network is refused before anything is written.
  const diagnostics = indexProblems(html, templates);
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics, decks: summaries.length };
  const files = [...fontAssets("."), { path: "index.css", text: templates.indexCss }];
  // Rewritten only when they changed: the dev server writes the index after every edit.
  if (!(await holdsSameFiles(join(outDir, INDEX_ASSETS), files))) {
    const assets = await StagedFolder.create(join(outDir, INDEX_ASSETS));
    try {
      await assets.write(files);
      await assets.commit();
    } finally {
      await assets.discard();
    }
  }
  const indexPath = join(outDir, "index.html");
  const changed = (await readFile(indexPath, "utf8").catch(() => undefined)) !== html;
  if (changed) await writeFileAtomic(indexPath, html);
  return { path: indexPath, diagnostics, decks: summaries.length, changed };
}

/**
 * A deck as the index lists it: links only to the files its build made that
 * are still there (one deleted by hand is not offered), and its last build's
 * failure, if it failed.
 */
async function indexDeck(folder: string, slug: string): Promise<IndexDeck | undefined> {
  const summary = await readSummary(join(folder, DECK_SUMMARY_FILE));
  if (!summary) return undefined;
  const present = new Set(await outputsIn(folder, slug));
  const { pdf, handout, singleFile, pptx, ...rest } = summary;
  const recorded = { pdf, handout, singleFile, pptx };
  const deck: IndexDeck = rest;
  for (const kind of OUTPUT_KINDS) {
    // Listed only if this deck's build made it and it is still there.
    if (present.has(kind) && recorded[kind] === outputFile(kind, slug)) deck[kind] = outputFile(kind, slug);
  }
  const failure = await readFailure(folder);
  if (failure) deck.failure = failure;
  return deck;
}

async function readSummary(path: string): Promise<DeckSummary | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as DeckSummary;
  } catch (error) {
    // A deck that was never built, or whose summary is damaged, is simply not listed.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
