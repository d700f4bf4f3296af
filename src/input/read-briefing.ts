import { parseBriefing } from "./parse/index.js";
import type { ParseInput, ParseResult } from "./parse/index.js";
import { parseStructured } from "./structured/index.js";

/** The forms a briefing may be written in, by file extension. */
export const BRIEFING_EXTENSIONS = { ".md": "markdown", ".json": "json", ".yaml": "yaml", ".yml": "yaml" } as const;

export type BriefingFormat = (typeof BRIEFING_EXTENSIONS)[keyof typeof BRIEFING_EXTENSIONS];

/** The form of a briefing file, or undefined when its name is no briefing's. */
export function briefingFormat(fileName: string): BriefingFormat | undefined {
  const extension = /\.[a-z]+$/.exec(fileName)?.[0] ?? "";
  return Object.hasOwn(BRIEFING_EXTENSIONS, extension) ? BRIEFING_EXTENSIONS[extension as keyof typeof BRIEFING_EXTENSIONS] : undefined;
}

/** Any briefing, Markdown, JSON or YAML, read into the one model. */
export function readBriefing(input: ParseInput, format: BriefingFormat): ParseResult {
  return format === "markdown" ? parseBriefing(input) : parseStructured(input, format);
}
