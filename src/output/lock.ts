import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EnvironmentError } from "../core/errors.js";
import { displayPath } from "../input/discover.js";
import { isRunning } from "../core/processes.js";

const LOCK_FILE = ".briefdeck.lock";
/** Locks this process holds, so an interrupted build can let go of them. */
const held = new Set<string>();

/** Releases every lock at once: the last thing an interrupted build does. */
export function releaseAllLocksNow(): void {
  for (const path of held) rmSync(path, { force: true });
  held.clear();
}

/**
 * One build at a time per output folder: a second one would race the first
 * to swap the same decks in. A lock left by a process that no longer runs
 * (a crash, a killed terminal) is taken over.
 */
export function lockOutput(outDir: string): () => void {
  const path = join(outDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx" });
      held.add(path);
      return () => {
        held.delete(path);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new EnvironmentError(`cannot write to the output folder ${displayPath(outDir)}: ${(error as Error).message}`, { cause: error });
      }
      const holder = Number(readFileSync(path, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
        throw new EnvironmentError(
          `another briefdeck build (process ${holder}) is writing to ${displayPath(outDir)}: wait for it to finish, or build into another folder with --out`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new EnvironmentError(`could not take the lock on ${displayPath(outDir)}: remove ${displayPath(path)} if no build is running`);
}
