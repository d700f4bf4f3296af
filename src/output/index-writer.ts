import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { discoverBriefings } from "../input/discover.js";
import type { DeckSummary } from "../render/index-page.js";
import { renderIndex } from "../render/index-page.js";
import type { TemplateSet } from "../render/templates.js";
import { fontAssets } from "../render/assets.js";
import { StagedFolder, writeFileAtomic } from "./atomic.js";
import { holdsSameFiles } from "./same-files.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { indexProblems } from "../offline/offline-check.js";

/** Written beside each deck so the index can list briefings that this build did not touch. */
export const DECK_SUMMARY_FILE = "briefing.json";
/** Shared files of the index page; slugs cannot start with "_", so no deck can clash. */
export const INDEX_ASSETS = "_assets";

export interface IndexResult {
  /** Where the index was written; absent when its templates have errors. */
  path?: string;
  /** Problems of the index's own templates (a network reference), at their lines. */
  diagnostics: Diagnostic[];
}

/**
 * Rewrites `index.html` from every briefing of the content folder that has a
 * built deck, whether this build made it or an earlier one did. An index
 * whose templates would load from the network is not written.
 */
export async function writeIndex(outDir: string, contentDir: string, templates: TemplateSet): Promise<IndexResult> {
  const { sources } = discoverBriefings(contentDir);
  const summaries: DeckSummary[] = [];
  for (const source of sources) {
    const summary = await readSummary(join(outDir, source.slug, DECK_SUMMARY_FILE));
    if (summary) summaries.push(summary);
  }
  const html = renderIndex(summaries, templates);
  // Offline check: an index that would fetch from the network is refused before anything is written.
  const diagnostics = indexProblems(html, templates);
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
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
  await writeFileAtomic(indexPath, html);
  return { path: indexPath, diagnostics };
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
