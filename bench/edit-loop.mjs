// The edit loop, as a user lives it: `briefdeck dev` running on the example,
// a deck open in Chromium, the Markdown edited again and again. Measures
// edit → reload signal, edit → reloaded deck ready in the browser, and
// edit → new PDF in place. Uses the compiled server in lib/ (npm run bench compiles first).
import { EventEmitter } from "node:events";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import puppeteer from "puppeteer";
import WebSocket from "ws";
import { startDevServer } from "../lib/dev/server.js";
import { BROWSER_FLAGS } from "../lib/exporters/pdf/launch.js";

const SLUG = "ots-security";
const HEADING = "## From cultural forum to security platform";

export async function editLoop(work, runs) {
  const content = join(work, "content");
  cpSync("content", content, { recursive: true });
  const file = join(content, `${SLUG}.md`);
  const original = readFileSync(file, "utf8");
  const lines = new EventEmitter();
  const nextLine = (pattern) => new Promise((resolve) => {
    const listen = (line) => {
      if (!pattern.test(line)) return;
      lines.off("line", listen);
      resolve(performance.now());
    };
    lines.on("line", listen);
  });
  const firstPdf = nextLine(/^PDF of ots-security updated/);
  const server = await startDevServer({
    contentDir: content, outDir: join(work, "dist"), pdf: true, port: 0, concurrency: 1, watchBuiltInTemplates: false,
    log: (line) => lines.emit("line", line),
  });
  const browser = await puppeteer.launch({
    executablePath: process.env.BRIEFDECK_BROWSER ?? "/usr/bin/chromium", headless: true, pipe: true, args: [...BROWSER_FLAGS, "--no-sandbox"],
  });
  try {
    await firstPdf;
    const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}__briefdeck/live?page=${SLUG}`);
    const reloads = new EventEmitter();
    socket.on("message", (data) => {
      if (JSON.parse(String(data)).type === "reload") reloads.emit("reload", performance.now());
    });
    await new Promise((resolve) => socket.once("open", resolve));
    const page = await browser.newPage();
    await page.goto(`${server.url}${SLUG}/index.html#/3`);
    await page.waitForFunction('document.documentElement.getAttribute("data-briefdeck-live") === "connected"', { polling: 10 });

    const samples = { reload: [], browser: [], pdf: [] };
    for (let run = 1; run <= runs; run++) {
      await page.evaluate("window.benchMark = true");
      const reloaded = new Promise((resolve) => reloads.once("reload", resolve));
      const printed = nextLine(/^PDF of ots-security updated/);
      const edited = performance.now();
      writeFileSync(file, original.replace(HEADING, `${HEADING} (edit ${run})`));
      samples.reload.push((await reloaded) - edited);
      await page.waitForFunction(
        '!window.benchMark && document.documentElement.getAttribute("data-briefdeck-live") === "connected" && window.Reveal && Reveal.isReady()',
        { polling: 5, timeout: 30_000 },
      );
      samples.browser.push(performance.now() - edited);
      samples.pdf.push((await printed) - edited);
      // Let the deck settle (a re-fitted deck reloads once more) before the next edit.
      await sleep(300);
    }
    socket.close();
    return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
  } finally {
    await browser.close();
    await server.close();
  }
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
