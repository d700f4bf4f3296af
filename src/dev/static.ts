import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join, relative, sep } from "node:path";
import { injectClient } from "./inject.js";
import { sniffImage } from "../input/images/sniff.js";
import { isWithin } from "../core/paths.js";
import { contentTypeOf } from "../core/content-types.js";


/**
 * The file a request path names inside `root`, or undefined when it names
 * none there. Decoded once and checked segment by segment, so `..` in any
 * spelling (`%2e%2e`, `..%2f`, `..%5c`) and hidden entries (staging folders,
 * caches) are refused rather than normalised away.
 */
export function resolveInside(root: string, requestTarget: string): string | undefined {
  const rawPath = requestTarget.split(/[?#]/, 1)[0] ?? "";
  if (!rawPath.startsWith("/")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    // A malformed escape cannot name a file.
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => segment === ".." || segment.startsWith("."))) return undefined;
  const path = join(root, ...segments);
  return isWithin(root, path) ? path : undefined;
}

/**
 * Serves `root` read-only; HTML pages get the reload client. A file that is
 * missing may be answered from `fallback` (the last complete PDF while a new
 * one prints). Each file is read whole through one open: a deck swapped in
 * meanwhile gives the old bytes or the new ones, never a mix or a wrong length.
 */
export async function serveFile(request: IncomingMessage, response: ServerResponse, root: string, fallback?: (path: string) => string | undefined): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, "method not allowed", { Allow: "GET, HEAD" });
  const target = request.url ?? "/";
  let path = resolveInside(root, target);
  if (path === undefined) return send(response, 404, "not found");
  if ((await statOrUndefined(path))?.isDirectory()) {
    const bare = target.split("?", 1)[0] ?? "/";
    // A deck's relative links need the trailing slash; a relative Location cannot point at another host.
    if (!bare.endsWith("/")) return send(response, 301, "moved", { Location: `./${bare.slice(bare.lastIndexOf("/") + 1)}/${target.slice(bare.length)}` });
    path = join(path, "index.html");
  }
  let data = await readInside(root, path);
  const other = data === undefined ? fallback?.(path) : undefined;
  if (other !== undefined) data = await readInside(dirname(other), other);
  if (data === undefined) return send(response, 404, "not found");

  // A deck's images are served as what their bytes are, and only if they are images.
  const inMedia = relative(root, path).split(sep)[1] === "media";
  const sniffed = inMedia ? sniffImage(data) : undefined;
  if (sniffed && !sniffed.image) return send(response, 404, "not found");
  const type = sniffed?.image ? sniffed.type : contentTypeOf(path) ?? "application/octet-stream";
  const headers = { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
  if (type.startsWith("text/html")) {
    const html = injectClient(data.toString("utf8"), pageOf(root, path));
    response.writeHead(200, { ...headers, "Content-Length": Buffer.byteLength(html) });
    response.end(request.method === "HEAD" ? undefined : html);
    return;
  }
  // Revalidated on every load, by content: an unchanged file (reveal.js, fonts) costs a 304 and
  // the browser keeps its compiled copy, although each rebuild writes the file anew.
  const etag = `"${createHash("sha1").update(data).digest("base64url")}"`;
  const cached = { ...headers, "Cache-Control": "no-cache", ETag: etag };
  if (request.headers["if-none-match"] === etag) {
    response.writeHead(304, cached);
    response.end();
    return;
  }
  response.writeHead(200, { ...cached, "Content-Length": data.length });
  response.end(request.method === "HEAD" ? undefined : data);
}

/** `index` for the index page, else the deck's slug: what the reload client subscribes to. */
export function pageOf(root: string, file: string): string {
  const parts = relative(root, file).split(sep);
  return parts.length === 2 && parts[1] === "index.html" && parts[0] ? parts[0] : "index";
}

function send(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  response.end(`${text}\n`);
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    // Not there (or not a folder on the way): the caller answers 404.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "ENAMETOOLONG") return undefined;
    throw error;
  }
}

/** The file's bytes, or undefined when it is not there or (through a symlink) leads out of `root`. */
async function readInside(root: string, path: string): Promise<Buffer | undefined> {
  try {
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
    if (!isWithin(realRoot, realPath)) return undefined;
    return await readFile(path);
  } catch (error) {
    // Missing, a folder, or gone while a deck was swapped in: not there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR" || code === "ENAMETOOLONG") return undefined;
    throw error;
  }
}
