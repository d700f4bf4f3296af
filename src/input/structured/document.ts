import { LineCounter, isAlias, isMap, isNode, parseDocument, visit } from "yaml";
import type { Document, YAMLMap } from "yaml";
import type { Diagnostics } from "../../core/diagnostics.js";

export type StructuredFormat = "json" | "yaml";

export interface StructuredDocument {
  root: YAMLMap;
  lineCounter: LineCounter;
}

/**
 * Reads a JSON or YAML briefing into a document whose every value knows its
 * place in the file. Nothing is expanded: an alias (`*name`) or anchor
 * (`&name`) is refused, so a "billion laughs" file costs what it weighs.
 * Returns undefined, with every problem reported, when it cannot be read.
 */
export function readStructured(text: string, format: StructuredFormat, diagnostics: Diagnostics): StructuredDocument | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: format === "json" ? "json" : "core" });
  const at = (offset: number): [number, number] => {
    const { line, col } = lineCounter.linePos(offset);
    return [line, col];
  };
  const kind = format === "json" ? "JSON" : "YAML";
  if (doc.errors.length > 0) {
    const reported = new Set<number>();
    for (const error of doc.errors) {
      const [line, column] = at(error.pos[0]);
      if (reported.has(line)) continue;
      reported.add(line);
      diagnostics.error(line, column, `not valid ${kind}: ${describe(error.code, error.message)}`);
    }
    return undefined;
  }
  if (format === "json" && !strictJson(text, at, diagnostics)) return undefined;
  if (!refuseReferences(doc, at, diagnostics)) return undefined;
  if (!isMap(doc.contents)) {
    diagnostics.error(1, 1, `a ${kind} briefing is one object: its fields (title, date, …) and "sections", a list of the slides`);
    return undefined;
  }
  return { root: doc.contents, lineCounter };
}

function describe(code: string, message: string): string {
  const first = message.split("\n")[0] ?? message;
  if (code === "DUPLICATE_KEY") return "a key is given twice in one object: keep one of them";
  if (code === "TAB_AS_INDENT") return "a tab is used for indentation: indent with spaces";
  return `${first}: check the quotes, commas, brackets and indentation here`;
}

/** YAML accepts more than JSON (comments, trailing commas, bare words); a .json file must be JSON. */
function strictJson(text: string, at: (offset: number) => [number, number], diagnostics: Diagnostics): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const [line, column] = position ? at(Number(position[1])) : [1, 1];
    diagnostics.error(line, column, `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, "")}: check the quotes, commas and brackets here (a .json briefing is plain JSON, without comments)`);
    return false;
  }
}

function refuseReferences(doc: Document, at: (offset: number) => [number, number], diagnostics: Diagnostics): boolean {
  let clean = true;
  visit(doc, (_, node) => {
    if (!isNode(node)) return;
    const anchored = isAlias(node) || node.anchor !== undefined;
    if (!anchored) return;
    clean = false;
    const [line, column] = at(node.range?.[0] ?? 0);
    diagnostics.error(line, column, "YAML anchors and aliases (&name, *name) are not read in a briefing: write the value out in full");
  });
  return clean;
}
