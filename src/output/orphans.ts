import { existsSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { CACHE_FILE } from "./cache.js";
import { DECK_SUMMARY_FILE } from "./deck-outputs.js";

/**
 * Removes the deck folders of briefings whose source is gone; returns their
 * slugs. Only folders briefdeck wrote (they hold its summary or cache
 * record) are touched: anything else in the output folder is the user's.
 * Each goes in one rename first, so a reader never sees half a deck.
 */
export async function removeOrphanDecks(outDir: string, slugs: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    const name = entry.name;
    if (!entry.isDirectory() || name.startsWith(".") || name.startsWith("_") || slugs.has(name)) continue;
    const folder = join(outDir, name);
    if (!existsSync(join(folder, DECK_SUMMARY_FILE)) && !existsSync(join(folder, CACHE_FILE))) continue;
    const retired = join(outDir, `.${name}.removed-${process.pid}`);
    await rename(folder, retired);
    await rm(retired, { recursive: true, force: true });
    removed.push(name);
  }
  return removed.sort();
}
