import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { isInterrupted, writeFileAtomic } from "./atomic.js";
import { DECK_SUMMARY_FILE } from "./deck-outputs.js";

/**
 * Written into a deck folder when a build of its briefing fails: the folder
 * keeps the last good output, and the index says it is from that earlier
 * build. A successful build replaces the whole folder, record included; an
 * unchanged briefing clears it (`clearFailure`).
 */
export const FAILURE_FILE = ".briefdeck-failed.json";

export interface FailureRecord {
  /** When the failed build ran (ISO 8601, UTC, to the second). */
  failedAt: string;
  /** Its first error, as printed: `file:line:col: error: message`, or what failed on the machine. */
  error: string;
  /** When the output still in the folder was built. */
  builtAt: string;
}

/**
 * Marks the deck of `slug` as left from an earlier build; false when there is
 * no earlier output to mark (a briefing never built has no card to flag).
 */
export async function recordFailure(outDir: string, slug: string, error: string, now = new Date()): Promise<boolean> {
  // An interrupted build stopped its briefings; it did not find them broken.
  if (isInterrupted()) return false;
  const folder = join(outDir, slug);
  const summary = await mtimeOf(join(folder, DECK_SUMMARY_FILE));
  if (summary === undefined) return false;
  // A second failure in a row keeps the time of the output that is still there.
  const builtAt = (await readFailure(folder))?.builtAt ?? isoSecond(summary);
  const record: FailureRecord = { failedAt: isoSecond(now), error: firstLine(error), builtAt };
  await writeFileAtomic(join(folder, FAILURE_FILE), `${JSON.stringify(record, null, 1)}\n`);
  return true;
}

/** The briefing built (or was found unchanged): its deck is current again. */
export async function clearFailure(outDir: string, slug: string): Promise<void> {
  await rm(join(outDir, slug, FAILURE_FILE), { force: true });
}

export async function readFailure(folder: string): Promise<FailureRecord | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(folder, FAILURE_FILE), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { failedAt, error, builtAt } = parsed as Record<string, unknown>;
  return typeof failedAt === "string" && typeof error === "string" && typeof builtAt === "string" ? { failedAt, error, builtAt } : undefined;
}

async function mtimeOf(path: string): Promise<Date | undefined> {
  try {
    return (await stat(path)).mtime;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw error;
  }
}

function isoSecond(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** One line, and not a page of it: the index shows it in a sentence. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? "";
  return line.length > 400 ? `${line.slice(0, 399)}…` : line;
}
