import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRunning } from "../core/processes.js";

/** What a throw-away layout folder is for: `check`'s fitting report, or a broken briefing's draft layout. */
export type ScratchPurpose = "check" | "draft";

/** `briefdeck-check-<pid>-XXXXXX` in the temporary folder: the owner's id lets a later run remove it. */
const SCRATCH = /^briefdeck-(?:check|draft)-(\d+)-[A-Za-z0-9]+$/;

/** A new, empty scratch folder in the system's temporary folder, named for this process. */
export function createScratchFolder(purpose: ScratchPurpose): Promise<string> {
  return mkdtemp(join(tmpdir(), `briefdeck-${purpose}-${process.pid}-`));
}

/**
 * Removes the scratch folders of runs that no longer exist (killed, so they
 * could not remove their own), as a build sweeps dead builds' staging
 * folders. Folders of running processes are left alone. Never throws: a
 * leftover that cannot go now is tried again by the next run.
 */
export async function sweepDeadScratchFolders(): Promise<void> {
  let names: string[];
  try {
    names = await readdir(tmpdir());
  } catch {
    return;
  }
  await Promise.all(names.map(async (name) => {
    const owner = SCRATCH.exec(name)?.[1];
    if (owner === undefined || isRunning(Number(owner))) return;
    await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }));
}
