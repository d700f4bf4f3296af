import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer";
import type { HandoutOptions, PdfExporter, PdfInfo, PrintOptions, PrintSession, SlideBookmark } from "../contracts.js";
import { ContentError, EnvironmentError, messageOf } from "../../core/errors.js";
import { MAX_SLIDES } from "../../input/parse/limits.js";
import { SLIDE_HEIGHT, SLIDE_WIDTH } from "../../render/deck.js";
import { installSystemBrowser } from "./browser-install.js";
import { findBrowser, noBrowserError } from "./browser-finder.js";
import type { FoundBrowser } from "./browser-finder.js";
import { measureSlidesInPage } from "../../fit/measure.js";
import type { SlideMeasure } from "../../fit/measure.js";
import { CONTINUED_SUFFIX } from "../../render/slides.js";
import { finishPdf } from "./finish-pdf.js";
import type { OutlineEntry } from "./finish-pdf.js";
import { closeBrowser, killBrowser, killProcessTree, launchBrowser, processGone, removeAllProfilesNow } from "./launch.js";
import type { LaunchedBrowser } from "./launch.js";
import { Semaphore } from "./semaphore.js";
import { preparePageForTagging } from "./print-prep.js";
import type { PrintPreparation } from "./print-prep.js";

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
/** Decks past this many pages that cannot be printed in their time are the content's problem, not the browser's. */
const LARGE_DECK_PAGES = 100;
/** Time each page (slide, or fragment step) adds to loading, measuring and printing a deck. */
const PER_PAGE_MS = 400;
/** Pages of the largest deck printed: every slide of the largest deck, a few fragment steps each. */
const MAX_PAGES = MAX_SLIDES * 4;

/** How long one step on a deck of `pages` pages may take. */
export function scaledTimeout(timeoutMs: number, pages: number): number {
  return timeoutMs + Math.max(0, pages) * PER_PAGE_MS;
}

/** The browser's own limit on one call: above every step's, so a slow step ends in our message, not the protocol's. */
export function protocolTimeout(timeoutMs: number): number {
  return scaledTimeout(timeoutMs, MAX_PAGES) + 30_000;
}

/**
 * Finds the browser now, so a missing one fails before any work, but starts
 * it only when a deck needs it (`start()`, or the first `open()`): a build
 * whose decks are all up to date never launches Chromium.
 */
