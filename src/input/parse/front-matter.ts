import { closest, didYouMean } from "../../core/suggest.js";
import { readAccent as readAccentColour } from "../../core/colour.js";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit } from "yaml";
import type { Document, Node, Pair, Scalar, YAMLError } from "yaml";
import type { Diagnostics } from "../../core/diagnostics.js";
import type { FrontMatter, SourceArticle } from "../../core/model.js";

/** The front matter fields SPEC.md allows, in the order the docs list them. */
export const FRONT_MATTER_FIELDS = [
  "title",
  "date",
  "subtitle",
  "short_title",
  "presenter",
  "organization",
  "audience",
  "classification",
  "summary",
  "tags",
  "lang",
  "theme",
  "source",
  "agenda",
  "sources",
  "logo",
  "accent",
  "handout-notes",
] as const;

/** What the handout prints beside each slide: speaker notes (and handout text), handout text only, or nothing. */
export const HANDOUT_NOTES = ["speaker", "handout", "none"] as const;

const SOURCE_FIELDS = ["title", "publisher", "author", "url", "date"] as const;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LANG_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const THEME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export interface SplitSource {
  /** The YAML text, without the `---` lines; undefined when the file has no front matter. */
  yaml?: string;
  /** 1-based line of the first YAML line. */
  yamlLine: number;
  /** Everything after the closing `---`. */
  body: string;
  /** 1-based line of the first body line. */
  bodyLine: number;
}

/** Splits `---`-fenced front matter from the Markdown body. */
export function splitFrontMatter(source: string): SplitSource {
  const lines = source.split("\n");
  if (lines[0]?.replace(/\r$/, "").trimEnd() !== "---") {
    return { yamlLine: 1, body: source, bodyLine: 1 };
  }
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? "").replace(/\r$/, "").trimEnd();
    if (line === "---" || line === "...") {
      return {
        yaml: lines.slice(1, i).join("\n"),
        yamlLine: 2,
        body: lines.slice(i + 1).join("\n"),
        bodyLine: i + 2,
      };
    }
  }
  return { yaml: undefined, yamlLine: 1, body: source, bodyLine: 1 };
}

/** True when `value` is a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // A day past its month's end rolls over (2026-02-30 is 2026-03-02): only a real date reads back as written.
  return date.toISOString().slice(0, 10) === value;
}

/**
 * Parses and validates the front matter. Returns undefined when it is
 * unusable; every problem is reported to `diagnostics` with its position.
 */
export function parseFrontMatter(split: SplitSource, diagnostics: Diagnostics, themes?: ReadonlySet<string>): FrontMatter | undefined {
  if (split.yaml === undefined) {
    const opened = split.body.startsWith("---");
    diagnostics.error(
      1,
      1,
      opened
        ? "front matter is not closed: end it with a line holding only ---"
        : "a briefing starts with YAML front matter: put title and date between two --- lines at the top of the file",
    );
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): [number, number] => {
    const pos = lineCounter.linePos(offset);
    return [pos.line + split.yamlLine - 1, pos.col];
  };
  if (doc.errors.length > 0) {
    reportYamlErrors(doc, split.yaml, at, diagnostics);
    return undefined;
  }
  if (!isMap(doc.contents)) {
    diagnostics.error(split.yamlLine - 1, 1, "front matter must be YAML fields, one per line: write title: … and date: … between the --- lines");
    return undefined;
  }

  return readFrontMatter(doc.contents.items, { diagnostics, at, start: [Math.max(1, split.yamlLine - 1), 1], themes });
}

/** Where front matter fields come from: YAML pairs, and how to place their offsets. */
export interface FrontMatterFields {
  diagnostics: Diagnostics;
  /** Offset in the parsed text → line and column in the file. */
  at: Positioner;
  /** Where a missing field is reported. */
  start: [number, number];
  themes?: ReadonlySet<string> | undefined;
  /** Keys read by someone else (a structured briefing's `sections`): not front matter, but not unknown either. */
  otherKeys?: readonly string[];
}

