import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { hostname, networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { SOCKET_PATH } from "../src/dev/client.js";
import { MAX_MESSAGE_BYTES } from "../src/dev/live.js";
import { startDevServer } from "../src/dev/server.js";
import type { DevServer } from "../src/dev/server.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, temporaryFolder } from "./support/files.js";
import { solidPng } from "./support/png.js";

interface Answer { status: number; headers: IncomingHttpHeaders; body: string }

/** A GET sent to the server with `path` as written and the given Host (and other) headers. */
function get(serverUrl: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { port } = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    const sent = request({ host: "127.0.0.1", port, path, method: "GET", headers: { Host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    sent.on("error", reject);
    sent.end();
  });
}

/** Whether a WebSocket upgrade to the reload socket with these Host and Origin headers is accepted. */
function upgrades(serverUrl: string, host: string, origin?: string): Promise<boolean> {
  const { port } = new URL(serverUrl);
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${SOCKET_PATH}?page=index`, { headers: { Host: host }, ...(origin === undefined ? {} : { origin }) });
    socket.once("open", () => {
      socket.close();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The example briefing and a project folder around it; the deck is built by the server as it starts. */
function project(): { root: string; content: string; out: string; remove: () => void } {
  const root = temporaryFolder("briefdeck-dev-protect-");
  const content = join(root.path, "content");
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  return { root: root.path, content, out: join(root.path, "dist"), remove: root.remove };
}

function expectProtected(answer: Answer, what: string): void {
  expect(answer.headers["x-content-type-options"], what).toBe("nosniff");
  const csp = answer.headers["content-security-policy"];
  expect(csp, what).toBeTypeOf("string");
  // Only the server's own origin: no wildcard, no other host, no plugins, no base or form targets elsewhere.
  expect(csp, what).toMatch(/(^|;\s*)default-src 'self'(;|$)/);
  expect(csp, what).toMatch(/base-uri 'none'/);
  expect(csp, what).toMatch(/form-action 'none'/);
  expect(csp, what).not.toMatch(/\*|https?:/);
}

describe("briefdeck dev: every answer carries the deck's protections", () => {
  const files = project();
  const log: string[] = [];
  let server: DevServer;
  let media: string;

  beforeAll(async () => {
    server = await startDevServer({ contentDir: files.content, outDir: files.out, pdf: false, port: 0, watchBuiltInTemplates: false, log: (line) => log.push(line) });
    media = join(files.out, EXAMPLE_SLUG, "media");
    mkdirSync(media, { recursive: true });
    // What a hostile briefing could have tried to ship, written straight into the served folder.
    writeFileSync(join(media, "page.png"), "<!doctype html><html><body><script>window.__pwned = 1</script></body></html>\n");
    writeFileSync(join(media, "page.html"), "<!doctype html><html><body><script>window.__pwned = 1</script></body></html>\n");
    writeFileSync(join(media, "notes.txt"), "plain text\n");
    writeFileSync(join(media, "real.png"), solidPng(4, 4, [200, 30, 30]));
    writeFileSync(join(media, "really-png.jpg"), solidPng(4, 4, [30, 200, 30]));
    writeFileSync(join(media, "drawing.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n');
    // A symlink loop: reading it fails with an error the server does not expect, so it answers 500.
    symlinkSync("loop-b", join(files.out, EXAMPLE_SLUG, "loop-a"));
    symlinkSync("loop-a", join(files.out, EXAMPLE_SLUG, "loop-b"));
  });

  afterAll(async () => {
    await server?.close();
    files.remove();
  });

  it("sends nosniff and a CSP with the deck page, the index, assets, media, the reload client, redirects, 304s, 404s, 403s, 405s and 500s", async () => {
    const url = server.url;
    const answers: Array<[string, Answer, number]> = [
      ["deck page", await get(url, `/${EXAMPLE_SLUG}/`), 200],
      ["deck page by name", await get(url, `/${EXAMPLE_SLUG}/index.html`), 200],
      ["index", await get(url, "/"), 200],
      ["deck summary", await get(url, `/${EXAMPLE_SLUG}/briefing.json`), 200],
      ["media", await get(url, `/${EXAMPLE_SLUG}/media/real.png`), 200],
      ["refused media", await get(url, `/${EXAMPLE_SLUG}/media/page.png`), 404],
      ["reload client", await get(url, "/__briefdeck/client.js"), 200],
      ["folder without slash", await get(url, `/${EXAMPLE_SLUG}`), 301],
      ["missing file", await get(url, "/no-such-deck/index.html"), 404],
      ["path outside", await get(url, "/..%2f..%2fetc/passwd"), 404],
      ["unknown Host", await get(url, "/", { Host: "evil.example" }), 403],
      ["error", await get(url, `/${EXAMPLE_SLUG}/loop-a`), 500],
    ];
    const deck = answers[0]?.[1].body ?? "";
    const assets = [...deck.matchAll(/(?:src|href)="([^"#:/][^"#:]*\.(?:js|css|woff2?))"/g)].map((match) => match[1] ?? "");
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) answers.push([`asset ${asset}`, await get(url, `/${EXAMPLE_SLUG}/${asset}`), 200]);
    const script = answers.find(([what]) => what === `asset ${assets.find((name) => name.endsWith(".js"))}`)?.[1];
    answers.push(["not modified", await get(url, `/${EXAMPLE_SLUG}/${assets.find((name) => name.endsWith(".js"))}`, { "If-None-Match": String(script?.headers.etag) }), 304]);
    const posted = await new Promise<Answer>((resolve, reject) => {
      const sent = request({ host: "127.0.0.1", port: new URL(url).port, path: "/", method: "POST" }, (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: "" }));
      });
      sent.on("error", reject);
      sent.end("x");
    });
    answers.push(["POST", posted, 405]);
    for (const [what, answer, status] of answers) {
      expect(answer.status, what).toBe(status);
      expectProtected(answer, what);
    }
    // The error is logged by its kind, without the path of the file on this machine.
    expect(log.join("\n")).toMatch(/loop-a: ELOOP/);
    expect(log.join("\n")).not.toContain(files.root);
    expect(answers.map(([, answer]) => answer.body).join("\n")).not.toContain(files.root);
  });

  it("serves files under media/ only as the image their bytes are, never as a page", async () => {
    const page = await get(server.url, `/${EXAMPLE_SLUG}/media/page.png`);
    expect(page.status).toBe(404);
    expect(page.headers["content-type"]).not.toMatch(/html/);
    expect(page.body).not.toContain("__pwned");
    for (const name of ["page.html", "notes.txt"]) {
      const answer = await get(server.url, `/${EXAMPLE_SLUG}/media/${name}`);
      expect(answer.status, name).toBe(404);
      expect(answer.body, name).not.toContain("__pwned");
    }
    expect((await get(server.url, `/${EXAMPLE_SLUG}/media/real.png`)).headers["content-type"]).toBe("image/png");
    // The sniffed type wins over the name.
    expect((await get(server.url, `/${EXAMPLE_SLUG}/media/really-png.jpg`)).headers["content-type"]).toBe("image/png");
    expect((await get(server.url, `/${EXAMPLE_SLUG}/media/drawing.svg`)).headers["content-type"]).toBe("image/svg+xml");
  });

  it("answers a path segment over 255 characters with 404, echoing and logging no absolute path", async () => {
    const long = "a".repeat(300);
    const lines = log.length;
    for (const path of [`/${long}`, `/${EXAMPLE_SLUG}/${long}`, `/${EXAMPLE_SLUG}/media/${long}.png`, `/${long}/index.html`, `/${EXAMPLE_SLUG}/${long}/${long}`, `/${"b/".repeat(2100)}x`]) {
      const answer = await get(server.url, path);
      expect(answer.status, path.slice(0, 40)).toBe(404);
      expectProtected(answer, path.slice(0, 40));
      expect(answer.body).not.toContain(files.root);
      expect(answer.body).not.toContain("ENAMETOOLONG");
    }
    expect(log.slice(lines).join("\n")).not.toContain(files.root);
    expect(log.slice(lines).filter((line) => /error|ENAMETOOLONG/.test(line))).toEqual([]);
  });
});

describe("briefdeck dev: the reload socket takes small messages only", () => {
  const files = project();
  let server: DevServer;

  beforeAll(async () => {
    server = await startDevServer({ contentDir: files.content, outDir: files.out, pdf: false, port: 0, watchBuiltInTemplates: false, log: () => undefined });
  });

  afterAll(async () => {
    await server?.close();
    files.remove();
  });

  function open(): Promise<WebSocket> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}${SOCKET_PATH}?page=index`);
      socket.once("open", () => resolve(socket));
      socket.once("error", reject);
    });
  }

  /** The code the server closed the socket with, or "still open" after ten seconds. */
  function closed(socket: WebSocket): Promise<number | "still open"> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve("still open");
      }, 10_000);
      socket.once("close", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  it("keeps a connection that sends a message under the cap, closes one that sends more (1009), in one frame or in many", async () => {
    const small = await open();
    small.send(JSON.stringify({ page: "x".repeat(MAX_MESSAGE_BYTES - 100) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(small.readyState).toBe(WebSocket.OPEN);
    small.close();

    const whole = await open();
    const wholeClosed = closed(whole);
    whole.send("x".repeat(MAX_MESSAGE_BYTES + 1));
    expect(await wholeClosed).toBe(1009);

    const pieces = await open();
    const piecesClosed = closed(pieces);
    for (let index = 0; index < 8; index++) pieces.send("y".repeat(1024), { fin: false });
    pieces.send("end", { fin: true });
    expect(await piecesClosed).toBe(1009);
  });

  it("does not buffer oversized messages: ten clients announcing 20 MB each leave memory flat", async () => {
    const { port } = new URL(server.url);
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.arrayBuffers + now.heapUsed - before.arrayBuffers - before.heapUsed);
    }, 5);
    const results = await Promise.all(Array.from({ length: 10 }, () => floodOneMessage(Number(port), 20 * 1024 * 1024)));
    clearInterval(sampler);
    for (const result of results) {
      // The server says why it closed (1009, message too big) long before the message could have arrived.
      expect(result.closeCode).toBe(1009);
      expect(result.sent).toBeLessThan(20 * 1024 * 1024);
    }
    expect(peak).toBeLessThan(64 * 1024 * 1024);
    // Still serving.
    expect((await get(server.url, "/")).status).toBe(200);
  });
});

