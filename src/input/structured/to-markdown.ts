import { isMap, isScalar, isSeq } from "yaml";
import type { Node, Pair, Scalar, YAMLMap } from "yaml";
import { closest } from "../../core/suggest.js";
import type { Diagnostics } from "../../core/diagnostics.js";
import { LAYOUTS } from "../../core/model.js";
import type { LayoutName } from "../../core/model.js";
import { MarkdownWriter } from "./source-map.js";
import type { Locate } from "./source-map.js";

/** Top-level keys of a structured briefing besides the front matter fields. */
export const BRIEFING_KEYS = ["$schema", "lede", "footnotes", "sections"] as const;

/** The layout fields of a section, and the layouts that take each. */
export const LAYOUT_FIELDS: Readonly<Record<string, readonly LayoutName[]>> = {
  quote: ["quote"],
  items: ["summary", "timeline", "stats", "sources"],
  columns: ["columns"],
  figure: ["figure"],
  table: ["chart"],
  spec: ["chart"],
};

const SECTION_KEYS = ["heading", "layout", "attributes", "body", "notes", "handout", "footnotes", ...Object.keys(LAYOUT_FIELDS)];
/** The two fields of a timeline or stats item: its bold lead and its text. */
const ITEM_KEYS: Partial<Record<LayoutName, readonly [string, string]>> = { timeline: ["date", "text"], stats: ["figure", "label"] };
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const FOOTNOTE_ID = /^[^\]\s^]+$/;

export interface Written {
  writer: MarkdownWriter;
  /** Lines of the written Markdown that are a section's `##` heading. */
  headingLines: ReadonlySet<number>;
  /** The `sections` entries, in order. */
  sectionNodes: YAMLMap[];
}

/**
 * Writes a structured briefing out as the Markdown body it stands for (the
 * lede, then one `##` section per entry), so that it is read, checked and
 * sanitised by the very code that reads Markdown. What only the structured
 * form can get wrong (a list where text belongs, an unknown key) is
 * reported here, at its place in the file.
 */
export function writeMarkdown(root: YAMLMap, source: string, diagnostics: Diagnostics, locate: Locate): Written {
  const writer = new MarkdownWriter(source);
  const report = (node: unknown, message: string): void => {
    const { line, column } = locate((node as Node | null | undefined)?.range?.[0] ?? root.range?.[0] ?? 0);
    diagnostics.error(line, column, message);
  };
  const fields = new Fields(report);
  const headingLines = new Set<number>();
  const sectionNodes: YAMLMap[] = [];
  const top = pairsOf(root);
  writer.owner = root;

  const lede = fields.text(top.get("lede"), "lede", true);
  if (lede) writer.block(lede.text, lede.node).blank();
  writeFootnotes(writer, top.get("footnotes"), fields);

  const sections = top.get("sections")?.value;
  if (sections !== undefined && sections !== null && !(isScalar(sections) && sections.value === null)) {
    if (!isSeq(sections)) report(sections, 'sections must be a list of slides: write "sections": [{ "heading": "…", "body": "…" }, …]');
    else {
      for (const entry of sections.items) {
        if (!isMap(entry)) {
          report(entry, 'each entry of sections must be an object: { "heading": "…", "layout": "text", "body": "…" }');
          continue;
        }
        sectionNodes.push(entry);
        writer.blank();
        writer.owner = entry;
        headingLines.add(writer.lineCount + 1);
        writeSection(writer, entry, fields, report);
        writer.owner = root;
      }
    }
  }
  return { writer, headingLines, sectionNodes };
}

type Report = (node: unknown, message: string) => void;

