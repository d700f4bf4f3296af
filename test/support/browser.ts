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
