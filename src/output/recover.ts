import { readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CommitJournal } from "./atomic.js";
import { isRunning } from "../core/processes.js";

/** Names this tool gives its temporary entries in an output folder, each with the owning process id. */
const JOURNAL = /^\.(.+)\.commit-(\d+)-[0-9a-f]+\.json$/;
const LEFTOVER = /^\.(?:.+)\.(?:staging|retired)-(\d+)-[0-9a-f]+$|\.(\d+)-[0-9a-f]+\.tmp$/;

/**
 * Finishes what builds killed mid-way left in `outDir`: a commit caught
 * between its two renames is completed from its journal, then the staging
 * folders, retired decks and temporary files of processes that no longer run
 * are removed. Run under the output lock, before the build writes anything;
 * entries of live processes (a concurrent dev server's) are left alone.
 */
export function recoverOutput(outDir: string): void {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return;
  }
  for (const name of names) {
    const journal = JOURNAL.exec(name);
    if (journal && !isRunning(Number(journal[2]))) completeCommit(outDir, name);
  }
  for (const name of readdirSync(outDir)) {
    const leftover = LEFTOVER.exec(name);
    const pid = Number(leftover?.[1] ?? leftover?.[2]);
    if (leftover && !isRunning(pid)) rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

/** Rolls a journaled commit forward: the staged deck was complete when its commit began. */
function completeCommit(outDir: string, journalName: string): void {
  const journalPath = join(outDir, journalName);
  let entry: CommitJournal;
  try {
    entry = JSON.parse(readFileSync(journalPath, "utf8")) as CommitJournal;
  } catch {
    // Written atomically, so unreadable means not ours or emptied by hand: nothing to complete.
    rmSync(journalPath, { force: true });
    return;
  }
  let final: string, staging: string, retired: string;
  try {
    [final, staging, retired] = [entry.final, entry.staging, entry.retired].map((name) => join(outDir, safeName(name))) as [string, string, string];
  } catch {
    rmSync(journalPath, { force: true });
    return;
  }
  if (exists(staging)) {
    if (exists(final)) renameSync(final, retired);
    renameSync(staging, final);
  } else if (!exists(final) && exists(retired)) {
    // Nothing new to put in place: the previous deck goes back.
    renameSync(retired, final);
  }
  rmSync(retired, { recursive: true, force: true });
  rmSync(journalPath, { force: true });
}

/** A journal names entries of its own folder only. */
function safeName(name: unknown): string {
  if (typeof name !== "string" || name === "" || name === "." || name === ".." || /[\\/\0]/.test(name)) throw new Error(`bad commit journal entry ${String(name)}`);
  return name;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
