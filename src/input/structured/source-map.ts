import { isMap, isScalar, isSeq } from "yaml";
import type { LineCounter, Node, Scalar } from "yaml";

/**
 * A structured briefing is read by writing its parts out as the Markdown
 * they stand for and parsing that. This map remembers, for every place of
 * that Markdown, which value of the JSON or YAML file it came from, so that
 * a problem found in the Markdown is reported where the user wrote it.
 */

/** A run of a written line that comes from one value of the file. */
interface Segment {
  /** 0-based columns [from, to) in the written line. */
  from: number;
  to: number;
  node: Node;
  /** Index in the value's text of the character at `from`; undefined: the segment points at the value as a whole. */
  charStart?: number;
}

interface WrittenLine {
  segments: Segment[];
  /** What a place outside every segment points at: the section, or the whole file. */
  owner: Node | undefined;
}

/** Offset in the file → line and column (1-based). */
export type Locate = (offset: number) => { line: number; column: number };

export class MarkdownWriter {
  private readonly lines: string[] = [];
  private readonly maps: WrittenLine[] = [];
  private current = "";
  private segments: Segment[] = [];
  owner: Node | undefined;

  constructor(private readonly source: string) {}

  /** Text of the written Markdown's own making (`## `, `- **`): no value of the file. */
  raw(text: string): this {
    this.current += text;
    return this;
  }

  /** One line's worth of a value: `text` is `value`'s text from `charStart`, or stands for the value as a whole. */
  value(text: string, node: Node, charStart?: number): this {
    if (text.length > 0 || charStart !== undefined) {
      this.segments.push({ from: this.current.length, to: this.current.length + Math.max(1, text.length), node, ...(charStart === undefined ? {} : { charStart }) });
    }
    this.current += text;
    return this;
  }

  endLine(): this {
    this.lines.push(this.current);
    this.maps.push({ segments: this.segments, owner: this.owner });
    this.current = "";
    this.segments = [];
    return this;
  }

  blank(): this {
    if (this.current !== "") this.endLine();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== "") this.endLine();
    return this;
  }

  /**
   * A multi-line text value, each line after `prefix` (the first line after
   * `firstPrefix`), every character traced back to the file.
   */
  block(text: string, node: Scalar, prefix = "", firstPrefix = prefix, exact = true): this {
    let start = 0;
    for (const [index, line] of text.split("\n").entries()) {
      this.raw(index === 0 ? firstPrefix : prefix).value(line, node, exact ? start : undefined).endLine();
      start += line.length + 1;
    }
    return this;
  }

  /** Lines finished so far. */
  get lineCount(): number {
    return this.lines.length;
  }

  get markdown(): string {
    return [...this.lines, ...(this.current === "" ? [] : [this.current])].join("\n");
  }

  /** The file offset a place of the written Markdown comes from. */
  offsetOf(line: number, column: number): number | undefined {
    const map = this.maps[line - 1];
    if (!map) return undefined;
    const col = column - 1;
    const segment = [...map.segments].reverse().find((candidate) => candidate.from <= col) ;
    if (segment && (col < segment.to || segment === map.segments[map.segments.length - 1])) {
      if (segment.charStart === undefined || !isScalar(segment.node)) return segment.node.range?.[0];
      const offsets = scalarOffsets(segment.node, this.source);
      const index = Math.min(segment.charStart + Math.max(0, col - segment.from), offsets.length - 1);
      return offsets[Math.max(0, index)] ?? segment.node.range?.[0];
    }
    return map.owner?.range?.[0];
  }
}

const offsetCache = new WeakMap<Scalar, number[]>();

/**
 * Where each character of a string value stands in the file: exact for
 * JSON strings, YAML literal blocks (`|`) and plain or quoted one-line
 * values; otherwise every character points at the value's start.
 */
export function scalarOffsets(node: Scalar, source: string): number[] {
  const cached = offsetCache.get(node);
  if (cached) return cached;
  const text = typeof node.value === "string" ? node.value : String(node.source ?? node.value);
  const [start = 0, end = start] = node.range ?? [];
  const raw = source.slice(start, end);
  const offsets = traced(node.type, raw, start, text) ?? Array.from({ length: text.length + 1 }, () => start);
  offsetCache.set(node, offsets);
  return offsets;
}

/** One offset per character of `text`, plus one past its end; undefined when the written form cannot be followed. */
function traced(type: Scalar["type"], raw: string, start: number, text: string): number[] | undefined {
  const offsets: number[] = [];
  if (type === "QUOTE_DOUBLE") {
    for (let i = 1; i < raw.length - 1; i++) {
      offsets.push(start + i);
      if (raw[i] === "\n") return undefined;
      if (raw[i] !== "\\") continue;
      const escape = raw[i + 1];
      if (escape === "u") i += 5;
      else if (escape === "x") i += 3;
      else if (escape === "U") i += 9;
      else i += 1;
    }
  } else if (type === "QUOTE_SINGLE") {
    if (raw.includes("\n")) return undefined;
    for (let i = 1; i < raw.length - 1; i++) {
      offsets.push(start + i);
      if (raw[i] === "'") i += 1;
    }
  } else if (type === "PLAIN") {
    if (raw.includes("\n")) return undefined;
    for (let i = 0; i < text.length; i++) offsets.push(start + i);
  } else if (type === "BLOCK_LITERAL") {
    const lines = raw.split("\n");
    const body = lines.slice(1);
    const indent = Math.min(...body.filter((line) => line.trim() !== "").map((line) => line.length - line.trimStart().length));
    let lineStart = start + (lines[0]?.length ?? 0) + 1;
    for (const line of body) {
      const content = line.slice(Number.isFinite(indent) ? indent : 0);
      const first = lineStart + (line.length - content.length);
      for (let i = 0; i <= content.length; i++) offsets.push(first + i);
      lineStart += line.length + 1;
    }
  } else {
    return undefined;
  }
  // A surrogate pair written as two \u escapes, or a shape not followed above: fall back rather than point wrongly.
  if (offsets.length < text.length) return undefined;
  const trimmed = offsets.slice(0, text.length);
  trimmed.push((offsets[text.length] ?? trimmed[trimmed.length - 1] ?? start) + (offsets[text.length] === undefined ? 1 : 0));
  return trimmed;
}

/** `sections[3].items[1].date`: the innermost value of the file that holds `offset`. */
export function pathAt(root: Node | null | undefined, offset: number): string {
  let path = "";
  let node: unknown = root;
  for (;;) {
    // In YAML a mapping starts where its first key does: a problem placed at its start is the mapping's own.
    if ((isMap(node) || isSeq(node)) && node.range?.[0] === offset) return path;
    if (isMap(node)) {
      const pair = node.items.find((item) => contains(item.key, offset) || contains(item.value, offset));
      if (!pair) return path;
      const key = isScalar(pair.key) ? String(pair.key.value) : "?";
      path += /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path === "" ? "" : "."}${key}` : `[${JSON.stringify(key)}]`;
      if (contains(pair.key, offset)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) return path;
      path += `[${index}]`;
      node = node.items[index];
    } else {
      return path;
    }
  }
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as Node | null | undefined)?.range;
  return range !== undefined && range !== null && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
}

/** Offsets → 1-based line and column, counting columns in characters. */
export function locator(lineCounter: LineCounter): Locate {
  return (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}
