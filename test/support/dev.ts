import { readFileSync, readdirSync } from "node:fs";
import { request } from "node:http";
import type { Page } from "puppeteer";

/** Status of a GET sent with `path` exactly as written (no normalising of `..` by a URL parser). */
export function rawStatus(serverUrl: string, path: string): Promise<number> {
  const { hostname, port } = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    const sent = request({ host: hostname, port, path, method: "GET" }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on("error", reject);
    sent.end();
  });
}

/** Opens a page of the dev server and waits until its reload socket is connected. */
export async function openLive(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction('document.documentElement.getAttribute("data-briefdeck-live") === "connected"', { polling: 50 });
}

/** Marks the current document, so a reload can be told apart from an update in place. */
export async function mark(page: Page): Promise<void> {
  await page.evaluate('window.briefdeckTestMark = true; document.documentElement.removeAttribute("data-test-reloaded")');
}

/** Waits until the page was reloaded (the mark is gone), is connected again and, for a deck, ready. */
export async function waitForReload(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    '!window.briefdeckTestMark && document.documentElement.getAttribute("data-briefdeck-live") === "connected" && (!window.Reveal || Reveal.isReady())',
    // Polled by time: pages in background tabs get no animation frames.
    { timeout, polling: 50 },
  );
}

/** Process ids of the Chromium processes this test process started itself. */
export function childChromiums(): number[] {
  const ids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      // The process ended while the list was read.
      continue;
    }
    // "pid (comm) state ppid …": the name may hold spaces, so split after the last ")".
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent === process.pid && /chrom/i.test(name)) ids.push(Number(entry));
  }
  return ids.sort((a, b) => a - b);
}
