import type { PdfExporter } from "../exporters/contracts.js";
import { StagedFolder, noteInterrupt } from "../output/atomic.js";
import { releaseAllLocksNow } from "../output/lock.js";
import { removeAllProfilesNow } from "../exporters/pdf/launch.js";

export interface InterruptGuard {
  /** The browser to kill if the build is interrupted, once there is one. */
  exporter?: PdfExporter;
  /** Stops listening: the build ended on its own. */
  dispose(): void;
}

/**
 * From now until `dispose()`, Ctrl-C (or a TERM from the system) loses
 * nothing: the browser is killed, unfinished staging folders and the output
 * lock are removed, and the previous output stays as it was. Only the CLI
 * uses this; it is the one place that ends the process.
 */
export function guardInterrupts(log: (text: string) => void): InterruptGuard {
  const guard: InterruptGuard = {
    dispose: () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
  function stop(signal: NodeJS.Signals): void {
    // First: the briefings the killed browser leaves unfinished must not be marked as failed.
    noteInterrupt();
    log(`\nbriefdeck: interrupted (${signal}); briefings not finished were not written, the previous output is untouched\n`);
    const browserGone = guard.exporter?.abort?.() ?? Promise.resolve();
    void browserGone.finally(async () => {
      try {
        removeAllProfilesNow();
        await StagedFolder.stopAndDiscardAll();
      } finally {
        releaseAllLocksNow();
        process.exit(signal === "SIGINT" ? 130 : 143);
      }
    });
  }
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return guard;
}
