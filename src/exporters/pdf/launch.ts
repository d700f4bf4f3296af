import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Browser } from "puppeteer";
import { EnvironmentError } from "../../core/errors.js";
import { isRunning } from "../../core/processes.js";
import { BROWSER_GROUP_FILE, PROFILE_PREFIX, sweepDeadBrowsers } from "./leftovers.js";

/** Flags that keep headless Chromium quiet, offline and reproducible. */
export const BROWSER_FLAGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-sync",
  "--disable-extensions",
  "--disable-gpu",
  "--no-first-run",
  "--no-default-browser-check",
  "--metrics-recording-only",
  "--mute-audio",
  "--font-render-hinting=none",
];

/** Chromium's sandbox cannot start as root or inside most containers. */
export function needsNoSandbox(): boolean {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return isRoot || existsSync("/.dockerenv") || existsSync("/run/.containerenv");
}

/** Longest temporary folder for Chromium: its singleton socket path (about 45 bytes more) must fit in 104. */
const MAX_TEMP_PATH = 55;

/** A running browser and the temporary profile folder it owns. */
export interface LaunchedBrowser {
  browser: Browser;
  profileDir: string;
}

/**
 * Starts headless Chromium with a temporary profile of our own, so that even
 * a killed browser leaves nothing behind. Signals are handled by the CLI, which
 * also removes unfinished output. Puppeteer is imported here, so only PDF
 * builds load it.
 */
export async function launchBrowser(executablePath: string, timeoutMs: number, protocolTimeoutMs: number): Promise<LaunchedBrowser> {
  const { default: puppeteer } = await import("puppeteer");
  // Folders of builds killed before they could clean up go first; ours is named for this process.
  sweepDeadBrowsers(isRunning);
  const profileDir = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  liveProfiles.add(profileDir);
  // Chromium's own temporary files (org.chromium.Chromium.*) go inside the profile, and leave with it,
  // unless that path is too long for the socket Chromium makes there (108 bytes on Linux, 104 on macOS).
  const browserTemp = join(profileDir, "t");
  const ownTemp = Buffer.byteLength(browserTemp) <= MAX_TEMP_PATH;
  if (ownTemp) mkdirSync(browserTemp);
  try {
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      timeout: timeoutMs,
      protocolTimeout: protocolTimeoutMs,
      userDataDir: profileDir,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      env: ownTemp ? { ...process.env, TMPDIR: browserTemp } : process.env,
      args: [...BROWSER_FLAGS, ...(needsNoSandbox() ? ["--no-sandbox"] : [])],
    });
    // Puppeteer starts Chromium as a process group leader: its group is what a later build kills if this one is killed.
    const pid = browser.process()?.pid;
    if (pid !== undefined) writeFileSync(join(profileDir, BROWSER_GROUP_FILE), String(pid));
    return { browser, profileDir };
  } catch (error) {
    removeProfile(profileDir);
    throw new EnvironmentError(`could not start the browser ${executablePath}: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
}

/** Kills the browser at once and removes its profile: for Ctrl-C and for a browser that will not close. */
export function killBrowser(launched: LaunchedBrowser): void {
  killProcessTree(launched.browser.process());
  removeProfile(launched.profileDir);
}

/** Kills Chromium with its helper processes (puppeteer starts it as a process group leader on POSIX). */
export function killProcessTree(child: ChildProcess | null): void {
  if (!child?.pid) return;
  try {
    process.kill(process.platform === "win32" ? child.pid : -child.pid, "SIGKILL");
  } catch {
    // Not a group leader (or already gone): kill the main process alone.
    child.kill("SIGKILL");
  }
}

/** Profiles of browsers this process started, including ones still starting. */
const liveProfiles = new Set<string>();

/** Removes the profiles of every browser still starting or running (their processes end with their pipe). */
export function removeAllProfilesNow(): void {
  for (const dir of [...liveProfiles]) removeProfile(dir);
}

/** Never throws: a temporary folder that stays busy must not fail a build or an exit. */
function removeProfile(dir: string): void {
  if (tryRemove(dir)) {
    liveProfiles.delete(dir);
    return;
  }
  // Still busy: try once more as the process ends.
  process.once("exit", () => tryRemove(dir));
}

function tryRemove(dir: string): boolean {
  try {
    // Chromium's helper processes may still be flushing files as it exits: retry briefly.
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTEMPTY" || code === "EBUSY" || code === "EPERM") return false;
    throw error;
  }
}

/** Waits (a bounded time) for the browser's main process to be gone, so its profile is free. */
export async function processGone(child: ChildProcess | null, patienceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, patienceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Closes the browser politely, killing it if it does not go within a few seconds. */
export async function closeBrowser(launched: LaunchedBrowser): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const patience = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), 5_000);
  });
  // A browser that crashed or was killed cannot close; that is what killBrowser is for.
  const closed = launched.browser.close().then(() => "closed" as const, () => "failed" as const);
  const outcome = await Promise.race([closed, patience]);
  clearTimeout(timer);
  const child = launched.browser.process();
  if (outcome !== "closed") killProcessTree(child);
  await processGone(child, 3_000);
  removeProfile(launched.profileDir);
}
