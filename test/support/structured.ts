import { LineCounter, isMap, isSeq, parseDocument, stringify } from "yaml";
import type { Node } from "yaml";
import { toStructured } from "../../src/input/structured/from-markdown.js";
import type { StructuredBriefing } from "../../src/input/structured/from-markdown.js";
import { parseStructured } from "../../src/input/structured/index.js";
import type { ParseResult } from "../../src/input/parse/index.js";
import { TEST_THEMES } from "./parse.js";

export type Format = "json" | "yaml";

/** A Markdown briefing written as a JSON or YAML file's text, through the same export `briefdeck model` prints. */
export function translate(markdown: string, format: Format): string {
  return serialise(toStructured(markdown, "markdown"), format);
}

export function serialise(structured: StructuredBriefing | Record<string, unknown>, format: Format): string {
  return format === "json" ? `${JSON.stringify(structured, null, 2)}\n` : stringify(structured, { lineWidth: 0 });
}

/** Parses a structured briefing held in a test, as `build` would. */
export function parseText(text: string, format: Format, file = `test/inline.${format}`): ParseResult {
  return parseStructured({ source: text, file, slug: "inline", baseDir: "", themes: TEST_THEMES }, format);
}

/** `sections[3].items[1].date: message` → the path and the message. */
export function splitPath(message: string): { path: string; message: string } {
  const match = /^((?:[A-Za-z_$][\w$-]*|\[[^\]]*\])(?:\.[A-Za-z_$][\w$-]*|\[[^\]]*\])*): (.*)$/s.exec(message);
  return match ? { path: match[1] ?? "", message: match[2] ?? "" } : { path: "", message };
}

/** The value at `path` in the file, and the 1-based line and column range it spans. */
export function valueAt(text: string, path: string): { from: [number, number]; to: [number, number] } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let node: unknown = doc.contents;
  // A problem with a field may be placed at its key: the span starts there.
  let keyStart: number | undefined;
  for (const step of path.match(/[A-Za-z_$][\w$-]*|\[[^\]]*\]/g) ?? []) {
    const key = step.startsWith("[") ? JSON.parse(step.slice(1, -1)) as string | number : step;
    if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      keyStart = undefined;
    } else if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      keyStart = (pair?.key as Node | undefined)?.range?.[0];
      node = pair?.value;
    } else return undefined;
  }
  const range = (node as Node | undefined)?.range;
  if (!range) return undefined;
  const from = lineCounter.linePos(keyStart ?? range[0]);
  const to = lineCounter.linePos(range[1]);
  return { from: [from.line, from.col], to: [to.line, to.col] };
}

/**
 * A Markdown briefing, mistakes included, cut into the structured form by
 * its text alone: the YAML front matter becomes the top-level fields, the
 * text above the first `##` the lede, each `##` heading a section whose
 * `{…}` attributes become `layout` and `attributes`, and whatever lies
 * under it (notes blocks and footnote definitions too) its body. Unlike the
 * export of `briefdeck model`, which reads the briefing first, it keeps
 * what the reader would refuse, so broken briefings stay broken.
 * Undefined when the front matter is not YAML fields (no JSON can hold that mistake).
 */
export function cutStructured(markdown: string): Record<string, unknown> | undefined {
  const text = markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const front = parseDocument(match[1] ?? "");
  if (front.errors.length > 0 || !isMap(front.contents)) return undefined;
  const lines = (match[2] ?? "").split("\n");
  const sections: Record<string, unknown>[] = [];
  const lede: string[] = [];
  let current: { section: Record<string, unknown>; body: string[] } | undefined;
  let fence: string | undefined;
  const finish = (): void => {
    if (!current) return;
    const body = current.body.join("\n").replace(/^\n+/, "").trimEnd();
    if (body !== "") current.section.body = body;
    sections.push(current.section);
  };
  for (const line of lines) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark) fence = fence === undefined ? fenceMark : line.trim().startsWith(fence) ? undefined : fence;
    const heading = fence === undefined && !fenceMark ? /^##[ \t]+(.*?)[ \t]*$/.exec(line) : null;
    if (!heading) {
      (current ? current.body : lede).push(line);
      continue;
    }
    finish();
    const section: Record<string, unknown> = {};
    const attributes: Record<string, unknown> = {};
    const braces = /\{([^{}]*)\}\s*$/.exec(heading[1] ?? "");
    section.heading = braces ? (heading[1] ?? "").slice(0, braces.index).trim() : (heading[1] ?? "");
    for (const token of braces?.[1]?.match(/[^\s=]+=(?:"[^"]*"|'[^']*'|\S*)|\S+/g) ?? []) {
      const [name = "", ...rest] = token.split("=");
      const value = rest.join("=").replace(/^["']|["']$/g, "");
      if (token.startsWith(".")) attributes.class = [...((attributes.class as string[] | undefined) ?? []), token.slice(1)];
      else if (name === "layout" && rest.length > 0) section.layout = value;
      else attributes[name] = rest.length === 0 ? true : value;
    }
    if (Object.keys(attributes).length > 0) section.attributes = attributes;
    current = { section, body: [] };
  }
  finish();
  const ledeText = lede.join("\n").replace(/^\n+/, "").trimEnd();
  return { ...(front.toJS() as Record<string, unknown>), ...(ledeText === "" ? {} : { lede: ledeText }), sections };
}
