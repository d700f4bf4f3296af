import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { DeckFolder, OutputFile } from "../core/files.js";

/** Staging work under way (creating, writing, swapping in), so an interrupted build can let it finish first. */
const underWay = new Set<Promise<unknown>>();
let stopping = false;
/** Set the moment an interrupt arrives, before the browser is killed: what fails from then on failed because of it. */
let interrupted = false;

/** Ctrl-C (or TERM) arrived: briefings that fail from now on were stopped, not broken. */
export function noteInterrupt(): void {
  interrupted = true;
}

export function isInterrupted(): boolean {
  return interrupted || stopping;
}

/**
 * Runs one step of staging work where an interrupt can wait for it: a folder
 * created or swapped in on a worker thread after the interrupt removed the
 * staging folders would otherwise be left behind. Once stopping, no step starts.
 */
function tracked<T>(work: () => Promise<T>): Promise<T> {
  if (stopping) return new Promise<T>(() => undefined);
  const step = work();
  underWay.add(step);
  const done = (): void => { underWay.delete(step); };
  step.then(done, done);
  return step;
}

/**
 * A folder being written next to its final place. Nothing in it is visible
 * under the final name until `commit()`; `discard()` removes every trace.
 * A failed build therefore never touches the previous good output.
 */
export class StagedFolder implements DeckFolder {
  /** Staging folders not yet committed or discarded, for cleanup when the process is interrupted. */
  static readonly live = new Set<string>();

  private constructor(
    readonly finalPath: string,
    readonly stagingPath: string,
  ) {}

  static create(finalPath: string): Promise<StagedFolder> {
    return tracked(async () => {
      const stagingPath = join(dirname(finalPath), `.${baseName(finalPath)}.staging-${process.pid}-${randomBytes(4).toString("hex")}`);
      StagedFolder.live.add(stagingPath);
      await mkdir(stagingPath, { recursive: true });
      return new StagedFolder(finalPath, stagingPath);
    });
  }

  path(relative: string): string {
    return join(this.stagingPath, ...relative.split("/"));
  }

  write(files: readonly OutputFile[]): Promise<void> {
    return tracked(() => this.writeNow(files));
  }

  private async writeNow(files: readonly OutputFile[]): Promise<void> {
    const folders = new Set(files.map((file) => dirname(this.path(file.path))));
    for (const folder of folders) await mkdir(folder, { recursive: true });
    await Promise.all(
      files.map((file) => {
        if ("text" in file) return writeFile(this.path(file.path), file.text);
        return "bytes" in file ? writeFile(this.path(file.path), file.bytes) : copyFile(file.copyFrom, this.path(file.path));
      }),
    );
  }

  /**
   * Swaps the staged folder in; the previous output is removed only once the
   * new one is in place. A journal written first names both folders, so a
   * build killed between the two renames is finished by the next build
   * (see recoverOutput): the deck is never lost, only briefly out of place.
   */
  commit(): Promise<void> {
    return tracked(() => this.commitNow());
  }

  private async commitNow(): Promise<void> {
    const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
    const folder = dirname(this.finalPath);
    const retired = join(folder, `.${baseName(this.finalPath)}.retired-${tag}`);
    const journal = join(folder, `.${baseName(this.finalPath)}.commit-${tag}.json`);
    const entry: CommitJournal = { final: baseName(this.finalPath), staging: baseName(this.stagingPath), retired: baseName(retired) };
    await writeFileAtomic(journal, JSON.stringify(entry));
    let hadPrevious = true;
    try {
      await rename(this.finalPath, retired);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        await rm(journal, { force: true });
        throw error;
      }
      hadPrevious = false;
    }
    await pauseForTests();
    try {
      await rename(this.stagingPath, this.finalPath);
    } catch (error) {
      if (hadPrevious) await rename(retired, this.finalPath);
      await rm(journal, { force: true });
      throw error;
    }
    StagedFolder.live.delete(this.stagingPath);
    if (hadPrevious) await rm(retired, { recursive: true, force: true });
    await rm(journal, { force: true });
  }

  async discard(): Promise<void> {
    await rm(this.stagingPath, { recursive: true, force: true });
    StagedFolder.live.delete(this.stagingPath);
  }

  /** Removes every staging folder still open, at once. */
  static discardAllNow(): void {
    for (const path of StagedFolder.live) rmSync(path, { recursive: true, force: true });
    StagedFolder.live.clear();
  }

  /**
   * The last thing an interrupted build does: starts no more staging work,
   * lets the steps under way end (each is a few file operations; a deck being
   * swapped in is then complete), then removes every staging folder.
   */
  static async stopAndDiscardAll(waitAtMostMs = 5_000): Promise<void> {
    stopping = true;
    const deadline = Date.now() + waitAtMostMs;
    while (underWay.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...underWay]), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
    }
    StagedFolder.discardAllNow();
  }
}

/** Writes one file so that readers see the old or the new content, never half. */
export function writeFileAtomic(path: string, text: string): Promise<void> {
  return tracked(() => writeFileAtomicNow(path, text));
}

async function writeFileAtomicNow(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? "output";
}

/** What a commit in progress is doing, by folder name inside the output folder. */
export interface CommitJournal {
  final: string;
  staging: string;
  retired: string;
}

/**
 * A pause between the two renames of a commit, so tests can kill a build
 * exactly there. Unset (always, outside tests) it costs nothing.
 */
async function pauseForTests(): Promise<void> {
  const ms = Number(process.env.BRIEFDECK_TEST_COMMIT_PAUSE_MS ?? "");
  if (Number.isFinite(ms) && ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