/**
 * Validates front matter fields given as YAML pairs, wherever they were
 * written: between the `---` lines of a Markdown briefing, or at the top
 * level of a JSON or YAML one.
 */
export function readFrontMatter(items: Pair[], where: FrontMatterFields): FrontMatter {
  const { themes } = where;
  const reader = new FieldReader(where.diagnostics, where.at);
  const others = where.otherKeys ?? [];
  const fields = reader.mapFields(items.filter((pair) => !(isScalar(pair.key) && others.includes(String(pair.key.value)))), [...FRONT_MATTER_FIELDS, ...others], others.length > 0 ? "briefing" : "front matter");
  const fmStart = where.start;

  const title = reader.text(fields.get("title"), "title", { required: true, where: fmStart });
  const date = reader.date(fields.get("date"), "date", { required: true, where: fmStart });
  const lang = reader.text(fields.get("lang"), "lang") ?? "en";
  const langNode = fields.get("lang");
  if (langNode && !LANG_PATTERN.test(lang)) {
    reader.report(langNode.value, `lang "${lang}" is not a BCP 47 language tag: use one such as en, tr or az-Latn`);
  }
  const theme = reader.text(fields.get("theme"), "theme") ?? "briefing";
  const themeNode = fields.get("theme");
  if (themeNode && !THEME_PATTERN.test(theme)) {
    reader.report(themeNode.value, `theme "${theme}" is not a theme name: use lowercase letters, digits and -`);
  } else if (themes && !themes.has(theme)) {
    reader.report(themeNode?.value, `theme "${theme}" not found; use one of: ${[...themes].join(", ")}`, fmStart);
  }

  const frontMatter: FrontMatter = {
    title: title ?? "",
    date: date ?? "",
    subtitle: reader.text(fields.get("subtitle"), "subtitle"),
    shortTitle: reader.text(fields.get("short_title"), "short_title"),
    presenter: reader.text(fields.get("presenter"), "presenter"),
    organization: reader.text(fields.get("organization"), "organization"),
    audience: reader.text(fields.get("audience"), "audience"),
    classification: reader.text(fields.get("classification"), "classification"),
    summary: reader.text(fields.get("summary"), "summary"),
    tags: reader.stringList(fields.get("tags"), "tags"),
    lang,
    theme,
    source: reader.sourceArticle(fields.get("source")),
    agenda: reader.boolean(fields.get("agenda"), "agenda"),
    sources: reader.boolean(fields.get("sources"), "sources") ?? true,
    handoutNotes: readHandoutNotes(reader, fields.get("handout-notes")),
    logo: reader.text(fields.get("logo"), "logo"),
    accent: readAccent(reader, fields.get("accent")),
  };
  return dropUndefined(frontMatter);
}

function readAccent(reader: FieldReader, pair: Pair | undefined): string | undefined {
  const value = reader.text(pair, "accent");
  if (value === undefined) return undefined;
  const accent = readAccentColour(value);
  if ("problem" in accent) {
    reader.report(pair?.value, `accent "${value}" ${accent.problem}`);
    return undefined;
  }
  return accent.colour;
}

function readHandoutNotes(reader: FieldReader, pair: Pair | undefined): FrontMatter["handoutNotes"] {
  const value = reader.text(pair, "handout-notes");
  if (value === undefined) return "speaker";
  if ((HANDOUT_NOTES as readonly string[]).includes(value)) return value as FrontMatter["handoutNotes"];
  reader.report(pair?.value, `handout-notes "${value}"${didYouMean(value, HANDOUT_NOTES)} is not one of: ${HANDOUT_NOTES.join(", ")}; use speaker (speaker notes and ::: handout text), handout (::: handout text only) or none`);
  return "speaker";
}

export type Positioner = (offset: number) => [number, number];

