import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { basename, sep } from "node:path";
import type { DeckSettings } from "../build/types.js";
import type { PdfExporter } from "../exporters/contracts.js";
import { EnvironmentError } from "../core/errors.js";
import { BUILT_IN_TEMPLATES } from "../render/templates.js";
import { CLIENT_PATH, clientScript } from "./client.js";
import { ChangesLog } from "./changes-log.js";
import { LiveReload } from "./live.js";
import { PdfFollower } from "./pdf-follower.js";
import { FitMemory } from "../fit/fit-memory.js";
import { Rebuilder } from "./rebuilder.js";
import { serveFile } from "./static.js";
import { watchPaths } from "./watcher.js";
import { hostname, networkInterfaces } from "node:os";
import type { Watcher } from "./watcher.js";

export interface DevServerOptions extends DeckSettings {
  /** Default 127.0.0.1: other machines cannot connect unless asked for. */
  host?: string;
  /** Host names (besides this machine's own names and addresses) that requests may be addressed to (`--allow-host`). */
  allowHosts?: readonly string[];
  /** Default 4321; 0 picks a free port. */
  port?: number;
  /** Print PDFs in the background after each HTML rebuild. */
  pdf: boolean;
  /** Where to find the browser, as for `build`. */
  browser?: string;
  /** Running browsers to print and measure on instead of starting one (`--browser-url`). */
  browserUrls?: readonly string[];
  /** The address the running browsers reach this machine's decks at (`--serve-host`). */
  serveHost?: string;
  installBrowser?: boolean;
  concurrency?: number;
  /** How long the browser may take for one step (`--timeout`). */
  timeoutMs?: number;
  /** Quiet time after an edit before rebuilding. */
  debounceMs?: number;
  /** Also watch briefdeck's own templates folder (default true); tests turn it off to see only their own edits. */
  watchBuiltInTemplates?: boolean;
  /** The project settings file: watched, and read again by `read` when it changes. */
  settingsFile?: { path: string; read: () => SettingsUpdate };
  log?: (line: string) => void;
}

/** What an edited settings file changes: deck settings applied at once, keys that need a restart, or its errors. */
export type SettingsUpdate =
  | { settings: Partial<Pick<DeckSettings, (typeof LIVE_SETTINGS)[number]>>; restart: string[] }
  | { errors: string[] };

/** The deck settings a settings file may change while the server runs. */
const LIVE_SETTINGS = ["strict", "fit", "handout", "singleFile", "pdfFragments", "branding"] as const;

