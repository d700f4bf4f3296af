import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import { UsageError } from "../core/errors.js";
import { isInside } from "../core/paths.js";
import { briefingFormat } from "./read-briefing.js";
import type { BriefingFormat } from "./read-briefing.js";

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** A briefing file found in the content folder. */
export interface BriefingSource {
  slug: string;
  /** Absolute path of the briefing file. */
  path: string;
  /** What it is written in: Markdown, or the same briefing as JSON or YAML. */
  format: BriefingFormat;
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
 * Finds `content/<slug>.md` and `content/<slug>/index.md`, and structured
 * briefings beside them (`<slug>.json`, `<slug>.yaml`, `<slug>.yml`). Bad slugs and two
 * files claiming one slug are content errors; asking for a slug that does not
 * exist is a usage error.
 */
export function discoverBriefings(contentDir: string, wanted: readonly string[] = []): Discovery {
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    throw new UsageError(`content folder ${displayPath(contentDir)} does not exist: run in a briefdeck project or pass --content DIR`);
  }
  /** Each problem with the briefing name it concerns, so that naming briefings keeps their own problems. */
  const problems: { slug: string; diagnostic: Diagnostic }[] = [];
  const bySlug = new Map<string, BriefingSource[]>();
  const add = (source: BriefingSource): void => {
    bySlug.set(source.slug, [...(bySlug.get(source.slug) ?? []), source]);
  };
  const root = realpathSync(contentDir);
  for (const entry of readdirSync(contentDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(contentDir, entry.name);
    const format = briefingFormat(entry.name);
    const slug = format === undefined ? entry.name : entry.name.replace(/\.[a-z]+$/, "");
    const diagnostics: Diagnostic[] = [];
    const kind = entry.isSymbolicLink() ? linkedKind(path, root, diagnostics) : entry.isFile() ? "file" : entry.isDirectory() ? "folder" : undefined;
    if (kind === "file" && format !== undefined) {
      if (checkSlug(slug, path, diagnostics) && readable(path, root, diagnostics)) add({ slug, path, format, file: displayPath(path), baseDir: "" });
    } else if (kind === "folder") {
      for (const name of ["index.md", "index.json", "index.yaml", "index.yml"]) {
        const indexPath = join(path, name);
        if (!existsSync(indexPath)) continue;
        if (checkSlug(slug, indexPath, diagnostics) && readable(indexPath, root, diagnostics)) {
          add({ slug, path: indexPath, format: briefingFormat(name) ?? "markdown", file: displayPath(indexPath), baseDir: entry.name });
        }
      }
    }
    problems.push(...diagnostics.map((diagnostic) => ({ slug, diagnostic })));
  }
  const sources: BriefingSource[] = [];
  for (const [slug, claimants] of bySlug) {
    if (claimants.length > 1) {
      for (const claimant of claimants) {
        // x.md beside x.json (or x/index.md): one name, several briefings.
        const others = claimants.filter((c) => c !== claimant).map((c) => c.file);
        problems.push({ slug, diagnostic: {
          severity: "error", file: claimant.file, line: 1, column: 1,
          message: `${claimants.length === 2 ? "two" : claimants.length} briefings are named "${slug}" (this file and ${others.join(" and ")}): rename or remove ${claimants.length === 2 ? "one" : "all but one"}`,
        } });
      }
      continue;
    }
    const only = claimants[0];
    if (only) sources.push(only);
  }
  for (const slug of wanted) {
    // A briefing that was found but refused (a symlink out, too large) is reported with its reason below.
    if (!bySlug.has(slug) && !problems.some((problem) => problem.slug === slug)) {
      const known = [...bySlug.keys()].join(", ") || "none";
      throw new UsageError(`no briefing named "${slug}" in ${displayPath(contentDir)} (found: ${known})`);
    }
  }
  const selected = wanted.length === 0 ? sources : sources.filter((source) => wanted.includes(source.slug));
  const relevant = wanted.length === 0 ? problems : problems.filter((problem) => wanted.includes(problem.slug));
  return { sources: selected.sort((a, b) => a.slug.localeCompare(b.slug)), diagnostics: relevant.map((problem) => problem.diagnostic) };
}

/** Larger than any briefing: refused unread (the parser reads at most 500,000 characters). */
export const MAX_BRIEFING_BYTES = 16 * 1024 * 1024;

/** What a symlink in the content folder leads to, when it stays inside; else an error and undefined. */
function linkedKind(path: string, root: string, diagnostics: Diagnostic[]): "file" | "folder" | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    // A dangling link names no briefing; like any stray file, it is passed over.
    return undefined;
  }
  if (!isInside(root, real)) {
    diagnostics.push(problem(path, "is a symlink pointing outside the content folder: copy the briefing into the folder instead"));
    return undefined;
  }
  const stats = statSync(real);
  return stats.isFile() ? "file" : stats.isDirectory() ? "folder" : undefined;
}

/** A briefing file is read only when it is a regular file inside the content folder, of a sane size. */
function readable(path: string, root: string, diagnostics: Diagnostic[]): boolean {
  const real = realpathSync(path);
  if (!isInside(root, real)) {
    diagnostics.push(problem(path, "is a symlink pointing outside the content folder: copy the file into the folder instead"));
    return false;
  }
  const stats = statSync(real);
  if (!stats.isFile()) {
    diagnostics.push(problem(path, "is not a regular file: replace it with the Markdown file itself"));
    return false;
  }
  if (stats.size > MAX_BRIEFING_BYTES) {
    diagnostics.push(problem(path, `is ${Math.round(stats.size / 1024 / 1024)} MB, far larger than a briefing: split it into several briefings`));
    return false;
  }
  return true;
}


function problem(path: string, message: string): Diagnostic {
  return { severity: "error", file: displayPath(path), line: 1, column: 1, message: `${displayPath(path)} ${message}` };
}

function checkSlug(slug: string, path: string, diagnostics: Diagnostic[]): boolean {
  if (SLUG_PATTERN.test(slug)) return true;
  diagnostics.push({
    severity: "error", file: displayPath(path), line: 1, column: 1,
    message: `"${slug}" is not a valid briefing name: use lowercase letters, digits and - (it becomes the output folder), e.g. ots-security`,
  });
  return false;
}
