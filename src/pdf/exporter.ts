import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer";
import type { PdfExporter, PdfJob } from "../build.js";
import { EnvironmentError } from "../errors.js";
import { SLIDE_HEIGHT, SLIDE_WIDTH } from "../render/deck.js";
import { installSystemBrowser } from "./browser-install.js";
import { findBrowser, noBrowserError } from "./browser-finder.js";
import type { FoundBrowser } from "./browser-finder.js";
import { finishPdf } from "./finish-pdf.js";
import { launchBrowser, withPage } from "./launch.js";
import { Semaphore } from "./semaphore.js";

export interface PdfExporterOptions {
  browserPath?: string | undefined;
  /** Briefings printed at once, in pages of the one browser. */
  concurrency: number;
  /** When no browser is found, install the OS package where possible. */
  installBrowser?: boolean;
  timeoutMs?: number;
  log?: (line: string) => void;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Finds the browser now, so a missing one fails before any work, and starts
 * it at once: Chromium boots while the decks are parsed and rendered.
 */
export async function createPdfExporter(options: PdfExporterOptions): Promise<PdfExporter> {
  const browser = await resolveBrowser(options);
  const exporter = new ChromiumPdfExporter(browser, options.concurrency, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  exporter.start();
  return exporter;
}

async function resolveBrowser(options: PdfExporterOptions): Promise<FoundBrowser> {
  const context = {
    flag: options.browserPath,
    env: process.env,
    platform: process.platform,
    puppeteerPath: await puppeteerDownloadPath(),
  };
  const found = findBrowser(context);
  if (found) return found;
  if (options.installBrowser) {
    const result = installSystemBrowser(options.log ?? ((line) => process.stderr.write(`${line}\n`)));
    const installed = result.installed ? findBrowser(context) : undefined;
    if (installed) return installed;
  }
  throw noBrowserError(process.platform);
}

/** Puppeteer's own browser, when it was downloaded (never at install time here). */
async function puppeteerDownloadPath(): Promise<() => string | undefined> {
  const { default: puppeteer } = await import("puppeteer");
  return () => {
    try {
      return puppeteer.executablePath();
    } catch {
      // Puppeteer throws when it has no browser of its own; that just means "none".
      return undefined;
    }
  };
}

class ChromiumPdfExporter implements PdfExporter {
  private browser?: Promise<Browser>;
  private readonly slots: Semaphore;

  constructor(
    private readonly found: FoundBrowser,
    concurrency: number,
    private readonly timeoutMs: number,
  ) {
    this.slots = new Semaphore(concurrency);
  }

  /** Begins launching; a launch failure surfaces at the first export. */
  start(): void {
    this.browser ??= launchBrowser(this.found.path, this.timeoutMs);
    // Handled here so an unused failed launch is not an unhandled rejection; export() awaits the same promise.
    this.browser.catch(() => undefined);
  }

  async export(job: PdfJob): Promise<void> {
    this.start();
    const browser = await (this.browser as Promise<Browser>);
    await this.slots.run(() => withPage(browser, this.timeoutMs, (page) => this.print(page, job)));
  }

  async close(): Promise<void> {
    const starting = this.browser;
    this.browser = undefined;
    if (!starting) return;
    const browser = await starting.catch(() => undefined);
    await browser?.close();
  }

  private async print(page: Page, job: PdfJob): Promise<void> {
    await page.evaluateOnNewDocument(() => {
      document.addEventListener("pdf-ready", () => {
        (window as unknown as { briefdeckPdfReady: boolean }).briefdeckPdfReady = true;
      });
    });
    const url = `${pathToFileURL(job.deckPath).href}?print-pdf`;
    await page.goto(url, { waitUntil: "load" });
    try {
      await page.waitForFunction("window.briefdeckPdfReady === true", { timeout: this.timeoutMs });
    } catch (error) {
      throw new EnvironmentError(`${job.briefing.slug}: the deck never became ready to print (reveal.js pdf-ready): ${(error as Error).message}`, { cause: error });
    }
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const printed = await page.pdf({
      width: `${SLIDE_WIDTH}px`,
      height: `${SLIDE_HEIGHT}px`,
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: false,
      timeout: this.timeoutMs,
    });
    const { meta } = job.briefing;
    const finished = await finishPdf(
      printed,
      {
        title: meta.title,
        ...(meta.presenter ? { author: meta.presenter } : {}),
        ...(meta.summary ? { subject: meta.summary } : {}),
        keywords: meta.tags,
        lang: meta.lang,
        date: documentDate(meta.date),
      },
      job.slides.filter((slide) => slide.startsSection).map((slide) => ({ title: slide.heading, page: slide.number - 1 })),
    );
    await writeFile(job.pdfPath, finished);
  }
}

/** SOURCE_DATE_EPOCH when set (reproducible builds), else the briefing's own date. */
export function documentDate(briefingDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (env.SOURCE_DATE_EPOCH !== undefined && Number.isFinite(epoch)) return new Date(epoch * 1000);
  return new Date(`${briefingDate}T00:00:00Z`);
}
