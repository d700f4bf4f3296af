import { isScalar, parseDocument } from "yaml";
import { Diagnostics } from "../../core/diagnostics.js";
import { splitFrontMatter } from "../parse/front-matter.js";
import { splitSections } from "../parse/sections.js";
import type { RawSection } from "../parse/sections.js";
import { readStructured } from "./document.js";
import type { StructuredFormat } from "./document.js";
import { locator } from "./source-map.js";
import { BRIEFING_KEYS, writeMarkdown } from "./to-markdown.js";

/** A briefing in the structured form: front matter fields, then `lede`, `footnotes` and `sections`. */
export type StructuredBriefing = Record<string, unknown> & { sections: StructuredSection[] };

export interface StructuredSection {
  heading: string;
  layout?: string;
  attributes?: Record<string, string | boolean | string[]>;
  body?: string;
  notes?: string;
  handout?: string;
  footnotes?: Record<string, string>;
}

/**
 * Any briefing as the structured form that reads back to the same model:
 * each section's Markdown as its `body`. Meant for briefings already read
 * without errors; what cannot be read is left out rather than reported.
 */
export function toStructured(source: string, format: "markdown" | StructuredFormat): StructuredBriefing {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (format === "markdown") {
    const split = splitFrontMatter(text);
    const front = parseDocument(split.yaml ?? "").toJS() as unknown;
    return fromBody(typeof front === "object" && front !== null ? (front as Record<string, unknown>) : {}, split.body);
  }
  const ignored = new Diagnostics("");
  const doc = readStructured(text, format, ignored);
  if (!doc) return { sections: [] };
  const front: Record<string, unknown> = {};
  for (const pair of doc.root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!(BRIEFING_KEYS as readonly string[]).includes(key)) front[key] = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
  }
  return fromBody(front, writeMarkdown(doc.root, text, ignored, locator(doc.lineCounter)).writer.markdown);
}

function fromBody(front: Record<string, unknown>, body: string): StructuredBriefing {
  const split = splitSections(body, 1, new Diagnostics(""));
  const sections = split.sections.map(toSection);
  const topFootnotes: Record<string, string> = {};
  for (const [id, definition] of split.footnotes) {
    // A definition belongs to the section it was written in; those above the first section, to the briefing.
    const owner = split.sections.findIndex((section) => section.line <= definition.line && definition.line <= section.endLine);
    const target = owner < 0 ? topFootnotes : ((sections[owner] as StructuredSection).footnotes ??= {});
    target[id] = definition.markdown;
  }
  const lede = trimBlank(split.lede);
  return {
    ...front,
    ...(lede === "" ? {} : { lede }),
    ...(Object.keys(topFootnotes).length === 0 ? {} : { footnotes: topFootnotes }),
    sections,
  };
}

function toSection(raw: RawSection): StructuredSection {
  const attributes: Record<string, string | boolean | string[]> = {};
  if (raw.classes.length > 0) attributes.class = raw.classes.length === 1 ? (raw.classes[0] ?? "") : raw.classes;
  if (raw.fragments) attributes.fragments = true;
  for (const [name, option] of raw.options) attributes[name] = option.bare ? true : option.value;
  const body = trimBlank(raw.body);
  const notes = trimBlank(raw.notes);
  const handout = trimBlank(raw.handout);
  return {
    heading: raw.heading,
    ...(raw.layout === "text" ? {} : { layout: raw.layout }),
    ...(Object.keys(attributes).length === 0 ? {} : { attributes }),
    ...(body === "" ? {} : { body }),
    ...(notes === "" ? {} : { notes }),
    ...(handout === "" ? {} : { handout }),
  };
}

/** Without the blank lines that held notes and footnotes in place; indentation of the first line is kept. */
function trimBlank(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, "").trimEnd();
}
