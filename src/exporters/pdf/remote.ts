import type { Browser, Page } from "puppeteer";
import { EnvironmentError, messageOf } from "../../core/errors.js";
import type { SlideMeasure } from "../../fit/measure.js";
import type { HandoutOptions, PdfExporter, PdfInfo, PrintOptions, PrintSession, SlideBookmark } from "../contracts.js";
import { DeckServer } from "./deck-server.js";
import { ChromiumPrintSession } from "./exporter.js";
import { Semaphore } from "./semaphore.js";

export interface RemoteExporterOptions {
  /** DevTools endpoints: `http://host:port` of a Chrome started with --remote-debugging-port, or a `ws://` endpoint. */
  endpoints: readonly string[];
  /** An address of this machine the browsers can reach; decks are served to them from there. */
  serveHost: string;
  /** Pages printing at once, across every endpoint. */
  concurrency: number;
  timeoutMs: number;
}

interface Endpoint {
  url: string;
  browser: Browser;
  /** Pages this build has open on it. */
  pages: Set<Page>;
}

/**
 * Prints on browsers that are already running, here or elsewhere, through
 * the DevTools protocol. No local browser is started. Decks reach the
 * browsers over HTTP from a short-lived server; pages are spread across the
 * endpoints; a page whose browser goes away is tried once more on another;
 * every page this build opened is closed, whatever happens, and the browsers
 * are left running for their owners.
 */
export async function connectPdfExporter(options: RemoteExporterOptions): Promise<PdfExporter> {
  if (options.endpoints.length === 0) throw new EnvironmentError("no --browser-url given");
  const { default: puppeteer } = await import("puppeteer");
  const endpoints = await Promise.all(options.endpoints.map(async (url): Promise<Endpoint> => {
    try {
      const browser = /^wss?:/i.test(url)
        ? await puppeteer.connect({ browserWSEndpoint: url, protocolTimeout: options.timeoutMs })
        : await puppeteer.connect({ browserURL: url, protocolTimeout: options.timeoutMs });
      return { url, browser, pages: new Set() };
    } catch (error) {
      throw new EnvironmentError(`cannot reach the browser at ${url}: ${messageOf(error)}; start it with --remote-debugging-port, or check the address`, { cause: error });
    }
  }));
  const server = await DeckServer.start(options.serveHost);
  return new RemotePdfExporter(endpoints, server, options);
}

class RemotePdfExporter implements PdfExporter {
  private readonly slots: Semaphore;

  constructor(
    private readonly endpoints: Endpoint[],
    private readonly server: DeckServer,
    private readonly options: RemoteExporterOptions,
  ) {
    this.slots = new Semaphore(options.concurrency);
  }

  async open(deckPath: string, slug: string): Promise<PrintSession> {
    const release = await this.slots.acquire();
    try {
      const session = new RemotePrintSession(this, deckPath, slug, release);
      await session.start();
      return session;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** A new page on the connected endpoint with the fewest of our pages, other than `avoid`. */
  async newPage(avoid?: Endpoint): Promise<{ endpoint: Endpoint; page: Page }> {
    const candidates = this.endpoints
      .filter((endpoint) => endpoint !== avoid && endpoint.browser.connected)
      .sort((a, b) => a.pages.size - b.pages.size);
    for (const endpoint of candidates) {
      try {
        const page = await endpoint.browser.newPage();
        endpoint.pages.add(page);
        return { endpoint, page };
      } catch {
        // That browser went away between the check and the call: try the next one.
      }
    }
    throw new EnvironmentError(`no remote browser is left to print on (tried ${this.endpoints.map((e) => e.url).join(", ")})`);
  }

  async closePage(endpoint: Endpoint, page: Page): Promise<void> {
    endpoint.pages.delete(page);
    await page.close().catch(() => undefined);
  }

  session(page: Page, deckPath: string, slug: string): ChromiumPrintSession {
    return new ChromiumPrintSession(page, deckPath, slug, this.options.timeoutMs, () => undefined, (path) => this.server.urlOf(path));
  }

  forget(deckPath: string): void {
    this.server.forget(deckPath);
  }

  async close(): Promise<void> {
    for (const endpoint of this.endpoints) {
      await Promise.all([...endpoint.pages].map((page) => this.closePage(endpoint, page)));
      // The browsers belong to others: leave them running.
      await endpoint.browser.disconnect().catch(() => undefined);
    }
    await this.server.close();
  }

  killNow(): void {
    for (const endpoint of this.endpoints) {
      for (const page of endpoint.pages) void page.close().catch(() => undefined);
      void endpoint.browser.disconnect().catch(() => undefined);
    }
  }

  async abort(): Promise<void> {
    await this.close();
  }
}

/** One briefing's page on a remote browser, moved once to another endpoint if its browser goes away. */
class RemotePrintSession implements PrintSession {
  private endpoint: Endpoint | undefined;
  private page: Page | undefined;
  private inner: ChromiumPrintSession | undefined;
  private lastLoad: { fragments?: boolean } | undefined;
  private moved = false;
  private closed = false;

  constructor(
    private readonly exporter: RemotePdfExporter,
    private readonly deckPath: string,
    private readonly slug: string,
    private readonly release: () => void,
  ) {}

  async start(avoid?: Endpoint): Promise<void> {
    const { endpoint, page } = await this.exporter.newPage(avoid);
    this.endpoint = endpoint;
    this.page = page;
    this.inner = this.exporter.session(page, this.deckPath, this.slug);
  }

  load(options: { fragments?: boolean } = {}): Promise<void> {
    this.lastLoad = options;
    return this.retrying((session) => session.load(options), false);
  }

  measure(): Promise<SlideMeasure[]> {
    this.lastLoad = {};
    return this.retrying((session) => session.measure(), false);
  }

  print(pdfPath: string, info: PdfInfo, outline: SlideBookmark[], options?: PrintOptions): Promise<void> {
    return this.retrying((session) => session.print(pdfPath, info, outline, options), true);
  }

  inspect<T, A>(inPage: (arg: A) => T, arg: A): Promise<T> {
    return this.retrying((session) => session.inspect(inPage, arg), true);
  }

  printHandout(handoutPath: string, pdfPath: string, info: PdfInfo, handout: HandoutOptions): Promise<void> {
    return this.retrying((session) => session.printHandout(handoutPath, pdfPath, info, handout), false);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.endpoint && this.page) await this.exporter.closePage(this.endpoint, this.page);
      this.exporter.forget(this.deckPath);
    } finally {
      this.release();
    }
  }

  /**
   * Runs a step; when the browser under it disconnects, opens the deck on
   * another endpoint (loading it as it was, when the step needs the loaded
   * deck) and runs the step there, once.
   */
  private async retrying<T>(step: (session: ChromiumPrintSession) => Promise<T>, needsLoadedDeck: boolean): Promise<T> {
    const session = this.inner;
    if (!session) throw new EnvironmentError(`${this.slug}: the remote page is closed`);
    try {
      return await step(session);
    } catch (error) {
      const lost = this.endpoint;
      if (this.moved || !lost || lost.browser.connected) throw error;
      this.moved = true;
      if (this.page) await this.exporter.closePage(lost, this.page);
      try {
        await this.start(lost);
      } catch (retryError) {
        throw new EnvironmentError(`the browser at ${lost.url} went away while printing ${this.slug}, and no other could take over: ${messageOf(retryError)}`, { cause: error });
      }
      const moved = this.inner as ChromiumPrintSession;
      if (needsLoadedDeck && this.lastLoad) await moved.load(this.lastLoad);
      return step(moved);
    }
  }
}
