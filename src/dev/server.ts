import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import type { DeckSettings } from "../build/types.js";
import type { PdfExporter } from "../exporters/contracts.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import { EnvironmentError } from "../core/errors.js";
import { BUILT_IN_TEMPLATES } from "../render/templates.js";
import { CLIENT_PATH, clientScript } from "./client.js";
import { LiveReload } from "./live.js";
import { PdfFollower } from "./pdf-follower.js";
import { Rebuilder } from "./rebuilder.js";
import { serveFile } from "./static.js";
import { watchFolders } from "./watcher.js";
import type { Watcher } from "./watcher.js";
import { messageOf } from "../core/errors.js";

export interface DevServerOptions extends DeckSettings {
  /** Default 127.0.0.1: other machines cannot connect unless asked for. */
  host?: string;
  /** Default 4321; 0 picks a free port. */
  port?: number;
  /** Print PDFs in the background after each HTML rebuild. */
  pdf: boolean;
  /** Where to find the browser, as for `build`. */
  browser?: string;
  installBrowser?: boolean;
  concurrency?: number;
  /** How long the browser may take for one step (`--timeout`). */
  timeoutMs?: number;
  /** Quiet time after an edit before rebuilding. */
  debounceMs?: number;
  /** Also watch briefdeck's own templates folder (default true); tests turn it off to see only their own edits. */
  watchBuiltInTemplates?: boolean;
  log?: (line: string) => void;
}

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
  const { host = "127.0.0.1", port = DEFAULT_PORT, pdf, browser, installBrowser, concurrency, timeoutMs, debounceMs, watchBuiltInTemplates = true, log: givenLog, ...settings } = options;
  const log = givenLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  await mkdir(settings.outDir, { recursive: true });
  const live = new LiveReload();
  let follower: PdfFollower | undefined;
  const http = createServer((request, response) => {
    handle(request, response, settings.outDir, host, (path) => follower?.heldCopy(path)).catch((error: unknown) => {
      log(`briefdeck: ${request.url ?? ""}: ${messageOf(error)}`);
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      response.end("internal error\n");
    });
  });
  http.on("upgrade", (request: IncomingMessage, socket, head: Buffer) => {
    if (!allowedOrigin(request, host) || !live.handleUpgrade(request, socket, head)) socket.destroy();
  });
  const url = await listen(http, host, port);

  let exporter: PdfExporter | undefined;
  let rebuilder: Rebuilder | undefined;
  let watcher: Watcher | undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= shutDown());
  const shutDown = async (): Promise<void> => {
    watcher?.close();
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
    if (pdf) {
      // Loaded only when PDFs are wanted, as for `build`.
      const { createPdfExporter } = await import("../exporters/pdf/exporter.js");
      exporter = await createPdfExporter({ browserPath: browser, concurrency: concurrency ?? Math.max(1, availableParallelism()), installBrowser: installBrowser ?? false, ...(timeoutMs === undefined ? {} : { timeoutMs }), log });
      const printer: PdfExporter = exporter;
      follower = new PdfFollower({
        settings, exporter: printer, log,
        isCurrent: (slug, stamp) => rebuilder?.stamp(slug) === stamp,
        onLanded: (outcome, htmlChanged) => {
          for (const diagnostic of outcome.diagnostics) log(formatDiagnostic(diagnostic));
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
    rebuilder = new Rebuilder({ settings, pdf, live, log, ...(follower ? { follower } : {}) });
    await rebuilder.start();
    const folders = [settings.contentDir, ...(watchBuiltInTemplates ? [BUILT_IN_TEMPLATES] : []), ...(settings.templatesDir === undefined ? [] : [settings.templatesDir])];
    const changes = rebuilder;
    watcher = watchFolders(folders, (paths) => changes.changed(paths), {
      debounceMs: debounceMs ?? 30,
      onError: (error) => log(`briefdeck: watching stopped working (${error.message}); restart briefdeck dev`),
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}

async function handle(request: IncomingMessage, response: ServerResponse, root: string, host: string, fallback: (path: string) => string | undefined): Promise<void> {
  if (!allowedHost(request, host)) {
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
 * On loopback, only requests addressed to a loopback name are answered, so
 * a web page cannot reach the server through a name it controls (DNS rebinding).
 */
function allowedHost(request: IncomingMessage, host: string): boolean {
  if (!LOOPBACK.has(host)) return true;
  const name = (request.headers.host ?? "").replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");
  return LOOPBACK.has(name);
}

/** The reload socket is for the server's own pages, not for other sites open in the browser. */
function allowedOrigin(request: IncomingMessage, host: string): boolean {
  if (!allowedHost(request, host)) return false;
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
