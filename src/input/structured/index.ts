import { Diagnostics } from "../../core/diagnostics.js";
import type { Diagnostic } from "../../core/diagnostics.js";
import type { Briefing, SourcePosition } from "../../core/model.js";
import { isScalar } from "yaml";
import type { Node, YAMLMap } from "yaml";
import { readFrontMatter } from "../parse/front-matter.js";
import { applyBranding, assembleBriefing, finishParse, readLogo } from "../parse/index.js";
import type { ParseInput, ParseResult } from "../parse/index.js";
import { sourceLimitProblem } from "../parse/limits.js";
import { readStructured } from "./document.js";
import type { StructuredFormat } from "./document.js";
import { locator, pathAt } from "./source-map.js";
import type { Locate } from "./source-map.js";
import { BRIEFING_KEYS, writeMarkdown } from "./to-markdown.js";
import type { Written } from "./to-markdown.js";

/**
 * A JSON or YAML briefing in, the same model as its Markdown form out:
 * its front matter fields are read by the front matter reader, its
 * sections are written out as Markdown and read by the Markdown reader, so
 * the two forms share every check, limit and sanitiser. Every problem is
 * reported at its place in the file, after the path of the value it is in
 * (`sections[3].items[1].date: …`).
 */
export function parseStructured(input: ParseInput, format: StructuredFormat): ParseResult {
  const fileDiagnostics = new Diagnostics(input.file);
  const tooLarge = sourceLimitProblem(input.source);
  if (tooLarge !== undefined) {
    fileDiagnostics.error(1, 1, tooLarge);
    return { diagnostics: fileDiagnostics.items, images: [] };
  }
  const text = input.source.replace(/^\uFEFF/, "");
  const doc = readStructured(text, format, fileDiagnostics);
  if (!doc) return finishParse({ images: [] }, fileDiagnostics.items);
  const locate = locator(doc.lineCounter);
  const at = (offset: number): [number, number] => {
    const { line, column } = locate(offset);
    return [line, column];
  };
  const meta = readFrontMatter(doc.root.items, { diagnostics: fileDiagnostics, at, start: [1, 1], themes: input.themes, otherKeys: BRIEFING_KEYS });
  const logoNode = doc.root.items.find((pair) => isScalar(pair.key) && pair.key.value === "logo")?.value as Node | undefined;
  const logo = meta.logo === undefined ? undefined : readLogo(meta.logo, { file: input.file, ...locate(logoNode?.range?.[0] ?? 0) }, input.baseDir, fileDiagnostics);
  // Already a place in the file, unlike the positions the Markdown reader gives.
  if (logo) movedPositions.add(logo.position);
  applyBranding(meta, input.branding);
  const written = writeMarkdown(doc.root, text, fileDiagnostics, locate);

  const bodyDiagnostics = new Diagnostics(input.file);
  const assembled = assembleBriefing({
    input, meta, logo, body: written.writer.markdown, bodyLine: 1, diagnostics: bodyDiagnostics,
    checkSections: (sections) => {
      for (const section of sections) {
        if (!written.headingLines.has(section.line)) {
          bodyDiagnostics.error(section.line, 1, 'a "## " line in a text value starts a new slide: put each slide in "sections" of its own, or use ### for a subheading');
        }
      }
    },
  });
  bodyDiagnostics.summariseDropped();

  const place = (line: number, column: number): { line: number; column: number } => locate(written.writer.offsetOf(line, column) ?? doc.root.range?.[0] ?? 0);
  const moved = bodyDiagnostics.items.map((d) => ({ ...d, ...place(d.line, d.column) }));
  const items = [...fileDiagnostics.items, ...moved].map((d) => withPath(d, doc.root, doc.lineCounter));
  for (const image of assembled.images) movePosition(image.position, place);
  if (assembled.briefing) moveModel(assembled.briefing, written, place, locate);
  return finishParse(assembled, items);
}

/** `sections[2].heading: …`: the message begins with the path of the value the problem is in. */
function withPath(d: Diagnostic, root: YAMLMap, lineCounter: { lineStarts: number[] }): Diagnostic {
  const offset = (lineCounter.lineStarts[d.line - 1] ?? 0) + d.column - 1;
  const path = pathAt(root, offset);
  return path === "" ? d : { ...d, message: `${path}: ${d.message}` };
}

type Place = (line: number, column: number) => { line: number; column: number };

/**
 * The model's lines and positions, which the reader took in the written
 * Markdown, moved to the file: messages after parsing (fitting, missing
 * images, charts) then point at the JSON or YAML too.
 */
function moveModel(briefing: Briefing, written: Written, place: Place, locate: Locate): void {
  const seen = new WeakSet<object>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value !== "object" || value === null || seen.has(value) || key === "spec") return;
    seen.add(value);
    if (key === "position") {
      movePosition(value as SourcePosition, place);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const [name, inner] of Object.entries(record)) {
      if (name === "line" && typeof inner === "number" && inner > 0) record[name] = place(inner, 1).line;
      else visit(inner, name);
    }
  };
  // Images are moved already; a section takes the place of its entry, from its first line to its last.
  for (const image of briefing.images) seen.add(image);
  if (briefing.logo) seen.add(briefing.logo);
  for (const [index, section] of briefing.sections.entries()) {
    const node = written.sectionNodes[index];
    const range = node?.range;
    if (range) {
      section.position = { ...section.position, ...locate(range[0]) };
      section.endLine = locate(Math.max(range[0], range[1] - 1)).line;
    }
    visit(section.content, "content");
    for (const footnote of section.footnotes) visit(footnote, "footnote");
  }
}

const movedPositions = new WeakSet<SourcePosition>();

function movePosition(position: SourcePosition, place: Place): void {
  if (movedPositions.has(position)) return;
  movedPositions.add(position);
  Object.assign(position, place(position.line, position.column));
}

export type { StructuredFormat } from "./document.js";