export interface DevServer {
  url: string;
  /** Stops watching, closes every socket and the browser; resolves when all is shut. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4321;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * `briefdeck dev`: builds, serves the output folder, watches the content
 * and templates, rebuilds what an edit affects and reloads the open pages.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { host = "127.0.0.1", allowHosts = [], port = DEFAULT_PORT, pdf, browser, browserUrls, serveHost, installBrowser, concurrency, timeoutMs, debounceMs, watchBuiltInTemplates = true, settingsFile, log: givenLog, ...settings } = options;
  const log = givenLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  await mkdir(settings.outDir, { recursive: true });
  // Each edit is fitted starting from the plans the last builds ended on: one measuring pass where a fresh fit takes several.
  settings.fitMemory ??= new FitMemory();
  const live = new LiveReload();
  // One record of what was printed, for the HTML pass and the PDF that follows it.
  const changesLog = new ChangesLog();
  let follower: PdfFollower | undefined;
  const names = allowedNames(host, allowHosts);
  const http = createServer((request, response) => {
    // Every answer carries the deck's protections, errors and the reload script included.
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", DEV_CSP);
    handle(request, response, settings.outDir, names, (path) => follower?.heldCopy(path)).catch((error: unknown) => {
      // The message may hold absolute paths: it is logged by its kind only, and never sent.
      log(`briefdeck: ${(request.url ?? "").slice(0, 200)}: ${(error as NodeJS.ErrnoException).code ?? "internal error"}`);
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      response.end("internal error\n");
    });
  });
  http.on("upgrade", (request: IncomingMessage, socket, head: Buffer) => {
    if (!allowedOrigin(request, names) || !live.handleUpgrade(request, socket, head)) socket.destroy();
  });
  const url = await listen(http, host, port);

  let exporter: PdfExporter | undefined;
  let rebuilder: Rebuilder | undefined;
  let watcher: Watcher | undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= shutDown());
  const shutDown = async (): Promise<void> => {
    await watcher?.close();
    await rebuilder?.close();
    // Closing the browser first stops a print in progress instead of waiting for it.
    const printing = follower?.close();
    await exporter?.close();
    await printing;
    live.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  try {
    if (pdf || settings.fit !== false) {
      // Loaded only when a browser is wanted, as for `build`: to print, or (with --no-pdf) to fit the slides.
      const { openPdfExporter } = await import("../exporters/pdf/open-exporter.js");
      const choice = {
        browserPath: browser, browserUrls: browserUrls ?? [], serveHost: serveHost ?? "127.0.0.1",
        concurrency: concurrency ?? Math.max(1, availableParallelism()), installBrowser: installBrowser ?? false, ...(timeoutMs === undefined ? {} : { timeoutMs }), log,
      };
      exporter = pdf ? await openPdfExporter(choice) : await measuringOnly(() => openPdfExporter(choice), log);
    }
    if (pdf && exporter) {
      const printer: PdfExporter = exporter;
      follower = new PdfFollower({
        settings, exporter: printer, log,
        isCurrent: (slug, stamp) => rebuilder?.stamp(slug) === stamp,
        onLanded: (outcome, htmlChanged) => {
          for (const line of changesLog.lines(outcome.slug, outcome.diagnostics, true)) log(line);
          log(`PDF of ${outcome.slug} updated in ${(outcome.milliseconds / 1000).toFixed(2)} s${htmlChanged ? "; its slides were re-fitted" : ""}`);
          live.clearErrors(outcome.slug);
          if (htmlChanged) {
            live.reload(outcome.slug);
            rebuilder?.refreshIndex();
          }
        },
        onFailed: (slug, lines) => {
          for (const line of lines) log(line);
          live.showErrors(slug, lines);
        },
      });
      follower.holdExisting();
    }
    rebuilder = new Rebuilder({ settings, pdf, live, log, changes: changesLog, ...(follower ? { follower } : {}), ...(exporter ? { measurer: exporter } : {}) });
    await rebuilder.start();
    const folders = [settings.contentDir, ...(watchBuiltInTemplates ? [BUILT_IN_TEMPLATES] : []), ...(settings.templatesDir === undefined ? [] : [settings.templatesDir])];
    const changes = rebuilder;
    const settingsChanged = (): void => {
      if (!settingsFile) return;
      const update = settingsFile.read();
      if ("errors" in update) {
        for (const line of update.errors) log(line);
        live.showErrors(undefined, update.errors);
        return;
      }
      live.clearErrors(undefined);
      for (const key of update.restart) log(`briefdeck: ${key} changed in ${basename(settingsFile.path)}: restart briefdeck dev to apply it`);
      // One settings object is shared by the HTML pass and the PDF follower: both build with the new settings.
      Object.assign(settings, Object.fromEntries(LIVE_SETTINGS.map((key) => [key, update.settings[key]])));
      log(`${basename(settingsFile.path)} read again: rebuilding what it changes`);
      changes.rebuildAll();
    };
    watcher = watchPaths([...folders, ...(settingsFile ? [settingsFile.path] : [])], (batch) => {
      if (settingsFile && batch.some((change) => change.path === settingsFile.path)) settingsChanged();
      changes.changed(batch);
    }, {
      debounceMs: debounceMs ?? 30,
      // The build's own writes, when the output folder sits inside a watched one, are not edits.
      ignored: (path) => path === settings.outDir || path.startsWith(`${settings.outDir}${sep}`),
      onError: (error) => log(`briefdeck: watching stopped working (${error.message}); restart briefdeck dev`),
    });
    await watcher.ready;
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}

/**
 * The browser for `dev --no-pdf`, which only measures slides: as for `build
 * --no-pdf`, no browser on this machine means unfitted slides, said once,
 * not a server that does not start. A browser named for this command
 * (`--browser`) that does not run is still an error.
 */
async function measuringOnly(open: () => Promise<PdfExporter>, log: (line: string) => void): Promise<PdfExporter | undefined> {
  const { NoBrowserFoundError, UnusableBrowserError } = await import("../exporters/pdf/browser-finder.js");
  try {
    return await open();
  } catch (error) {
    const reason = error instanceof NoBrowserFoundError ? "no browser found" : error instanceof UnusableBrowserError && error.source !== "--browser" ? `the browser ${error.source} names cannot be run` : undefined;
    if (reason === undefined) throw error;
    log(`briefdeck: slides not fitted (${reason}), long sections may overflow`);
    return undefined;
  }
}

async function handle(request: IncomingMessage, response: ServerResponse, root: string, names: ReadonlySet<string>, fallback: (path: string) => string | undefined): Promise<void> {
  if (!allowedHost(request, names)) {
    response.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
    response.end("forbidden: unknown Host\n");
    return;
  }
  if ((request.url ?? "").split("?", 1)[0] === CLIENT_PATH) {
    response.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" });
    response.end(clientScript());
    return;
  }
  await serveFile(request, response, root, fallback);
}

/**
 * Only requests addressed to one of these names are answered, so a web page
 * cannot reach the server through a name it controls (DNS rebinding), on
 * loopback or on every interface alike.
 */
function allowedHost(request: IncomingMessage, names: ReadonlySet<string>): boolean {
  const name = (request.headers.host ?? "").replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return names.has(name);
}

/** Loopback names; with another address, also the one served on, this machine's name and addresses, and `--allow-host`. */
function allowedNames(host: string, allowHosts: readonly string[]): ReadonlySet<string> {
  const names = new Set([...LOOPBACK, ...allowHosts.map((name) => name.toLowerCase())]);
  if (LOOPBACK.has(host)) return names;
  names.add(host.toLowerCase());
  names.add(hostname().toLowerCase());
  for (const addresses of Object.values(networkInterfaces())) for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  names.delete("0.0.0.0");
  names.delete("::");
  return names;
}

/** Sent with every answer; deck pages carry their own, stricter policy too. */
const DEV_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** The reload socket is for the server's own pages, not for other sites open in the browser. */
function allowedOrigin(request: IncomingMessage, names: ReadonlySet<string>): boolean {
  if (!allowedHost(request, names)) return false;
  const origin = request.headers.origin;
  return origin === undefined || origin === `http://${request.headers.host ?? ""}`;
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const reason = error.code === "EADDRINUSE" ? `port ${port} is in use: pass --port with another number` : error.message;
      reject(new EnvironmentError(`cannot serve on ${host}:${port}: ${reason}`, { cause: error }));
    });
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === "object" && address !== null ? address.port : port;
      resolve(`http://${isIP(host) === 6 ? `[${host}]` : host}:${actual}/`);
    });
  });
}