function writeSection(writer: MarkdownWriter, entry: YAMLMap, fields: Fields, report: Report): void {
  const pairs = fields.keys(entry, SECTION_KEYS, "section");
  const heading = fields.text(pairs.get("heading"), "heading", false);
  if (!heading) report(pairs.get("heading")?.value ?? entry, 'section has no heading: add "heading": "the slide\'s title"');
  const layoutField = fields.text(pairs.get("layout"), "layout", false);
  const layout = (layoutField?.text ?? "text") as LayoutName;
  const known = (LAYOUTS as readonly string[]).includes(layout);

  writer.raw("## ");
  if (heading) writer.value(heading.text, heading.node, heading.exact ? 0 : undefined);
  else writer.raw("(no heading)");
  writer.raw(" {");
  if (layoutField) writer.value(`layout=${attributeValue(layoutField.text)}`, layoutField.node);
  else writer.raw("layout=text");
  writeAttributes(writer, pairs.get("attributes"), fields, report);
  writer.raw("}").endLine().blank();

  for (const [name, layouts] of Object.entries(LAYOUT_FIELDS)) {
    const pair = pairs.get(name);
    if (pair && known && !layouts.includes(layout)) {
      report(pair.key, `"${name}" belongs to layout ${layouts.join(" or ")}, not ${layout}: set "layout" to ${layouts[0] ?? ""} or write the slide in "body"`);
    }
  }
  const body = fields.text(pairs.get("body"), "body", true);
  // Columns are read from the `###` subheadings down, so the body comes first: the text above the columns.
  if (layout === "columns" && body) writer.block(body.text, body.node, "", "", body.exact).blank();
  if (known) writeLayoutFields(writer, layout, pairs, fields, report);
  if (layout !== "columns" && body) writer.block(body.text, body.node, "", "", body.exact).blank();

  for (const kind of ["notes", "handout"] as const) {
    const text = fields.text(pairs.get(kind), kind, true);
    if (!text) continue;
    writer.value(`::: ${kind}`, text.node).endLine();
    writer.block(text.text, text.node, "", "", text.exact);
    writer.value(":::", text.node).endLine().blank();
  }
  writeFootnotes(writer, pairs.get("footnotes"), fields);
}

/** `"attributes": {"class": "wide", "fragments": true, "chart": "line"}` → ` class=wide fragments chart=line`. */
function writeAttributes(writer: MarkdownWriter, pair: Pair | undefined, fields: Fields, report: Report): void {
  const node = pair?.value;
  if (node === undefined || node === null) return;
  if (!isMap(node)) {
    report(node, 'attributes must be an object: "attributes": { "class": "wide", "fragments": true }');
    return;
  }
  for (const item of node.items) {
    const name = isScalar(item.key) ? String(item.key.value) : "";
    if (!ATTRIBUTE_NAME.test(name)) {
      report(item.key, `attribute name "${name}" is not a name: use letters, digits, - and _`);
      continue;
    }
    if (name === "layout") {
      report(item.key, 'layout is a field of the section, not an attribute: write "layout": "…" beside "heading"');
      continue;
    }
    const values = name === "class" && isSeq(item.value) ? item.value.items : [item.value];
    for (const value of values) {
      if (!isScalar(value) || value.value === null || typeof value.value === "object") {
        report(value ?? item.key, `attribute "${name}" must be text, a number or true/false: write "${name}": "value"`);
        continue;
      }
      if (value.value === false && (name === "fragments" || name === "class")) continue;
      const token = value.value === true ? name : `${name}=${fields.attribute(value, name)}`;
      writer.raw(" ").value(token, value);
    }
  }
}

function writeLayoutFields(writer: MarkdownWriter, layout: LayoutName, pairs: Map<string, Pair>, fields: Fields, report: Report): void {
  const section = writer.owner;
  const within = (node: Node, write: () => void): void => {
    writer.owner = node;
    write();
    writer.owner = section;
  };
  const items = pairs.get("items")?.value;
  if (items !== undefined && items !== null && ["summary", "timeline", "stats", "sources"].includes(layout)) {
    if (!isSeq(items)) report(items, `items must be a list: "items": [${ITEM_KEYS[layout] ? `{ "${ITEM_KEYS[layout]?.[0]}": "…", "${ITEM_KEYS[layout]?.[1]}": "…" }` : '"…"'}, …]`);
    else within(items, () => {
      for (const item of items.items) within(item as Node, () => writeItem(writer, layout, item, fields, report));
      writer.blank();
    });
  }
  const quote = pairs.get("quote")?.value;
  if (isMap(quote) && layout === "quote") {
    within(quote, () => {
      const parts = fields.keys(quote, ["text", "speaker", "role"], "quote");
      const text = fields.text(parts.get("text"), "quote.text", true);
      if (text) writer.block(text.text, text.node, "> ", "> ", text.exact);
      const speaker = fields.text(parts.get("speaker"), "quote.speaker", false);
      const role = fields.text(parts.get("role"), "quote.role", false);
      if (speaker) {
        writer.raw("> — ").value(speaker.text, speaker.node, speaker.exact ? 0 : undefined);
        if (role) writer.raw(", ").value(role.text, role.node, role.exact ? 0 : undefined);
        writer.endLine();
      }
      writer.blank();
    });
  } else if (quote !== undefined && quote !== null && layout === "quote") {
    report(quote, 'quote must be an object: "quote": { "text": "…", "speaker": "…", "role": "…" }');
  }
  const columns = pairs.get("columns")?.value;
  if (columns !== undefined && columns !== null && layout === "columns") {
    if (!isSeq(columns)) report(columns, 'columns must be a list: "columns": [{ "heading": "…", "body": "…" }, …]');
    else for (const column of columns.items) {
      if (!isMap(column)) {
        report(column, 'each column is an object: { "heading": "…", "body": "…" }');
        continue;
      }
      within(column, () => {
        const parts = fields.keys(column, ["heading", "body"], "column");
        const heading = fields.text(parts.get("heading"), "column heading", false);
        writer.raw("### ");
        if (heading) writer.value(heading.text, heading.node, heading.exact ? 0 : undefined);
        else report(column, 'column has no heading: add "heading": "…"');
        writer.endLine().blank();
        const body = fields.text(parts.get("body"), "column body", true);
        if (body) writer.block(body.text, body.node, "", "", body.exact).blank();
      });
    }
  }
  const figure = pairs.get("figure")?.value;
  if (figure !== undefined && figure !== null && layout === "figure") {
    if (!isMap(figure)) report(figure, 'figure must be an object: "figure": { "path": "images/map.png", "alt": "…", "caption": "…" }');
    else within(figure, () => writeFigure(writer, figure, fields, report));
  }
  const table = pairs.get("table")?.value;
  if (table !== undefined && table !== null && layout === "chart") {
    if (!isMap(table)) report(table, 'table must be an object: "table": { "columns": ["Year", "Exports"], "rows": [["2020", 12.5], …] }');
    else within(table, () => writeTable(writer, table, fields, report));
  }
  const spec = pairs.get("spec")?.value;
  if (spec !== undefined && spec !== null && layout === "chart") {
    within(spec as Node, () => {
      writer.value("```vega-lite", spec as Node).endLine();
      for (const line of JSON.stringify((spec as Node).toJSON(), null, 2).split("\n")) writer.value(line, spec as Node).endLine();
      writer.value("```", spec as Node).endLine().blank();
    });
  }
}

