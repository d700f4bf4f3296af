import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";
import type { LiveMessage } from "./client.js";
import { SOCKET_PATH } from "./client.js";

/** Every page shows these, whatever briefing it is (a template that does not compile). */
const EVERY_PAGE = "*";

/**
 * The open pages, each subscribed to its deck (or to the index), and the
 * errors each should show. A page that connects while its briefing is
 * broken gets the overlay at once.
 */
export class LiveReload {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly pages = new Map<WebSocket, string>();
  private readonly errors = new Map<string, string[]>();
  /** Changes when the dev server restarts, so pages left open catch up. */
  private readonly id = randomBytes(6).toString("hex");

  /** Takes a WebSocket upgrade for the reload socket; false when the request is not one. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== SOCKET_PATH) return false;
    const page = url.searchParams.get("page") ?? "index";
    this.server.handleUpgrade(request, socket, head, (client) => {
      this.pages.set(client, page);
      client.on("close", () => this.pages.delete(client));
      // A page that went away mid-send just closes; there is nobody to tell.
      client.on("error", () => client.terminate());
      send(client, { type: "hello", server: this.id });
      const shown = this.shownOn(page);
      if (shown.length > 0) send(client, { type: "errors", errors: shown });
    });
    return true;
  }

  /** Reloads the pages of one deck (or `index`); returns how many were told. */
  reload(page: string): number {
    return this.broadcast(page, { type: "reload" });
  }

  /** Shows `lines` over `page` (every page for `undefined`) until cleared. */
  showErrors(page: string | undefined, lines: string[]): void {
    this.errors.set(page ?? EVERY_PAGE, lines);
    this.refresh(page ?? EVERY_PAGE);
  }

  clearErrors(page: string | undefined): void {
    if (!this.errors.delete(page ?? EVERY_PAGE)) return;
    this.refresh(page ?? EVERY_PAGE);
  }

  close(): void {
    for (const client of this.pages.keys()) client.terminate();
    this.pages.clear();
    this.server.close();
  }

  private refresh(page: string): void {
    for (const [client, subscribed] of this.pages) {
      if (page !== EVERY_PAGE && subscribed !== page) continue;
      const shown = this.shownOn(subscribed);
      send(client, shown.length > 0 ? { type: "errors", errors: shown } : { type: "clear" });
    }
  }

  private shownOn(page: string): string[] {
    return [...(this.errors.get(EVERY_PAGE) ?? []), ...(this.errors.get(page) ?? [])];
  }

  private broadcast(page: string, message: LiveMessage): number {
    let told = 0;
    for (const [client, subscribed] of this.pages) {
      if (page !== EVERY_PAGE && subscribed !== page) continue;
      send(client, message);
      told++;
    }
    return told;
  }
}

function send(client: WebSocket, message: LiveMessage): void {
  if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
}