export async function createPdfExporter(options: PdfExporterOptions): Promise<PdfExporter> {
  const browser = await resolveBrowser(options);
  return new ChromiumPdfExporter(browser, options.concurrency, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
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
  private browser?: Promise<LaunchedBrowser>;
  private launched?: LaunchedBrowser;
  private aborted = false;
  private readonly slots: Semaphore;

  constructor(
    private readonly found: FoundBrowser,
    concurrency: number,
    private readonly timeoutMs: number,
  ) {
    this.slots = new Semaphore(concurrency);
  }

  /** Begins launching; a launch failure surfaces at the first session. */
  start(): void {
    if (this.aborted) throw new EnvironmentError("the build was interrupted");
    this.browser ??= launchBrowser(this.found.path, this.timeoutMs, protocolTimeout(this.timeoutMs)).then((launched) => {
      this.launched = launched;
      return launched;
    });
    // Handled here so an unused failed launch is not an unhandled rejection; open() awaits the same promise.
    this.browser.catch(() => undefined);
  }

  async open(deckPath: string, slug: string): Promise<PrintSession> {
    this.start();
    const { browser } = await (this.browser as Promise<LaunchedBrowser>);
    const release = await this.slots.acquire();
    try {
      const page = await browser.newPage();
      return new ChromiumPrintSession(page, deckPath, slug, this.timeoutMs, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  async close(): Promise<void> {
    const starting = this.browser;
    this.browser = undefined;
    if (!starting) return;
    // A launch that failed has nothing to close; its error was reported where it was awaited.
    const launched = await starting.catch(() => undefined);
    if (launched) await closeBrowser(launched);
    this.launched = undefined;
  }

  killNow(): void {
    if (this.launched) killBrowser(this.launched);
    this.launched = undefined;
    removeAllProfilesNow();
  }

  /** For an interrupted build: waits (briefly) for a browser still starting, kills it and its helpers, frees the profile. */
  async abort(): Promise<void> {
    // The build's other work goes on until the process exits: it must not start a new browser.
    this.aborted = true;
    const starting = this.browser;
    this.browser = undefined;
    const launched = this.launched ?? (starting ? await Promise.race([starting.catch(() => undefined), delay(5_000)]) : undefined);
    this.launched = undefined;
    if (launched) {
      const child = launched.browser.process();
      killProcessTree(child);
      await processGone(child, 2_000);
      // Its helpers go a moment after the main process and may still write to the profile.
      await delay(300);
    }
    removeAllProfilesNow();
  }
}

/** One briefing's page: load in print mode, measure, load again, print. */
export class ChromiumPrintSession implements PrintSession {
  private prepared = false;
  /** Pages of the deck as last loaded: the steps on it get time in proportion. */
  private pages = 0;

  constructor(
    private readonly page: Page,
    private readonly deckPath: string,
    private readonly slug: string,
    private readonly timeoutMs: number,
    private readonly release: () => void,
    /** The address the browser opens a local file at: a file URL, or the deck server's for a remote browser. */
    private readonly urlOf: (path: string) => string = (path) => pathToFileURL(path).href,
  ) {
    page.setDefaultTimeout(timeoutMs);
    page.setDefaultNavigationTimeout(timeoutMs);
  }

  async measure(): Promise<SlideMeasure[]> {
    await this.load();
    return this.guard("measuring the slides", () => this.page.evaluate(measureSlidesInPage, CONTINUED_SUFFIX));
  }

  private get stepTimeout(): number {
    return scaledTimeout(this.timeoutMs, this.pages);
  }

  async inspect<T, A>(inPage: (arg: A) => T, arg: A): Promise<T> {
    // puppeteer's types serialise arguments through handles; ours are plain JSON both ways.
    const evaluate = this.page.evaluate.bind(this.page) as unknown as (fn: (arg: A) => T, arg: A) => Promise<T>;
    return this.guard("reading the slides' layout", () => evaluate(inPage, arg));
  }

  /** Turns the browser's own errors into messages that say which briefing and what to do. */
  private async guard<T>(step: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof EnvironmentError) throw error;
      const message = messageOf(error);
      if (error instanceof Error && error.name === "TimeoutError" && this.pages > LARGE_DECK_PAGES) {
        // The deck, not the machine: a browser that needs longer than a deck this large is given.
        // A small deck that times out is a browser that hangs: that stays an environment problem below.
        throw new ContentError(`the deck (${this.pages} pages) could not be finished while ${step} in ${Math.round(this.stepTimeout / 1000)} s`, { cause: error });
      }
      if (error instanceof Error && error.name === "TimeoutError") {
        throw new EnvironmentError(
          `the browser hung while ${step} (no answer in ${Math.round(this.timeoutMs / 1000)} s); try again, or raise --timeout`,
          { cause: error },
        );
      }
      if (/Target closed|Session closed|Connection closed|Protocol error|detached|crash/i.test(message)) {
        throw new EnvironmentError(`the browser stopped while ${step}; nothing was written for this briefing, try again`, { cause: error });
      }
      throw error;
    }
  }

  async print(pdfPath: string, info: PdfInfo, outline: SlideBookmark[], options: PrintOptions = {}): Promise<void> {
    if (options.fragments) await this.load({ fragments: true });
    // With one page per fragment step a slide spans several pages: find each slide's first.
    const pageOfSlide = await this.guard("printing the PDF", () => this.page.evaluate(() =>
      [...document.querySelectorAll(".pdf-page")].map((page) => page.querySelector("section")?.id ?? ""),
    ));
    const entries: OutlineEntry[] = outline.map((entry) => ({ title: entry.title, page: pageOfSlide.indexOf(entry.slideId) }));
    const prepared = await this.prepareForTagging(info.lang);
    const printed = await this.guard("printing the PDF", () => this.page.pdf({
      width: `${SLIDE_WIDTH}px`,
      height: `${SLIDE_HEIGHT}px`,
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: false,
      timeout: this.stepTimeout,
    }));
    await writeFile(pdfPath, await finishPdf(printed, info, entries, prepared));
  }

  async printHandout(handoutPath: string, pdfPath: string, info: PdfInfo, handout: HandoutOptions): Promise<void> {
    let prepared: PrintPreparation = { hints: [], links: [] };
    const printed = await this.guard("printing the handout", async () => {
      await this.page.goto(this.urlOf(handoutPath), { waitUntil: "load" });
      await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
      prepared = await this.prepareForTagging(info.lang);
      return this.page.pdf({
      format: handout.paper === "letter" ? "Letter" : "A4",
      printBackground: true,
      tagged: true,
      // Bookmarks from the headings: a slide's heading, then its column heads.
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: handout.headerHtml,
      footerTemplate: handout.footerHtml,
      margin: { top: "18mm", bottom: "16mm", left: "16mm", right: "16mm" },
      timeout: this.stepTimeout,
      });
    });
    await writeFile(pdfPath, await finishPdf(printed, info, [], prepared));
  }

  /** Readies the page's accessibility tree, from which Chromium tags the PDF (see print-prep). */
  private prepareForTagging(lang: string): Promise<PrintPreparation> {
    return this.guard("preparing the PDF's tags", () => this.page.evaluate(preparePageForTagging, lang));
  }

  async close(): Promise<void> {
    try {
      // The browser may already be gone (crash, Ctrl-C); the page goes with it.
      await this.page.close().catch(() => undefined);
    } finally {
      this.release();
    }
  }

  /** Loads (or reloads) the staged deck in reveal.js's print view and waits until it is ready. */
  async load(options: { fragments?: boolean } = {}): Promise<void> {
    await this.guard("loading the deck", async () => {
      if (!this.prepared) {
        await this.page.evaluateOnNewDocument(() => {
          document.addEventListener("pdf-ready", () => {
            (window as unknown as { briefdeckPdfReady: boolean }).briefdeckPdfReady = true;
          });
        });
        this.prepared = true;
      }
      const query = options.fragments ? "?print-pdf&pdf-fragments" : "?print-pdf";
      await this.page.goto(`${this.urlOf(this.deckPath)}${query}`, { waitUntil: "load" });
      this.pages = await this.page.evaluate(() => document.querySelectorAll(".slides section").length);
      // reveal.js fires pdf-ready once every page is laid out; fonts may still be loading.
      await this.page.waitForFunction("window.briefdeckPdfReady === true", { timeout: this.stepTimeout });
      await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
    });
  }

}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}
