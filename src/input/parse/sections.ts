import { closest, didYouMean } from "../../core/suggest.js";
import type { Diagnostics } from "../../core/diagnostics.js";
import { LAYOUTS } from "../../core/model.js";
import type { LayoutName } from "../../core/model.js";
import { LineLimits } from "./limits.js";

/** A section as cut out of the Markdown, before its body is interpreted. */
export interface RawSection {
  heading: string;
  /** Column where the heading's text starts, so problems in it are placed exactly. */
  headingColumn: number;
  layout: LayoutName;
  fragments: boolean;
  classes: string[];
  /** Attributes only one layout reads (`chart=line unit="US$ bn"`), by name, with the column they start at. */
  options: Map<string, LayoutOption>;
  line: number;
  /** The body, with notes and footnote definitions blanked out so line numbers hold. */
  body: string;
  bodyLine: number;
  /** The notes' Markdown (all `::: notes` blocks of the section, joined). */
  notes: string;
  notesLine: number;
  /** The handout-only Markdown (all `::: handout` blocks, joined), and the line of the first. */
  handout: string;
  handoutLine: number;
  endLine: number;
}

/** A layout-specific heading attribute: `unit="US$ bn"` → value `US$ bn`. */
export interface LayoutOption {
  value: string;
  /** True for a bare name (`labels`), false for `name=value`. */
  bare: boolean;
  column: number;
}

/** Heading attributes that belong to one layout, and that layout. */
const LAYOUT_OPTIONS: ReadonlyMap<string, LayoutName> = new Map([
  ["chart", "chart"], ["unit", "chart"], ["title", "chart"], ["highlight", "chart"], ["labels", "chart"], ["start", "chart"], ["data", "chart"],
] as const);

export interface FootnoteDefinition {
  markdown: string;
  line: number;
  /** Column where the text starts after `[^id]: `. */
  column: number;
}