/** `- text`, `- **2021** text` or `- **6** label`: the Markdown list item a layout reads. */
function writeItem(writer: MarkdownWriter, layout: LayoutName, item: unknown, fields: Fields, report: Report): void {
  const keys = ITEM_KEYS[layout];
  if (!keys) {
    const text = isScalar(item) ? fields.text({ value: item } as Pair, "item", true) : undefined;
    if (!text) {
      report(item, `each item of a ${layout} layout is text: "items": ["first point", "second point"]`);
      return;
    }
    writer.block(text.text, text.node, "  ", "- ", text.exact);
    return;
  }
  if (!isMap(item)) {
    report(item, `each ${layout} item is an object: { "${keys[0]}": "…", "${keys[1]}": "…" }`);
    return;
  }
  const parts = fields.keys(item, keys, `${layout} item`);
  const lead = fields.text(parts.get(keys[0]), keys[0], false);
  const text = fields.text(parts.get(keys[1]), keys[1], true);
  writer.raw("- ");
  // Without its lead, the item is written as it stands, and the Markdown reader says what it misses.
  if (lead) writer.raw("**").value(lead.text, lead.node, lead.exact ? 0 : undefined).raw("** ");
  if (text) writer.block(text.text, text.node, "  ", "", text.exact);
  else writer.endLine();
}

