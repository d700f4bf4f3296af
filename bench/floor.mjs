// The floor for the PDF step: a bare puppeteer script that opens an already
// built deck in print mode and calls page.pdf() once. Nothing else.
// Usage: node bench/floor.mjs dist/<slug>/index.html out.pdf
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer";

const [deck, output] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.BRIEFDECK_BROWSER ?? "/usr/bin/chromium",
  headless: true,
  pipe: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(() => document.addEventListener("pdf-ready", () => { window.pdfReady = true; }));
  await page.goto(`${pathToFileURL(resolve(deck)).href}?print-pdf`);
  await page.waitForFunction("window.pdfReady === true");
  await page.pdf({ path: output, printBackground: true, preferCSSPageSize: true });
} finally {
  await browser.close();
}
