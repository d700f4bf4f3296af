import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { UsageError } from "./errors.js";

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** A briefing file found in the content folder. */
export interface BriefingSource {
  slug: string;
  /** Absolute path of the Markdown file. */
  path: string;
  /** The path as messages show it (relative to the working directory). */
  file: string;
  /** POSIX folder inside the content folder that its relative image paths start from. */
  baseDir: string;
}

export interface Discovery {
  sources: BriefingSource[];
  diagnostics: Diagnostic[];
}

/** How a path is shown to the user: relative to where they ran the command. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path) || ".";
  return sep === "/" ? shown : shown.split(sep).join("/");
}

/**
 * Finds `content/<slug>.md` and `content/<slug>/index.md`. Bad slugs and two
 * files claiming one slug are content errors; asking for a slug that does not
 * exist is a usage error.
 */
export function discoverBriefings(contentDir: string, wanted: readonly string[] = []): Discovery {
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    throw new UsageError(`content folder ${displayPath(contentDir)} does not exist: run in a briefdeck project or pass --content DIR`);
  }
  const diagnostics: Diagnostic[] = [];
  const bySlug = new Map<string, BriefingSource[]>();
  const add = (source: BriefingSource): void => {
    bySlug.set(source.slug, [...(bySlug.get(source.slug) ?? []), source]);
  };
  for (const entry of readdirSync(contentDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(contentDir, entry.name);
    if (entry.isFile() && entry.name.endsWith(".md")) {
      const slug = entry.name.slice(0, -3);
      if (checkSlug(slug, path, diagnostics)) add({ slug, path, file: displayPath(path), baseDir: "" });
    } else if (entry.isDirectory() && existsSync(join(path, "index.md"))) {
      const indexPath = join(path, "index.md");
      if (checkSlug(entry.name, indexPath, diagnostics)) add({ slug: entry.name, path: indexPath, file: displayPath(indexPath), baseDir: entry.name });
    }
  }
  const sources: BriefingSource[] = [];
  for (const [slug, claimants] of bySlug) {
    if (claimants.length > 1) {
      for (const claimant of claimants) {
        const other = claimants.find((c) => c !== claimant);
        diagnostics.push({
          severity: "error", file: claimant.file, line: 1, column: 1,
          message: `two briefings are named "${slug}" (this file and ${other?.file}): rename or remove one`,
        });
      }
      continue;
    }
    const only = claimants[0];
    if (only) sources.push(only);
  }
  for (const slug of wanted) {
    if (!bySlug.has(slug)) {
      const known = [...bySlug.keys()].join(", ") || "none";
      throw new UsageError(`no briefing named "${slug}" in ${displayPath(contentDir)} (found: ${known})`);
    }
  }
  const selected = wanted.length === 0 ? sources : sources.filter((source) => wanted.includes(source.slug));
  const relevantDiagnostics = wanted.length === 0
    ? diagnostics
    : diagnostics.filter((d) => wanted.some((slug) => d.message.includes(`"${slug}"`)));
  return { sources: selected.sort((a, b) => a.slug.localeCompare(b.slug)), diagnostics: relevantDiagnostics };
}

function checkSlug(slug: string, path: string, diagnostics: Diagnostic[]): boolean {
  if (SLUG_PATTERN.test(slug)) return true;
  diagnostics.push({
    severity: "error", file: displayPath(path), line: 1, column: 1,
    message: `"${slug}" is not a valid briefing name: use lowercase letters, digits and - (it becomes the output folder), e.g. ots-security`,
  });
  return false;
}
