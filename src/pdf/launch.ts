import { existsSync } from "node:fs";
import type { Browser } from "puppeteer";
import { EnvironmentError } from "../errors.js";

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

/**
 * Starts headless Chromium with a temporary profile that puppeteer deletes
 * on close. Puppeteer is imported here, so only PDF builds load it.
 */
export async function launchBrowser(executablePath: string, timeoutMs: number): Promise<Browser> {
  const { default: puppeteer } = await import("puppeteer");
  try {
    return await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      timeout: timeoutMs,
      args: [...BROWSER_FLAGS, ...(needsNoSandbox() ? ["--no-sandbox"] : [])],
    });
  } catch (error) {
    throw new EnvironmentError(`could not start the browser ${executablePath}: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
}
