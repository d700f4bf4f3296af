import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { join, relative, isAbsolute, sep } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { Briefing } from "../core/model.js";
import { imageProblem } from "./images/deck-image.js";
import { sniffImage } from "./images/sniff.js";

/** Enough of a file to tell what it is (an SVG's root element may follow a long comment). */
const SNIFF_BYTES = 64 * 1024;

/**
 * The checks that need the file system, run after parsing: images exist, stay
 * inside the content folder (symlinks included), are not hidden files, and
 * are images by their bytes.
 */
export function validateBriefing(briefing: Briefing, contentDir: string): Diagnostic[] {
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
      problems.push({ ...at, severity: "error", message: `image "${image.src}" not found (looked for ${image.contentPath} in the content folder): check the path` });
      continue;
    }
    const inside = relative(contentRoot, real);
    if (inside.startsWith("..") || isAbsolute(inside)) {
      problems.push({ ...at, severity: "error", message: `image "${image.src}" points outside the content folder: copy the file into it` });
    } else if (!statSync(real).isFile()) {
      problems.push({ ...at, severity: "error", message: `image "${image.src}" is a folder, not a file: point to the image file itself` });
    } else if (isHidden(inside.split(sep))) {
      problems.push({ ...at, severity: "error", message: `image "${image.src}" leads to a hidden file (${inside.split(sep).join("/")}): move the image out of hidden files and folders` });
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
