import type { Tokens } from "marked";
import type { Diagnostics } from "../../core/diagnostics.js";
import type { VegaLiteChart } from "../../core/model.js";
import { resolveImagePath } from "./images.js";
import { LineIndex } from "./line-index.js";
import type { PositionedToken } from "./markdown.js";

/** Keys that make Vega fetch or link to something. */
const REFUSED_KEYS: Record<string, string> = {
  loader: "a spec may not configure Vega's loader",
  href: "links in charts are not supported",
  usermeta: "usermeta is not read by briefdeck; remove it",
};

/** Any scheme (http:, data:, file:, javascript:…) or a protocol-relative //host. */
const REMOTE = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Reads a ```vega-lite block: valid JSON, an object, and nothing in it that
 * would reach outside the content folder. Local CSV files named by
 * `data.url` are recorded for the build to inline.
 */
export function readVegaLite(block: PositionedToken, baseDir: string, diagnostics: Diagnostics): VegaLiteChart {
  const code = block.token as Tokens.Code;
  // The JSON starts on the line after the opening fence.
  const firstLine = block.line + 1;
  const text = code.text;
  const lines = new LineIndex(text);
  const at = (offset: number): { line: number; column: number } => ({ line: firstLine + lines.lineOf(offset), column: offset - lines.lineStart(offset) + 1 });
  const chart: VegaLiteChart = { kind: "vega-lite", spec: {}, csvFiles: [], line: block.line };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const where = at(position ? Number(position[1]) : 0);
    diagnostics.error(where.line, where.column, `vega-lite spec is not valid JSON (${(error as Error).message.replace(/ in JSON at position \d+.*$/, "")}): check quotes, commas and brackets`);
    return chart;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    diagnostics.error(firstLine, 1, "vega-lite spec must be a JSON object: write it as { \"mark\": …, \"encoding\": … }");
    return chart;
  }
  const spec = parsed as Record<string, unknown>;
  // The schema URL names the spec's version; it is never fetched, and a deck keeps no URL it does not need.
  delete spec.$schema;
  let cursor = 0;
  const locate = (needle: string): { line: number; column: number } => {
    const found = text.indexOf(needle, cursor);
    const index = found >= 0 ? found : Math.max(0, text.indexOf(needle));
    if (found >= 0) cursor = found;
    return at(index);
  };
  const refuse = (needle: string, message: string): void => {
    const where = locate(needle);
    diagnostics.error(where.line, where.column, message);
  };

  const visit = (value: unknown, key: string, parentKey: string): void => {
    if (typeof value === "string") {
      if (key === "url" && parentKey === "data" && !REMOTE.test(value)) {
        const resolved = resolveImagePath(value, baseDir, "data file");
        if (!resolved.ok) refuse(JSON.stringify(value), resolved.message);
        else if (!/\.csv$/i.test(resolved.contentPath)) refuse(JSON.stringify(value), `data file "${value}" is not a .csv file: use a CSV file beside the briefing, or inline the data as "values"`);
        else chart.csvFiles.push({ url: value, contentPath: resolved.contentPath, position: { file: diagnostics.file, ...locate(JSON.stringify(value)) } });
      } else if (key === "url") {
        refuse(JSON.stringify(value), `spec names a URL ("${truncate(value)}"): decks stay offline, so save the data as a CSV file inside content/ and name it with a relative path`);
      } else if (REMOTE.test(value)) {
        refuse(JSON.stringify(value), `spec refers to "${truncate(value)}" outside the deck: decks stay offline; remove it`);
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key, parentKey);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const object = value as Record<string, unknown>;
    if (object.mark === "image" || (typeof object.mark === "object" && (object.mark as { type?: unknown } | null)?.type === "image")) {
      refuse('"image"', "image marks load pictures from elsewhere and are not allowed in charts: use a figure slide for pictures");
    }
    for (const [name, child] of Object.entries(object)) {
      const refused = REFUSED_KEYS[name];
      if (refused !== undefined) {
        refuse(JSON.stringify(name), `${refused}: remove "${name}"`);
        continue;
      }
      visit(child, name, key);
    }
  };
  visit(spec, "", "");
  chart.spec = spec;
  return chart;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
