import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, relative, sep } from "node:path";
import { contentTypeOf } from "../../core/content-types.js";
import { EnvironmentError } from "../../core/errors.js";


/**
 * Serves the decks being built to browsers that cannot read this machine's
 * files (remote DevTools endpoints). Only folders registered for a print
 * are served, each under an unguessable prefix, read-only; the server lives
 * as long as the build's exporter.
 */
export class DeckServer {
  private readonly roots = new Map<string, string>();
  private server: Server | undefined;
  private origin = "";

  private constructor(private readonly host: string) {}

  /** Starts serving on `host` (an address of this machine the browsers can reach), on a free port. */
  static async start(host: string): Promise<DeckServer> {
    const deckServer = new DeckServer(host);
    await deckServer.listen();
    return deckServer;
  }

  private listen(): Promise<void> {
    const server = createServer((request, response) => {
      void this.answer(request.url ?? "/", response);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", (error) => reject(new EnvironmentError(`cannot serve decks to the remote browsers on ${this.host}: ${error.message}; check --serve-host`, { cause: error })));
      server.listen(0, this.host, () => {
        const { port } = server.address() as AddressInfo;
        this.origin = `http://${this.host.includes(":") ? `[${this.host}]` : this.host}:${port}`;
        resolve();
      });
    });
  }

  /** The URL a browser opens `path` at; its folder is served from now on. */
  urlOf(path: string): string {
    const folder = dirname(path);
    let token = [...this.roots.entries()].find(([, root]) => root === folder)?.[0];
    if (token === undefined) {
      token = randomBytes(12).toString("hex");
      this.roots.set(token, folder);
    }
    const name = relative(folder, path).split(sep).map(encodeURIComponent).join("/");
    return `${this.origin}/${token}/${name}`;
  }

  /** Stops serving a folder (its print is done). */
  forget(path: string): void {
    const folder = dirname(path);
    for (const [token, root] of this.roots) if (root === folder) this.roots.delete(token);
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private async answer(url: string, response: ServerResponse): Promise<void> {
    const path = url.split("?")[0] ?? "/";
    const [, token = "", ...parts] = path.split("/");
    const root = this.roots.get(token);
    let segments: string[];
    try {
      segments = parts.map((part) => decodeURIComponent(part));
    } catch {
      segments = [".."];
    }
    if (!root || segments.some((segment) => segment === ".." || segment === "" || segment.includes("/") || segment.includes("\\") || segment.includes("\0"))) {
      response.writeHead(404).end();
      return;
    }
    const file = join(root, ...segments);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": contentTypeOf(file) ?? "application/octet-stream",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    });
    createReadStream(file).on("error", () => response.destroy()).pipe(response);
  }
}