function writeFigure(writer: MarkdownWriter, figure: YAMLMap, fields: Fields, report: Report): void {
  const parts = fields.keys(figure, ["path", "alt", "caption"], "figure");
  const path = fields.text(parts.get("path"), "figure.path", false);
  const alt = fields.text(parts.get("alt"), "figure.alt", false);
  const caption = fields.text(parts.get("caption"), "figure.caption", false);
  if (!path) {
    report(parts.get("path")?.value ?? figure, 'figure has no path: add "path": "images/file.png", relative to the briefing');
    return;
  }
  if (/[<>]/.test(path.text)) {
    report(path.node, `figure.path "${path.text}" holds < or >: rename the file`);
    return;
  }
  // The image is placed at its path: problems with it (a remote or missing file, no alt text) are reported there.
  writer.value("![", path.node);
  if (alt) writer.value(alt.text.replace(/([\\[\]])/g, "\\$1"), alt.node, alt.exact && !/[\\[\]]/.test(alt.text) ? 0 : undefined);
  writer.raw("](<").value(path.text, path.node, path.exact ? 0 : undefined).raw(">");
  if (caption) writer.raw(' "').value(caption.text.replace(/(["\\])/g, "\\$1"), caption.node, caption.exact && !/["\\]/.test(caption.text) ? 0 : undefined).raw('"');
  writer.raw(")").endLine().blank();
}

/** `{"columns": ["Year", "Exports"], "rows": [["2020", 12.5]]}` → a Markdown table, each cell traced to its value. */
function writeTable(writer: MarkdownWriter, table: YAMLMap, fields: Fields, report: Report): void {
  const parts = fields.keys(table, ["columns", "rows"], "table");
  const header = parts.get("columns")?.value;
  const rows = parts.get("rows")?.value;
  if (!isSeq(header) || !isSeq(rows)) {
    report(isSeq(header) ? (rows ?? table) : (header ?? table), 'a table has "columns", a list of headers, and "rows", a list of lists of cells');
    return;
  }
  const writeRow = (cells: unknown[]): void => {
    writer.raw("|");
    for (const cell of cells) {
      writer.raw(" ");
      const text = isScalar(cell) && cell.value === null ? { text: "", node: cell, exact: true } : fields.text({ value: cell } as Pair, "a table cell", false);
      if (text) writer.value(text.text.replace(/\|/g, "\\|"), text.node, text.exact && !text.text.includes("|") ? 0 : undefined);
      writer.raw(" |");
    }
    writer.endLine();
  };
  writeRow(header.items);
  writer.value(`|${header.items.map(() => " --- |").join("")}`, header).endLine();
  for (const row of rows.items) {
    if (!isSeq(row)) report(row, "each row of a table is a list of cells: [\"2020\", 12.5]");
    else writeRow(row.items);
  }
  writer.blank();
}

/** `"footnotes": {"imf": "IMF, World Economic Outlook, 2025."}` → `[^imf]: …` definitions. */
function writeFootnotes(writer: MarkdownWriter, pair: Pair | undefined, fields: Fields): void {
  const node = pair?.value;
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) {
    fields.report(node, 'footnotes must be an object of labels and texts: "footnotes": { "imf": "IMF, World Economic Outlook, 2025." }');
    return;
  }
  for (const item of node.items) {
    const id = isScalar(item.key) ? String(item.key.value) : "";
    if (!FOOTNOTE_ID.test(id)) {
      fields.report(item.key, `footnote label "${id}" cannot be cited as [^${id}]: use letters, digits and -, without spaces`);
      continue;
    }
    const text = fields.text(item, `footnote ${id}`, true);
    if (text) writer.blank().block(text.text, text.node, "    ", `[^${id}]: `, text.exact).blank();
  }
}

interface Text {
  text: string;
  node: Scalar;
  /** False when the text had to be changed (line endings) so characters no longer line up with the file. */
  exact: boolean;
}

/** Reads typed values, reporting a wrong type at the value. */
class Fields {
  constructor(readonly report: Report) {}

  /** The section's (or part's) keys; unknown ones are reported, with the nearest known one. */
  keys(map: YAMLMap, allowed: readonly string[], what: string): Map<string, Pair> {
    const found = new Map<string, Pair>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (allowed.includes(key)) {
        found.set(key, pair);
        continue;
      }
      const near = closest(key, allowed);
      this.report(pair.key, `unknown ${what} field "${key}"${near ? ` (did you mean "${near}"?)` : ""}; use one of: ${allowed.join(", ")}`);
    }
    return found;
  }

  text(pair: Pair | undefined, name: string, multiline: boolean): Text | undefined {
    const node = pair?.value;
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return undefined;
    if (!isScalar(node) || (typeof node.value !== "string" && typeof node.value !== "number")) {
      this.report(node, `${name} must be ${multiline ? "Markdown text" : "text"}, not ${isMap(node) ? "an object" : isSeq(node) ? "a list" : typeof (node as Scalar).value}: write it in quotes`);
      return undefined;
    }
    // A number keeps the form it was written in: 12.50, not 12.5.
    const written = typeof node.value === "string" ? node.value : String(node.source ?? node.value);
    const text = written.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD");
    if (!multiline && text.includes("\n")) {
      this.report(node, `${name} must be one line: remove the line breaks`);
      return undefined;
    }
    return { text, node, exact: text === written };
  }

  /** An attribute's value as the heading reader takes it: bare, or in the quotes it does not hold. */
  attribute(node: Scalar, name: string): string {
    const text = typeof node.value === "string" ? node.value : String(node.source ?? node.value);
    if (/[{}\n]/.test(text)) {
      this.report(node, `attribute "${name}" cannot hold {, } or a line break: remove them`);
      return '""';
    }
    return attributeValue(text);
  }
}

function attributeValue(text: string): string {
  if (text !== "" && !/[\s"']/.test(text)) return text;
  return text.includes('"') ? `'${text}'` : `"${text}"`;
}

function pairsOf(map: YAMLMap): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  for (const pair of map.items) if (isScalar(pair.key)) pairs.set(String(pair.key.value), pair);
  return pairs;
}