/**
 * Opens the reload socket over a bare TCP connection and sends one text
 * frame announcing `length` bytes, streaming its (zero-masked) payload from
 * one reused chunk until the server closes the connection (or, a second
 * after the whole message was sent, gives up). Resolves with the close code
 * the server sent and the payload bytes written before it closed.
 */
function floodOneMessage(port: number, length: number): Promise<{ closeCode: number | undefined; sent: number }> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let received = Buffer.alloc(0);
    let upgraded = false;
    let sent = 0;
    let done = false;
    let closeCode: number | undefined;
    const finish = (): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ closeCode, sent });
    };
    const pump = (): void => {
      while (!done && !socket.destroyed && sent < length) {
        sent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once("drain", pump);
          return;
        }
      }
      if (sent >= length) setTimeout(finish, 1000);
    };
    socket.on("connect", () => {
      socket.write(`GET ${SOCKET_PATH}?page=index HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    socket.on("data", (data: Buffer) => {
      received = Buffer.concat([received, data]);
      if (!upgraded) {
        const end = received.indexOf("\r\n\r\n");
        if (end < 0) return;
        if (!received.subarray(0, end).toString().startsWith("HTTP/1.1 101")) return finish();
        upgraded = true;
        received = received.subarray(end + 4);
        // FIN + text, masked, 64-bit length, a zero mask: the payload goes as written.
        const header = Buffer.alloc(14);
        header[0] = 0x81;
        header[1] = 0x80 | 127;
        header.writeBigUInt64BE(BigInt(length), 2);
        socket.write(header);
        pump();
      }
      // Frames from the server: skip the hello, read the close frame's code.
      while (received.length >= 2) {
        const opcode = (received[0] ?? 0) & 0x0f;
        const size = (received[1] ?? 0) & 0x7f;
        const start = size === 126 ? 4 : 2;
        const total = start + (size === 126 ? received.readUInt16BE(2) : size);
        if (received.length < total) break;
        if (opcode === 0x8 && total >= start + 2) closeCode = received.readUInt16BE(start);
        received = received.subarray(total);
      }
    });
    socket.on("error", finish);
    socket.on("close", finish);
  });
}

describe("briefdeck dev: Host allow-list, on loopback and on every interface", () => {
  const files = project();
  let loopback: DevServer;
  let everywhere: DevServer;

  beforeAll(async () => {
    const common = { contentDir: files.content, pdf: false, port: 0, watchBuiltInTemplates: false, log: () => undefined } as const;
    loopback = await startDevServer({ ...common, outDir: join(files.root, "dist-loopback"), allowHosts: ["briefings.internal"] });
    everywhere = await startDevServer({ ...common, outDir: join(files.root, "dist-everywhere"), host: "0.0.0.0", allowHosts: ["Briefings.Internal"] });
  });

  afterAll(async () => {
    await loopback?.close();
    await everywhere?.close();
    files.remove();
  });

  const port = (server: DevServer): string => new URL(server.url).port;
  const status = async (server: DevServer, host: string): Promise<number> => (await get(server.url, "/", { Host: host })).status;
  const addresses = (): string[] => Object.values(networkInterfaces()).flat().flatMap((address) => (address ? [address.address] : []));
  const withPort = (name: string, server: DevServer): string => `${name.includes(":") ? `[${name}]` : name}:${port(server)}`;

  it("refuses a rebinding Host and Origin with the default host", async () => {
    for (const host of [`evil.example:${port(loopback)}`, "evil.example", `127.0.0.1.evil.example:${port(loopback)}`, `localhost.evil.example:${port(loopback)}`]) {
      expect(await status(loopback, host), host).toBe(403);
      expect(await upgrades(loopback.url, host), host).toBe(false);
    }
    expect(await upgrades(loopback.url, withPort("127.0.0.1", loopback), `http://evil.example:${port(loopback)}`)).toBe(false);
  });

  it("answers loopback names and --allow-host names with the default host", async () => {
    for (const host of [withPort("127.0.0.1", loopback), withPort("localhost", loopback), withPort("::1", loopback), "localhost", withPort("briefings.internal", loopback), withPort("BRIEFINGS.internal", loopback)]) {
      expect(await status(loopback, host), host).toBe(200);
    }
    expect(await upgrades(loopback.url, withPort("localhost", loopback), `http://${withPort("localhost", loopback)}`)).toBe(true);
  });

  it("with --host 0.0.0.0, still refuses a rebinding Host and Origin", async () => {
    for (const host of [`evil.example:${port(everywhere)}`, "evil.example", "0.0.0.0", withPort("0.0.0.0", everywhere)]) {
      expect(await status(everywhere, host), host).toBe(403);
      expect(await upgrades(everywhere.url, host), host).toBe(false);
    }
    expect(await upgrades(everywhere.url, withPort("127.0.0.1", everywhere), `http://evil.example:${port(everywhere)}`)).toBe(false);
  });

  it("with --host 0.0.0.0, answers this machine's name and addresses, loopback and --allow-host names", async () => {
    const names = [hostname(), ...addresses(), "localhost", "127.0.0.1", "briefings.internal"];
    for (const name of names) {
      expect(await status(everywhere, withPort(name, everywhere)), name).toBe(200);
      expect(await upgrades(everywhere.url, withPort(name, everywhere), `http://${withPort(name, everywhere)}`), name).toBe(true);
    }
  });
});
