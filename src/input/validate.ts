import { closeSync, openSync, readSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, posix, sep } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { ImageRef } from "../core/model.js";
import { closest } from "../core/suggest.js";
import { isWithin } from "../core/paths.js";
import { imageProblem } from "./images/deck-image.js";
import { sniffImage } from "./images/sniff.js";

/** Enough of a file to tell what it is (an SVG's root element may follow a long comment). */
const SNIFF_BYTES = 64 * 1024;

/**
 * The checks that need the file system, run after parsing: images exist, stay
 * inside the content folder (symlinks included), are not hidden files, and
 * are images by their bytes.
 */
export function validateBriefing(briefing: { images: readonly ImageRef[] }, contentDir: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const contentRoot = realpathSync(contentDir);
  for (const image of briefing.images) {
    const path = join(contentDir, ...image.contentPath.split("/"));
    const at = image.position;
    // Hidden files (.env, .git/config) and everything in hidden folders are never shipped, whatever they hold.
    if (isHidden(image.contentPath.split("/"))) {
      problems.push({ ...at, severity: "error", message: `image "${image.src}" is a hidden file or inside a hidden folder: only visible image files are copied into decks; move the image out of it` });
      continue;
    }
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      const near = nearestFile(contentDir, image.contentPath);
      const hint = near === undefined ? "" : `; did you mean "${relativeTo(image, near)}"?`;
      problems.push({ ...at, severity: "error", message: `image "${image.src}" not found (looked for ${image.contentPath} in the content folder${hint}): check the path` });
      continue;
    }
    if (!isWithin(contentRoot, real)) {
      problems.push({ ...at, severity: "error", message: `image "${image.src}" points outside the content folder: copy the file into it` });
    } else if (!statSync(real).isFile()) {
      problems.push({ ...at, severity: "error", message: `image "${image.src}" is a folder, not a file: point to the image file itself` });
    } else if (isHidden(relative(contentRoot, real).split(sep))) {
      problems.push({ ...at, severity: "error", message: `image "${image.src}" leads to a hidden file (${relative(contentRoot, real).split(sep).join("/")}): move the image out of hidden files and folders` });
    } else {
      const problem = imageProblem(real, sniffImage(head(real)));
      if (problem !== undefined) problems.push({ ...at, severity: "error", message: `image "${image.src}" ${problem}` });
    }
  }
  return problems;
}

function head(path: string): Buffer {
  const buffer = Buffer.alloc(SNIFF_BYTES);
  const fd = openSync(path, "r");
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

function isHidden(segments: readonly string[]): boolean {
  return segments.some((segment) => segment.startsWith("."));
}

/** Image-like names get no hint beyond this many edits: a typo, not another picture. */
const MAX_NAME_EDITS = 3;

/**
 * The existing file whose path is nearest to the missing one: first in the
 * folder it names, then anywhere in the content folder by file name. Hidden
 * files and folders are left out: they are refused as images anyway.
 */
function nearestFile(contentDir: string, contentPath: string): string | undefined {
  const folder = posix.dirname(contentPath);
  const name = posix.basename(contentPath);
  const inFolder = filesIn(join(contentDir, ...folder.split("/")));
  const sameFolder = closest(name, inFolder, MAX_NAME_EDITS);
  if (sameFolder !== undefined) return folder === "." ? sameFolder : `${folder}/${sameFolder}`;
  const everywhere = listFiles(contentDir, "", 0);
  const byName = closest(name, everywhere.map((path) => posix.basename(path)), MAX_NAME_EDITS);
  return byName === undefined ? undefined : everywhere.find((path) => posix.basename(path) === byName);
}

function filesIn(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile() && !entry.name.startsWith(".")).map((entry) => entry.name);
  } catch {
    return [];
  }
}

/** POSIX paths of the files under `folder`, a few levels deep (content folders are small; a hint is not worth a long walk). */
function listFiles(root: string, prefix: string, depth: number): string[] {
  if (depth > 4) return [];
  let entries;
  try {
    entries = readdirSync(join(root, ...prefix.split("/").filter(Boolean)), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    // A hidden file is never an image a deck may use, so never a hint either (it would name `.env`).
    if (entry.name.startsWith(".")) return [];
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile()) return [path];
    return entry.isDirectory() ? listFiles(root, path, depth + 1) : [];
  });
}

/** `found` (relative to the content folder) written the way the image's own path was: relative to the Markdown file. */
function relativeTo(image: ImageRef, found: string): string {
  const written = posix.normalize(image.src);
  const base = image.contentPath.slice(0, image.contentPath.length - written.length);
  if (written.startsWith("/") || !image.contentPath.endsWith(written) || !found.startsWith(base)) return found;
  return found.slice(base.length);
}
