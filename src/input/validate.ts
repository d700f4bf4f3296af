import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { ImageRef } from "../core/model.js";
import { closest } from "../core/suggest.js";
import { isWithin } from "../core/paths.js";

/**
 * The checks that need the file system, run after parsing: images exist and
 * stay inside the content folder (symlinks included).
 */
export function validateBriefing(briefing: { images: readonly ImageRef[] }, contentDir: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const contentRoot = realpathSync(contentDir);
  for (const image of briefing.images) {
    const path = join(contentDir, ...image.contentPath.split("/"));
    const at = image.position;
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
    }
  }
  return problems;
}

/** Image-like names get no hint beyond this many edits: a typo, not another picture. */
const MAX_NAME_EDITS = 3;

/**
 * The existing file whose path is nearest to the missing one: first in the
 * folder it names, then anywhere in the content folder by file name.
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
    return readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
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
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile()) return [path];
    return entry.isDirectory() && !entry.name.startsWith(".") ? listFiles(root, path, depth + 1) : [];
  });
}

/** `found` (relative to the content folder) written the way the image's own path was: relative to the Markdown file. */
function relativeTo(image: ImageRef, found: string): string {
  const written = posix.normalize(image.src);
  const base = image.contentPath.slice(0, image.contentPath.length - written.length);
  if (written.startsWith("/") || !image.contentPath.endsWith(written) || !found.startsWith(base)) return found;
  return found.slice(base.length);
}
