import { watch } from "node:fs";
import type { FSWatcher } from "node:fs";
import { join } from "node:path";

export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs: an editor's save is several events. */
  debounceMs: number;
  /** Longest an unbroken stream of events (a folder being copied in) may hold changes back. */
  maxWaitMs?: number;
  onError: (error: Error) => void;
}

export interface Watcher {
  close(): void;
}

/**
 * Watches folders recursively (inotify on Linux, native elsewhere; Node 20
 * supports `recursive` on all three) and reports the changed paths in
 * debounced batches.
 */
export function watchFolders(folders: readonly string[], onChange: (paths: string[]) => void, options: WatchOptions): Watcher {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstAt = 0;
  const flush = (): void => {
    timer = undefined;
    const paths = [...changed];
    changed.clear();
    if (paths.length > 0) onChange(paths);
  };
  const watchers: FSWatcher[] = [];
  const close = (): void => {
    clearTimeout(timer);
    timer = undefined;
    for (const watcher of watchers.splice(0)) watcher.close();
  };
  try {
    for (const folder of new Set(folders)) {
      const watcher = watch(folder, { recursive: true }, (_event, name) => {
        if (changed.size === 0) firstAt = performance.now();
        changed.add(name ? join(folder, name.toString()) : folder);
        clearTimeout(timer);
        const waited = performance.now() - firstAt;
        timer = setTimeout(flush, waited >= (options.maxWaitMs ?? 300) ? 0 : options.debounceMs);
      });
      watcher.on("error", options.onError);
      watchers.push(watcher);
    }
  } catch (error) {
    close();
    throw error;
  }
  return { close };
}
