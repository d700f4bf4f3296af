import type { PdfExporter } from "./build.js";
import { StagedFolder } from "./output/atomic.js";
import { releaseAllLocksNow } from "./output/lock.js";

/**
 * Runs a build so that Ctrl-C (or a TERM from the system) loses nothing:
 * the browser is killed, unfinished staging folders and the output lock are
 * removed, and the previous output stays as it was. Only the CLI uses this;
 * it is the one place that ends the process.
 */
export async function interruptible<T>(log: (text: string) => void, exporter: PdfExporter | undefined, work: () => Promise<T>): Promise<T> {
  const stop = (signal: NodeJS.Signals): void => {
    log(`\nbriefdeck: interrupted (${signal}); briefings not finished were not written, the previous output is untouched\n`);
    exporter?.killNow?.();
    StagedFolder.discardAllNow();
    releaseAllLocksNow();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    return await work();
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
