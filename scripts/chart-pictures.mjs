// Draws the README's picture of each chart type: builds docs/charts/content/chart-types.md
// and saves each chart slide as docs/charts/<type>.png (half size).
// Usage: npm run compile && node scripts/chart-pictures.mjs
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer";

const content = "docs/charts/content";
const out = mkdtempSync(join(tmpdir(), "briefdeck-chart-pictures-"));
try {
  const built = spawnSync(process.execPath, ["bin/briefdeck.js", "build", "--quiet", "--no-pdf", "--content", content, "--out", out], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}${built.stderr}`);
  const browser = await puppeteer.launch({
    executablePath: process.env.BRIEFDECK_BROWSER ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720, deviceScaleFactor: 0.5 });
    await page.goto(pathToFileURL(resolve(out, "chart-types/index.html")).href);
    await page.waitForFunction("window.Reveal && Reveal.isReady()");
    await page.evaluate("document.fonts.ready");
    await page.evaluate("Reveal.configure({ controls: false, progress: false })");
    const slides = await page.evaluate(() =>
      [...document.querySelectorAll(".reveal .slides > section")].map((section, index) => ({ index, type: /chart-([\w-]+)/.exec(section.querySelector(".slide-chart")?.className ?? "")?.[1] })),
    );
    for (const slide of slides.filter((entry) => entry.type)) {
      await page.evaluate(`Reveal.slide(${slide.index}, 0, 99)`);
      await new Promise((done) => setTimeout(done, 600));
      await page.screenshot({ path: `docs/charts/${slide.type}.png` });
      console.log(`docs/charts/${slide.type}.png`);
    }
  } finally {
    await browser.close();
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
