import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { parseBriefing } from "../../src/input/parse/index.js";
import type { ParseResult } from "../../src/input/parse/index.js";
import { ROOT } from "./files.js";

/** The themes the parser tests pretend exist, so messages do not change when a theme is added. */
export const TEST_THEMES: ReadonlySet<string> = new Set(["briefing"]);

/** The `.md` files of a fixture folder (relative to the repository), sorted. */
export function markdownFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `${folder}/${name}`);
}

/** Reads a file given relative to the repository root. */
export function readFixture(file: string): string {
  return readFileSync(join(ROOT, file), "utf8");
}

/** Parses a fixture as `build` would, with `file` shown relative to the repository root. */
export function parseFixture(file: string): ParseResult {
  return parseMarkdown(readFixture(file), file);
}

/** Parses Markdown held in a test, reporting problems against `file`. */
export function parseMarkdown(source: string, file = "test/inline.md"): ParseResult {
  return parseBriefing({ source, file, slug: basename(file, ".md"), baseDir: "", themes: TEST_THEMES });
}

/** A message that tells the user what to do: after its first ":" or ";", an instruction. */
export const SAYS_WHAT_TO_DO =
  /[:;] .*\b(use|add|write|rename|remove|check|copy|end|move|give|put|describe|merge|start|shorten|save|cite|keep|indent|point|leave|open)\b/i;

/** What a stack trace line looks like in a message. */
export const STACK_TRACE = /\n\s+at |\bat .*\.(?:ts|js):\d+|Error:/;