export interface SplitBody {
  lede: string;
  ledeLine: number;
  sections: RawSection[];
  footnotes: Map<string, FootnoteDefinition>;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const H1 = /^ {0,3}#(?:[ \t]+|$)/;
const H2 = /^ {0,3}##(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$/;
/** `::: notes` (speaker notes) and `::: handout` (text for the handout only). */
const BLOCK_OPEN = /^ {0,3}:::[ \t]*(notes|handout)[ \t]*$/;
type BlockKind = "notes" | "handout";
const CONTAINER_OPEN = /^ {0,3}:::[ \t]*(\S.*)$/;
const CONTAINER_CLOSE = /^ {0,3}:::[ \t]*$/;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$/;
const CLASS_NAME = /^-?[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Cuts the body into the lede and `##` sections, lifting out speaker notes
 * and footnote definitions. Code fences are respected: a `##` inside one is text.
 */
export function splitSections(body: string, firstLine: number, diagnostics: Diagnostics): SplitBody {
  const lines = body.split("\n").map((line) => line.replace(/\r$/, ""));
  const footnotes = new Map<string, FootnoteDefinition>();
  const sections: RawSection[] = [];
  const lede: string[] = [];
  let current: { section: RawSection; lines: string[]; notes: string[]; handout: string[] } | undefined;
  let fence: string | undefined;
  let notesOpenedAt: number | undefined;
  let openKind: BlockKind = "notes";
  // An unknown `::: name` block was reported; its closing `:::` is not a second mistake.
  let unknownBlockOpen = false;
  let footnote: { id: string; lines: string[]; line: number; column: number } | undefined;
  // Consecutive lines over a limit get one error, at the first of them.
  let overLimit = false;
  const limits = new LineLimits();

  const finishFootnote = (): void => {
    if (!footnote) return;
    if (footnotes.has(footnote.id)) {
      diagnostics.error(footnote.line, 1, `footnote [^${footnote.id}] is defined twice; give each footnote its own label`);
    } else {
      // Only the end is trimmed, so that the text keeps its line numbers.
      footnotes.set(footnote.id, { markdown: footnote.lines.join("\n").trimEnd(), line: footnote.line, column: footnote.column });
    }
    footnote = undefined;
  };
  const finishSection = (endLine: number): void => {
    if (!current) return;
    current.section.body = current.lines.join("\n");
    // Only the end is trimmed: leading blank lines keep the notes' line numbers true.
    current.section.notes = current.notes.join("\n").trimEnd();
    current.section.handout = current.handout.join("\n").trimEnd();
    current.section.endLine = endLine;
    sections.push(current.section);
    current = undefined;
  };
  const keep = (text: string): void => {
    (current ? current.lines : lede).push(text);
  };

  for (let index = 0; index < lines.length; index++) {
    let text = lines[index] ?? "";
    const lineNumber = firstLine + index;
    const limit = limits.problem(text, fence !== undefined);
    if (limit !== undefined) {
      if (!overLimit) diagnostics.error(lineNumber, 1, limit);
      // Read as a blank line, so that marked never sees it and the line numbers below hold.
      text = "";
    }
    overLimit = limit !== undefined;

    if (footnote) {
      if (/^( {4}|\t)/.test(text) || (text.trim() === "" && /^( {4}|\t)/.test(lines[index + 1] ?? ""))) {
        footnote.lines.push(text.replace(/^( {4}|\t)/, ""));
        keep("");
        continue;
      }
      finishFootnote();
    }

    if (notesOpenedAt !== undefined) {
      if (fence === undefined && CONTAINER_CLOSE.test(text)) {
        notesOpenedAt = undefined;
      } else {
        current?.[openKind].push(text);
        if (fence === undefined) fence = FENCE.exec(text)?.[1];
        else if (closesFence(text, fence)) fence = undefined;
      }
      keep("");
      continue;
    }

    const fenceMatch = FENCE.exec(text);
    if (fence !== undefined) {
      if (closesFence(text, fence)) fence = undefined;
      keep(text);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      keep(text);
      continue;
    }

    const h2 = H2.exec(text);
    if (h2) {
      finishSection(lineNumber - 1);
      const section = parseHeading(h2[1] ?? "", lineNumber, text, diagnostics);
      current = { section, lines: [], notes: [], handout: [] };
      section.bodyLine = lineNumber + 1;
      unknownBlockOpen = false;
      continue;
    }
    if (H1.test(text)) {
      diagnostics.error(
        lineNumber,
        text.indexOf("#") + 1,
        "a # heading is not allowed: the title comes from the front matter; start sections with ##",
      );
      keep("");
      continue;
    }
    const block = BLOCK_OPEN.exec(text);
    if (block) {
      const kind = block[1] as BlockKind;
      const lineKey = kind === "notes" ? "notesLine" : "handoutLine";
      if (!current) {
        const what = kind === "notes" ? "speaker notes belong" : "handout text belongs";
        diagnostics.error(lineNumber, 1, `${what} to a section: move this ::: ${kind} block below a ## heading`);
      } else if (current[kind].length === 0) {
        current.section[lineKey] = lineNumber;
      } else {
        // A later block: blank lines for what lies between, so its lines keep their numbers
        // and its first paragraph does not run into the previous block's last one.
        while (current[kind].length < lineNumber - current.section[lineKey]) current[kind].push("");
      }
      openKind = kind;
      notesOpenedAt = lineNumber;
      keep("");
      continue;
    }
    const container = CONTAINER_OPEN.exec(text);
    if (container) {
      diagnostics.error(lineNumber, text.indexOf(":::") + 1, `unknown block "::: ${container[1]}"${didYouMean(container[1] ?? "", ["notes", "handout"])}: only "::: notes" and "::: handout" are supported; use ::: notes for speaker notes, ::: handout for text only the handout shows, or remove the ::: lines`);
      unknownBlockOpen = true;
      keep("");
      continue;
    }
    if (CONTAINER_CLOSE.test(text) && unknownBlockOpen) {
      unknownBlockOpen = false;
      keep("");
      continue;
    }
    if (CONTAINER_CLOSE.test(text)) {
      diagnostics.error(lineNumber, text.indexOf(":::") + 1, "::: closes no block: open speaker notes with \"::: notes\"");
      keep("");
      continue;
    }
    const definition = FOOTNOTE_DEFINITION.exec(text);
    if (definition) {
      const firstText = definition[2] ?? "";
      footnote = { id: definition[1] ?? "", lines: [firstText], line: lineNumber, column: definition[0].length - firstText.length + 1 };
      keep("");
      continue;
    }
    keep(text);
  }
  finishFootnote();
  if (notesOpenedAt !== undefined) {
    diagnostics.error(notesOpenedAt, 1, `::: ${openKind} is never closed: end the ${openKind === "notes" ? "notes" : "handout text"} with a line holding only :::`);
  }
  finishSection(firstLine + lines.length - 1);
  return { lede: lede.join("\n"), ledeLine: firstLine, sections, footnotes };
}

/** A line that closes `fence`: the same mark, at least as many, and nothing else (an info string opens, never closes). */
function closesFence(text: string, fence: string): boolean {
  const mark = FENCE.exec(text)?.[1];
  return mark !== undefined && mark[0] === fence[0] && mark.length >= fence.length && text.trim().replace(/[`~]/g, "") === "";
}

/** Parses `Heading text {layout=quote fragments class=wide}`. */
function parseHeading(content: string, line: number, rawLine: string, diagnostics: Diagnostics): RawSection {
  const section: RawSection = {
    heading: content.trim(),
    headingColumn: 1,
    layout: "text",
    fragments: false,
    classes: [],
    options: new Map(),
    line,
    body: "",
    bodyLine: line + 1,
    notes: "",
    notesLine: line,
    handout: "",
    handoutLine: line,
    endLine: line,
  };
  const attributeMatch = /\{([^{}]*)\}\s*$/.exec(content);
  if (attributeMatch) {
    section.heading = content.slice(0, attributeMatch.index).trim();
    const braceColumn = rawLine.lastIndexOf("{") + 1;
    // A quoted value may hold spaces: unit="US$ bn".
    for (const match of (attributeMatch[1] ?? "").matchAll(/[^\s=]+=(?:"[^"]*"|'[^']*'|\S*)|\S+/g)) {
      applyAttribute(section, match[0], line, braceColumn + 1 + match.index, diagnostics);
    }
    reportMisplacedOptions(section, line, diagnostics);
  }
  if (section.heading === "") {
    diagnostics.error(line, 1, "section heading is empty: write the slide's title after ##");
  } else {
    section.headingColumn = Math.max(0, rawLine.indexOf(section.heading)) + 1;
  }
  return section;
}

function applyAttribute(section: RawSection, token: string, line: number, column: number, diagnostics: Diagnostics): void {
  const [name, ...rest] = token.split("=");
  const value = rest.join("=").replace(/^["']|["']$/g, "");
  if (token.startsWith(".") && CLASS_NAME.test(token.slice(1))) {
    section.classes.push(token.slice(1));
  } else if (name === "layout" && rest.length > 0) {
    if ((LAYOUTS as readonly string[]).includes(value)) section.layout = value as LayoutName;
    else diagnostics.error(line, column, `unknown layout "${value}"${didYouMean(value, LAYOUTS)}; use one of: ${LAYOUTS.join(", ")}`);
  } else if (name !== undefined && LAYOUT_OPTIONS.has(name)) {
    section.options.set(name, { value, bare: rest.length === 0, column });
  } else if (name === "fragments" && rest.length === 0) {
    section.fragments = true;
  } else if (name === "class" && rest.length > 0) {
    if (CLASS_NAME.test(value)) section.classes.push(value);
    else diagnostics.error(line, column, `class "${value}" is not a CSS class name: use letters, digits, - and _`);
  } else {
    const near = rest.length > 0 ? closest(name ?? "", ["layout", "class"]) : closest(token, ["fragments"], 3);
    const hint = near === undefined ? "" : ` (did you mean "${rest.length > 0 ? `${near}=${rest.join("=")}` : near}"?)`;
    diagnostics.error(line, column, `unknown attribute "${token}"${hint}; use layout=NAME, fragments or class=NAME`);
  }
}

/** `unit=…` on a text section is a mistake, not something to ignore. */
function reportMisplacedOptions(section: RawSection, line: number, diagnostics: Diagnostics): void {
  for (const [name, option] of section.options) {
    const layout = LAYOUT_OPTIONS.get(name);
    if (layout !== undefined && layout !== section.layout) {
      diagnostics.error(line, option.column, `attribute "${name}" belongs to layout=${layout}: add layout=${layout} or remove it`);
    }
  }
}
