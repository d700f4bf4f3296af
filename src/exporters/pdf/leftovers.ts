import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Temporary browser folders are named for the build that owns them: `briefdeck-chromium-<pid>-XXXXXX`. */
export const PROFILE_PREFIX = "briefdeck-chromium-";
/** Inside a profile folder: the process group of the Chromium it holds. */
export const BROWSER_GROUP_FILE = "briefdeck-browser.pgid";

const OWNED = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`);

/**
 * Removes the browser folders of builds that no longer run (killed with
 * -9, so they could not clean up), after killing whatever is left of their
 * Chromium: the process group it was started as, and any process still using
 * the folder. Never throws: leftovers must not fail the build that finds them.
 */
export function sweepDeadBrowsers(isRunning: (pid: number) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const owner = OWNED.exec(name)?.[1];
    if (owner === undefined || isRunning(Number(owner))) continue;
    const folder = join(tmpdir(), name);
    try {
      killLeftovers(folder);
      rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // Still busy or not ours to remove: the next build tries again.
    }
  }
}

/** Kills the processes of a dead build's browser (Linux reads them from /proc; elsewhere the folder alone goes). */
function killLeftovers(folder: string): void {
  if (!existsSync("/proc")) return;
  const group = Number(readOr(join(folder, BROWSER_GROUP_FILE)));
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const commandLine = readOr(`/proc/${entry}/cmdline`).replace(/\0/g, " ");
    // The group alone could be a reused number: a process also has to look like a browser's.
    const inGroup = group > 0 && processGroup(entry) === group && /chrom/i.test(commandLine);
    if (inGroup || commandLine.includes(folder)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone meanwhile.
      }
    }
  }
}

function processGroup(pid: string): number {
  // Fields after the command name (which may hold spaces) start after its ")".
  const stat = readOr(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[2]);
}

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