/**
 * One error per line (YAML mistakes cascade), placed where the user must
 * act, with a hint for the usual slips: a colon in a value, a lost quote.
 */
function reportYamlErrors(doc: Document, yaml: string, at: Positioner, diagnostics: Diagnostics): void {
  const reportedLines = new Set<number>();
  for (const error of doc.errors) {
    const [line, column] = at(yamlErrorOffset(doc, error, yaml));
    if (reportedLines.has(line)) continue;
    reportedLines.add(line);
    diagnostics.error(line, column, `front matter is not valid YAML: ${describeYamlError(error, yaml)}`);
  }
}

/** A missing closing quote is found at the end of the text; the user needs the opening one. */
function yamlErrorOffset(doc: Document, error: YAMLError, yaml: string): number {
  const offset = error.pos[0];
  // A key given twice is found at the line break before it; the user needs the key's own line.
  if (error.code === "DUPLICATE_KEY") return offset + (/^\s*\n/.exec(yaml.slice(offset))?.[0].length ?? 0);
  if (error.code !== "MISSING_CHAR") return offset;
  let opening = offset;
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
      if (quoted && node.range && node.range[0] <= offset && offset <= node.range[2]) opening = node.range[0];
    },
  });
  return opening;
}

function describeYamlError(error: YAMLError, yaml: string): string {
  const message = firstLine(error.message);
  switch (error.code) {
    case "MISSING_CHAR": {
      const quote = message.includes("'") ? "'" : '"';
      return /quote/i.test(message)
        ? `this quoted value is never closed: add the closing ${quote} at the end of the value`
        : `${message}: add it`;
    }
    case "DUPLICATE_KEY": {
      const line = /^\s*?([ \t]*)([^\s:]+)/.exec(yaml.slice(error.pos[0]));
      // A tab-indented field is read at the top level, where it may repeat a key.
      if (line?.[1]?.includes("\t")) return "a tab is used for indentation: indent with spaces";
      return `field "${line?.[2] ?? "a field"}" is given twice: keep one of them`;
    }
    case "TAB_AS_INDENT":
      return "a tab is used for indentation: indent with spaces";
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return `${message}: put a value that contains ": " in quotes, e.g. title: "COMMENT: …", and check the indentation`;
    default:
      return `${message}: check the quotes, colons and indentation of this line`;
  }
}

/** Reads typed values out of YAML nodes, reporting mistakes at the node. */
class FieldReader {
  constructor(
    private readonly diagnostics: Diagnostics,
    private readonly at: Positioner,
  ) {}

  report(node: unknown, message: string, fallback: [number, number] = [1, 1]): void {
    const range = (node as Node | null | undefined)?.range;
    const [line, column] = range ? this.at(range[0]) : fallback;
    this.diagnostics.error(line, column, message);
  }

