// Screenshots every slide of a built deck, for looking at what the build made.
// Usage: node scripts/screenshots.mjs dist/<slug>/index.html OUT_DIR
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer";

const [deck, outDir = ".screenshots"] = process.argv.slice(2);
if (!deck) {
  console.error("usage: node scripts/screenshots.mjs dist/<slug>/index.html [OUT_DIR]");
  process.exit(2);
}
await mkdir(outDir, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: process.env.BRIEFDECK_BROWSER ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(pathToFileURL(resolve(deck)).href);
  await page.waitForFunction("window.Reveal && Reveal.isReady()");
  await page.evaluate("document.fonts.ready");
  const total = await page.evaluate("Reveal.getTotalSlides()");
  for (let index = 0; index < total; index++) {
    await page.evaluate(`Reveal.slide(${index}, 0, 99)`);
    await new Promise((r) => setTimeout(r, 450));
    await page.screenshot({ path: `${outDir}/slide-${String(index + 1).padStart(2, "0")}.png` });
  }
  console.log(`${total} screenshots in ${outDir}`);
} finally {
  await browser.close();
}
