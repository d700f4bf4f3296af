import { realpathSync, statSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { Briefing } from "../core/model.js";

/**
 * The checks that need the file system, run after parsing: images exist and
 * stay inside the content folder (symlinks included).
 */
export function validateBriefing(briefing: Briefing, contentDir: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const contentRoot = realpathSync(contentDir);
  for (const image of briefing.images) {
    const path = join(contentDir, ...image.contentPath.split("/"));
    const at = image.position;
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
    }
  }
  return problems;
}
