import { statSync } from "node:fs";
import { watch } from "chokidar";
import type { FSWatcher } from "chokidar";

/**
 * chokidar drops a file's "change" within 50 ms of its previous one, so a
 * second save that quick (an editor formatting on save, a script) was never
 * seen: each changed file is looked at again once that window has passed.
 */
const RECHECK_MS = 75;

export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs: an editor's save is several events. */
  debounceMs: number;
  /** Longest an unbroken stream of events (a folder being copied in) may hold changes back. */
  maxWaitMs?: number;
  /** Paths never reported (the output folder when it sits inside a watched one). */
  ignored?: (path: string) => boolean;
  onError: (error: Error) => void;
}

/** A changed path, and whether it is (or was) a folder. */
export interface Change {
  path: string;
  folder: boolean;
}

export interface Watcher {
  /** Resolves once every path is being watched: edits made from then on are seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches folders (recursively) and single files, and reports the changed
 * paths in debounced batches. chokidar watches each folder, not each file,
 * so a save that replaces the file (write a temporary file and rename it
 * over, delete then create, `git checkout`) is seen as well as one that
 * writes in place; a file that does not exist yet is seen when it appears.
 */
export function watchPaths(paths: readonly string[], onChange: (changes: Change[]) => void, options: WatchOptions): Watcher {
  const changed = new Map<string, Change>();
  /** Each reported file's size and time when it was last reported. */
  const reported = new Map<string, string>();
  const rechecks = new Set<NodeJS.Timeout>();
  let timer: NodeJS.Timeout | undefined;
  let firstAt = 0;
  let closed = false;
  const flush = (): void => {
    timer = undefined;
    const batch = [...changed.values()];
    changed.clear();
    if (batch.length === 0 || closed) return;
    const files = batch.filter((change) => !change.folder).map((change) => change.path);
    for (const path of files) reported.set(path, fileState(path));
    const recheck = setTimeout(() => {
      rechecks.delete(recheck);
      for (const path of files) if (reported.get(path) !== fileState(path)) seen(path, false);
    }, RECHECK_MS);
    rechecks.add(recheck);
    onChange(batch);
  };
  const seen = (path: string, folder: boolean): void => {
    if (closed) return;
    if (changed.size === 0) firstAt = performance.now();
    changed.set(path, { path, folder });
    clearTimeout(timer);
    const waited = performance.now() - firstAt;
    timer = setTimeout(flush, waited >= (options.maxWaitMs ?? 300) ? 0 : options.debounceMs);
  };
  const watcher: FSWatcher = watch([...new Set(paths)], {
    ignoreInitial: true,
    // A file replaced within 100 ms (an editor's safe write) is one change, not a deletion and an addition.
    atomic: true,
    ...(options.ignored ? { ignored: options.ignored } : {}),
  });
  for (const event of ["add", "change", "unlink"] as const) watcher.on(event, (path) => seen(path, false));
  for (const event of ["addDir", "unlinkDir"] as const) watcher.on(event, (path) => seen(path, true));
  watcher.on("error", (error) => options.onError(error instanceof Error ? error : new Error(String(error))));
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    ready,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      for (const recheck of rechecks) clearTimeout(recheck);
      rechecks.clear();
      await watcher.close();
    },
  };
}

/** What tells one save of a file from the next: its size and modification time, or its absence. */
function fileState(path: string): string {
  try {
    const stats = statSync(path, { bigint: true });
    return `${stats.size}:${stats.mtimeNs}`;
  } catch {
    return "absent";
  }
}
