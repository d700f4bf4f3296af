// The edit loop, as a user lives it: `briefdeck dev` on the example, the deck
// open in Chromium on slide 4, the Markdown saved again and again. Measures
// save → the edited slide shown in the page (reloaded once, fitted, on the
// same slide). Uses the compiled server in lib/.
import { EventEmitter } from "node:events";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import puppeteer from "puppeteer";
import { startDevServer } from "../lib/dev/server.js";
import { BROWSER_FLAGS } from "../lib/exporters/pdf/launch.js";

const SLUG = "ots-security";
const HEADING = "## From cultural forum to security platform";
const OVERFLOWING = `[...document.querySelectorAll(".reveal .slides > section")].filter((s) => s.scrollHeight > s.clientHeight + 1).length`;

export async function editLoop(work, edits) {
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
    contentDir: content, outDir: join(work, "dist"), pdf: true, port: 0, concurrency: 2, watchBuiltInTemplates: false,
    log: (line) => lines.emit("line", line),
  });
  const browser = await puppeteer.launch({
    executablePath: process.env.BRIEFDECK_BROWSER ?? "/usr/bin/chromium", headless: true, pipe: true, args: [...BROWSER_FLAGS, "--no-sandbox"],
  });
  try {
    await firstPdf;
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(`${server.url}${SLUG}/index.html#/3`);
    await page.waitForFunction('document.documentElement.getAttribute("data-briefdeck-live") === "connected" && window.Reveal && Reveal.isReady()', { polling: 10 });
    const before = loads;
    const shown = [];
    let sameSlide = 0;
    let fitted = 0;
    for (let run = 1; run <= edits; run++) {
      const marker = `(edit ${run})`;
      const saved = performance.now();
      writeFileSync(file, original.replace(HEADING, `${HEADING} ${marker}`));
      await page.waitForFunction(
        `document.documentElement.getAttribute("data-briefdeck-live") === "connected" && window.Reveal && Reveal.isReady() && Reveal.getCurrentSlide().textContent.includes(${JSON.stringify(marker)})`,
        { polling: 5, timeout: 60_000 },
      );
      shown.push(performance.now() - saved);
      if (await page.evaluate("Reveal.getIndices().h") === 3) sameSlide++;
      if (await page.evaluate(OVERFLOWING) === 0) fitted++;
      // The PDF follows in the background; let it land before the next save, as a user reading the slide would.
      await Promise.race([nextLine(/^PDF of ots-security updated/), sleep(5_000)]);
      await sleep(200);
    }
    return { shown: median(shown), reloads: loads - before, sameSlide, fitted };
  } finally {
    await browser.close();
    await server.close();
  }
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