  /** Maps allowed keys to their pairs; unknown and non-string keys are errors. */
  mapFields(items: Pair[], allowed: readonly string[], where: string): Map<string, Pair> {
    const fields = new Map<string, Pair>();
    for (const pair of items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !allowed.includes(key)) {
        const suggestion = key ? closest(key, allowed) : undefined;
        this.report(
          pair.key,
          `unknown ${where} field "${key ?? "?"}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; use one of: ${allowed.join(", ")}`,
        );
        continue;
      }
      fields.set(key, pair);
    }
    return fields;
  }

  text(pair: Pair | undefined, name: string, options: { required?: boolean; where?: [number, number] } = {}): string | undefined {
    const value = pair?.value;
    if (value === undefined || value === null || (isScalar(value) && (value.value === null || value.value === ""))) {
      if (options.required) {
        if (pair) this.report(pair.key, `${name} is empty: give the briefing a ${name}`);
        else this.report(undefined, `front matter has no ${name}: add \`${name}: …\``, options.where);
      }
      return undefined;
    }
    if (isScalar(value) && (typeof value.value === "string" || typeof value.value === "number")) {
      const text = this.asWritten(value, name);
      if (text === undefined) return undefined;
      if (text === "" && options.required) this.report(value, `${name} is empty: give the briefing a ${name}`);
      return text === "" ? undefined : text;
    }
    this.report(value, `${name} must be text, not ${describeNode(value)}: write it on one line after ${name}:, in quotes if it holds a colon`);
    return undefined;
  }

  /**
   * A scalar's text. YAML reads `1e999` or a long hex literal as a number whose
   * printed form differs from what was written ("Infinity"); such a number is
   * refused rather than shown changed.
   */
  private asWritten(node: Scalar, name: string): string | undefined {
    if (typeof node.value === "string") return node.value.trim();
    const printed = String(node.value);
    const written = typeof node.source === "string" ? node.source.trim() : printed;
    if (printed !== written) {
      this.report(node, `${name} "${written}" is read as the number ${printed}: put it in quotes to keep it as written, e.g. "${written}"`);
      return undefined;
    }
    return printed;
  }

  date(pair: Pair | undefined, name: string, options: { required?: boolean; where?: [number, number] } = {}): string | undefined {
    const text = this.text(pair, name, options);
    if (text !== undefined && !isIsoDate(text)) {
      this.report(pair?.value, `${name} "${text}" is not a date: write it as YYYY-MM-DD, e.g. 2026-01-08`);
      return undefined;
    }
    return text;
  }

  boolean(pair: Pair | undefined, name: string): boolean | undefined {
    const value = pair?.value;
    if (value === undefined || value === null || (isScalar(value) && value.value === null)) return undefined;
    if (isScalar(value) && typeof value.value === "boolean") return value.value;
    this.report(value, `${name} must be true or false: write ${name}: true or ${name}: false, or leave it out`);
    return undefined;
  }

  stringList(pair: Pair | undefined, name: string): string[] {
    const value = pair?.value;
    if (value === undefined || value === null || (isScalar(value) && value.value === null)) return [];
    if (!isSeq(value)) {
      this.report(value, `${name} must be a list of strings: write ${name}: [security, central-asia]`);
      return [];
    }
    const list: string[] = [];
    for (const item of value.items) {
      if (isScalar(item) && (typeof item.value === "string" || typeof item.value === "number")) {
        const text = this.asWritten(item, `an entry of ${name}`);
        if (text !== undefined) list.push(text);
      } else {
        this.report(item, `every entry of ${name} must be a string: write each as plain text, e.g. - security`);
      }
    }
    return list;
  }

  sourceArticle(pair: Pair | undefined): SourceArticle | undefined {
    const value = pair?.value;
    if (value === undefined || value === null || (isScalar(value) && value.value === null)) return undefined;
    if (!isMap(value)) {
      this.report(value, "source must be a mapping: give it indented fields title, publisher, author, url, date");
      return undefined;
    }
    const fields = this.mapFields(value.items, SOURCE_FIELDS, "source");
    const keyNode = pair?.key;
    const title = this.text(fields.get("title"), "source.title");
    if (title === undefined && !fields.has("title")) this.report(keyNode, "source needs a title: add `title: …` under source");
    const url = this.text(fields.get("url"), "source.url");
    if (url !== undefined && !/^https?:\/\/[^\s]+$/i.test(url)) {
      this.report(fields.get("url")?.value, `source.url "${url}" must be an http(s) address: write the article's web address, https://…`);
    }
    return dropUndefined({
      title: title ?? "",
      publisher: this.text(fields.get("publisher"), "source.publisher"),
      author: this.text(fields.get("author"), "source.author"),
      url: url !== undefined && /^https?:\/\//i.test(url) ? url : undefined,
      date: this.date(fields.get("date"), "source.date"),
    });
  }
}

function describeNode(node: unknown): string {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return typeof node.value;
  return "this";
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

/** Without the keys whose value is undefined, so the model serialises cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
