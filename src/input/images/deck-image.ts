import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { sniffImage } from "./sniff.js";
import type { ImageKind, Sniffed } from "./sniff.js";
import { sanitizeSvg } from "./svg.js";

/** The extensions each kind of image may carry, so that a file opened on its own is read as what it is. */
const EXTENSIONS: Record<ImageKind, readonly string[]> = {
  png: [".png"], jpeg: [".jpg", ".jpeg"], gif: [".gif"], webp: [".webp"], avif: [".avif"], svg: [".svg"],
};

/** An image as it goes into a deck: the sniffed type and the bytes to write (SVG sanitised). */
export interface DeckImage {
  type: string;
  bytes: Buffer;
}

/** Why a file cannot be a deck's image, or undefined when it can. */
export function imageProblem(file: string, sniffed: Sniffed): string | undefined {
  if (!sniffed.image) return `is not an image: the file holds ${sniffed.what}. Save it as PNG, JPEG, GIF, WebP, AVIF or SVG and point to that file`;
  const allowed = EXTENSIONS[sniffed.kind];
  if (!allowed.includes(extname(file).toLowerCase())) {
    return `is really ${sniffed.kind === "avif" || sniffed.kind === "svg" ? "an" : "a"} ${sniffed.kind.toUpperCase()} image: rename it to end in ${allowed[0]}`;
  }
  return undefined;
}

/** Reads an image for a deck; throws when the file is no longer an image (changed since it was checked). */
export function readDeckImage(path: string): DeckImage {
  const bytes = readFileSync(path);
  const sniffed = sniffImage(bytes);
  const problem = imageProblem(path, sniffed);
  if (problem !== undefined || !sniffed.image) throw new Error(`${path} ${problem ?? "is not an image"}`);
  if (sniffed.kind === "svg") return { type: sniffed.type, bytes: Buffer.from(sanitizeSvg(bytes.toString("utf8"))) };
  return { type: sniffed.type, bytes };
}
