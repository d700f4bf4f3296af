import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "puppeteer";
import puppeteer from "puppeteer";
import { findBrowser } from "../../src/exporters/pdf/browser-finder.js";
import { BROWSER_FLAGS, needsNoSandbox } from "../../src/exporters/pdf/launch.js";

/** The same browser the build would use, launched the same way. */
export async function launchTestBrowser(): Promise<Browser> {
  const found = findBrowser({ env: process.env, platform: process.platform });
  if (!found) throw new Error("tests need Chrome or Chromium: apt-get install -y chromium");
  return puppeteer.launch({
    executablePath: found.path,
    headless: true,
    pipe: true,
    args: [...BROWSER_FLAGS, ...(needsNoSandbox() ? ["--no-sandbox"] : [])],
  });
}

/** A Chromium started as a remote DevTools endpoint (as with --remote-debugging-port), on a free port. */
export interface RemoteBrowser {
  /** `http://127.0.0.1:PORT`, as `--browser-url` takes it. */
  httpUrl: string;
  /** The `ws://…/devtools/browser/…` endpoint. */
  wsUrl: string;
  /** Ids of the page targets open in it now. */
  pages(): Promise<string[]>;
  /** Kills it and its helpers at once (SIGKILL to its process group) and removes its profile. */
  kill(): void;
}

export async function startRemoteBrowser(): Promise<RemoteBrowser> {
  const found = findBrowser({ env: process.env, platform: process.platform });
  if (!found) throw new Error("tests need Chrome or Chromium: apt-get install -y chromium");
  const profile = mkdtempSync(join(tmpdir(), "briefdeck-remote-"));
  const child = spawn(found.path, [...BROWSER_FLAGS, ...(needsNoSandbox() ? ["--no-sandbox"] : []), "--headless", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint from Chromium:\n${seen}`)), 30_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", () => reject(new Error(`Chromium exited before listening:\n${seen}`)));
  });
  const httpUrl = new URL(wsUrl).origin.replace(/^ws/, "http");
  return {
    httpUrl,
    wsUrl,
    pages: async () => {
      const response = await fetch(`${httpUrl}/json/list`);
      const targets = (await response.json()) as Array<{ id: string; type: string }>;
      return targets.filter((target) => target.type === "page").map((target) => target.id);
    },
    kill: () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
