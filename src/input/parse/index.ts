import { Diagnostics, sortDiagnostics } from "../../core/diagnostics.js";
import type { Diagnostic } from "../../core/diagnostics.js";
import type { Briefing, FrontMatter, ImageRef, ProjectBranding, Section, SourceArticle, SourceEntry, SourcePosition } from "../../core/model.js";
import { parseFrontMatter, splitFrontMatter } from "./front-matter.js";
import { readLayout } from "./layouts.js";
import { markupOf } from "./html-tokens.js";
import { MarkdownRenderer, plainText } from "./markdown.js";
import type { CitedLink } from "./markdown.js";
import { cleanHtml } from "./sanitize.js";
import { formatDate } from "../../core/locale.js";
import { MAX_SLIDES, sourceLimitProblem, tooManySlides } from "./limits.js";
import { splitSections } from "./sections.js";
import { resolveImagePath } from "./images.js";
import type { SplitSource } from "./front-matter.js";
import { withoutFootnoteRefs } from "./footnote-ref.js";
import type { RawSection } from "./sections.js";
import { escapeHtml } from "../../core/html.js";
import { sameSourceKey, slugify } from "./identifiers.js";

export interface ParseInput {
  /** The Markdown text. */
  source: string;
  /** The file as shown in messages, e.g. `content/ots.md`. */
  file: string;
  slug: string;
  /** POSIX folder inside the content folder that relative image paths start from ("" for the root). */
  baseDir: string;
  /** Theme names that exist; when given, an unknown `theme` is an error. */
  themes?: ReadonlySet<string>;
  /** The project's `logo` and `accent`, for a briefing whose front matter gives none. */
  branding?: ProjectBranding;
}

export interface ParseResult {
  /** Undefined when the content has errors. */
  briefing?: Briefing;
  diagnostics: Diagnostic[];
  /** The images referred to, even when the content has errors: their checks belong to the same run. */
  images: ImageRef[];
  /**
   * When the content has errors but its front matter could be read: the
   * model as far as it goes, never to be published, only laid out so that
   * fitting problems are reported in the same run as the others.
   */
  draft?: Briefing;
}

/** Sections at or above this count get an agenda slide unless `agenda` says otherwise. */
export const AGENDA_THRESHOLD = 5;

/**
 * Markdown in, model out. Pure: touches neither the file system nor a
 * browser; every problem found is returned, not thrown.
 */
export function parseBriefing(input: ParseInput): ParseResult {
  const diagnostics = new Diagnostics(input.file);
  const tooLarge = sourceLimitProblem(input.source);
  if (tooLarge !== undefined) {
    diagnostics.error(1, 1, tooLarge);
    return { diagnostics: diagnostics.items, images: [] };
  }
  // One line ending for everything below: a CR left at the end of the YAML would end up in its last value.
  const source = input.source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD");
  const split = splitFrontMatter(source);
  const meta = parseFrontMatter(split, diagnostics, input.themes);
  const logo = meta?.logo === undefined ? undefined : readLogo(meta.logo, logoPosition(split, input.file), input.baseDir, diagnostics);
  applyBranding(meta, input.branding);
  const assembled = assembleBriefing({ input, meta, logo, body: split.body, bodyLine: split.bodyLine, diagnostics });
  diagnostics.summariseDropped();
  return finishParse(assembled, diagnostics.items);
}

/** What the body of a briefing needs, however its front matter was written. */
export interface BodySource {
  input: ParseInput;
  /** Undefined when the front matter could not be read (its errors are reported). */
  meta: FrontMatter | undefined;
  logo: ImageRef | undefined;
  /** The Markdown after the front matter: the lede, then `##` sections. */
  body: string;
  bodyLine: number;
  diagnostics: Diagnostics;
  /** Sees the sections as cut out, before they are read (a structured briefing checks that none was added by a body). */
  checkSections?: (sections: readonly RawSection[]) => void;
}

export interface Assembled {
  /** Undefined when the front matter could not be read. */
  briefing?: Briefing;
  images: ImageRef[];
}

/** The lede, the sections and the sources of a briefing, read into the model. */
export function assembleBriefing(from: BodySource): Assembled {
  const { input, meta, diagnostics } = from;
  const body = splitSections(from.body, from.bodyLine, diagnostics);
  from.checkSections?.(body.sections);
  // Besides its sections a deck has a title slide, an agenda and a sources slide (counted whenever they may appear).
  // Sections past the limit are not read.
  const generatedSlides = 1 + (meta?.agenda === false ? 0 : 1) + (meta?.sources === false ? 0 : 1);
  const crossing = body.sections[MAX_SLIDES - generatedSlides];
  if (crossing) {
    diagnostics.error(crossing.line, 1, tooManySlides(body.sections.length + generatedSlides));
    body.sections.length = MAX_SLIDES - generatedSlides;
  }
  // The briefed article is entry 1 of the sources slide; source footnotes follow it.
  const markdown = new MarkdownRenderer(diagnostics, input.baseDir, body.footnotes, meta?.source ? 2 : 1);
  // The front matter's logo wins over the project's. It comes first among the images, so that the body's use of the same file shares its entry.
  const logo = from.logo ?? (meta?.logo === undefined ? input.branding?.logo : undefined);
  if (logo) markdown.images.push(logo);

  const ledeHtml = withinStack(() => markdown.renderMarkdown(body.lede, body.ledeLine), () => "", body.ledeLine, diagnostics);
  markdown.takeSectionFootnotes();

  const sections: Section[] = [];
  let explicitSourcesLinks: CitedLink[] = [];
  for (const [index, raw] of body.sections.entries()) {
    const linksBefore = markdown.links.length;
    sections.push(withinStack(() => readSection(raw, index, input.file, markdown, diagnostics, { lang: meta?.lang ?? "en", baseDir: input.baseDir }), () => unreadable(raw, index, input.file), raw.line, diagnostics));
    if (raw.layout === "sources") explicitSourcesLinks = markdown.links.splice(linksBefore);
  }
  reportSourcesSections(body.sections, diagnostics);
  for (const [id, definition] of body.footnotes) {
    if (!markdown.citedFootnotes.some((footnote) => footnote.id === id)) {
      diagnostics.warning(definition.line, 1, `footnote [^${id}] is defined but never cited: cite it with [^${id}] or remove it`);
    }
  }
  if (!meta) return { images: markdown.images };

  const contentSections = sections.filter((section) => section.layout !== "sources").length;
  const briefing: Briefing = {
    slug: input.slug,
    file: input.file,
    baseDir: input.baseDir,
    meta,
    ledeHtml,
    sections,
    showAgenda: meta.agenda ?? contentSections >= AGENDA_THRESHOLD,
    sources: collectSources(meta, markdown, explicitSourcesLinks),
    images: markdown.images,
    ...(logo ? { logo } : {}),
  };
  return { briefing, images: markdown.images };
}

/** The parse's answer: the briefing when nothing is an error, else a draft to lay out; problems in reading order. */
export function finishParse(assembled: Assembled, items: readonly Diagnostic[]): ParseResult {
  const diagnostics = inReadingOrder(items);
  const result = { diagnostics, images: assembled.images };
  if (!assembled.briefing) return result;
  return diagnostics.some((d) => d.severity === "error") ? { ...result, draft: assembled.briefing } : { ...result, briefing: assembled.briefing };
}

/** Where the front matter's `logo:` value starts. */
function logoPosition(split: SplitSource, file: string): SourcePosition {
  const yamlLines = (split.yaml ?? "").split("\n");
  const index = yamlLines.findIndex((line) => /^logo\s*:/.test(line));
  const line = split.yamlLine + Math.max(0, index);
  const text = yamlLines[index] ?? "";
  // The value's column: after "logo:" and the spaces that follow it.
  const valueStart = text.indexOf(":") + 1;
  const column = index < 0 ? 1 : valueStart + (text.length - valueStart - text.slice(valueStart).trimStart().length) + 1;
  return { file, line, column };
}

/** The project's accent (`briefdeck.yaml`) for a briefing whose front matter names none; its logo is taken in `assembleBriefing`. */
export function applyBranding(meta: FrontMatter | undefined, branding: ProjectBranding | undefined): void {
  if (meta && meta.accent === undefined && branding?.accent !== undefined) meta.accent = branding.accent;
}

/**
 * The front matter's `logo`: a local image under the same rules as the body's
 * images, recorded with them so it is checked on disk and copied into the deck.
 */
export function readLogo(path: string, position: SourcePosition, baseDir: string, diagnostics: Diagnostics): ImageRef | undefined {
  const resolved = resolveImagePath(path, baseDir);
  if (!resolved.ok) {
    diagnostics.error(position.line, position.column, `logo: ${resolved.message}`);
    return undefined;
  }
  return { src: path, contentPath: resolved.contentPath, outputPath: `media/${resolved.contentPath}`, position };
}

/**
 * Runs one part of the parse, turning a blown stack (marked recursing on
 * some shape the line limits did not foresee) into an error at `line`.
 */
function withinStack<T>(read: () => T, fallback: () => T, line: number, diagnostics: Diagnostics): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    diagnostics.error(line, 1, "nesting too deep: this part is too large or too deeply nested to read: split it into sections or flatten its lists and quotes");
    return fallback();
  }
}

/** What stands in for a section that could not be read; the error above keeps it out of any deck. */
function unreadable(raw: RawSection, index: number, file: string): Section {
  return {
    heading: raw.heading, headingHtml: "", id: `s${index + 1}`, layout: "text", fragments: false, classes: [],
    content: { layout: "text", blocks: [] }, notesHtml: "", handoutHtml: "", footnotes: [], position: { file, line: raw.line, column: 1 }, endLine: raw.endLine,
  };
}

/**
 * Sorted by line, without repeats: a list is rendered whole and item by
 * item, so a problem inside it is found twice at the same place.
 */
function inReadingOrder(items: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return sortDiagnostics(items).filter((d) => {
    const key = `${d.line}:${d.column}:${d.severity}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readSection(raw: RawSection, index: number, file: string, markdown: MarkdownRenderer, diagnostics: Diagnostics, where: { lang: string; baseDir: string }): Section {
  // Footnotes cited in the heading belong to this section, like those in its body.
  const headingHtml = markdown.renderHeading(raw.heading, raw.line, raw.headingColumn);
  const content = readLayout({ section: raw, tokens: markdown.lex(raw.body, raw.bodyLine), markdown, diagnostics, ...where });
  const notesHtml = raw.notes === "" ? "" : markdown.renderMarkdown(raw.notes, raw.notesLine + 1);
  const handoutHtml = raw.handout === "" ? "" : markdown.renderMarkdown(raw.handout, raw.handoutLine + 1);
  // Footnote numbers are not part of the heading's words (agenda, outline, anchor).
  const heading = plainText(withoutFootnoteRefs(headingHtml)) || raw.heading;
  return {
    heading,
    headingHtml: headingHtml || escapeHtml(raw.heading),
    id: `s${index + 1}-${slugify(heading)}`,
    layout: raw.layout,
    fragments: raw.fragments,
    classes: raw.classes,
    content,
    notesHtml,
    handoutHtml,
    footnotes: markdown.takeSectionFootnotes(),
    position: { file, line: raw.line, column: 1 },
    endLine: raw.endLine,
  };
}

function reportSourcesSections(sections: RawSection[], diagnostics: Diagnostics): void {
  const explicit = sections.filter((section) => section.layout === "sources");
  for (const extra of explicit.slice(1)) {
    diagnostics.error(extra.line, 1, "only one section may have layout=sources: merge the entries into the first one");
  }
}

/**
 * The sources slide: the briefed article, every source footnote, then every
 * web link cited in the body, numbered and without repeats. Footnote markers
 * were numbered while rendering on the same plan; the check below keeps the
 * two from ever drifting apart.
 */
function collectSources(meta: FrontMatter, markdown: MarkdownRenderer, explicitLinks: CitedLink[]): SourceEntry[] {
  const entries: SourceEntry[] = [];
  const seenUrls = new Set<string>();
  const add = (built: string, url?: string, footnoteId?: string): void => {
    // Built here from escaped parts; the same safety net as every other HTML of the model.
    const html = cleanHtml(built);
    if (url !== undefined) seenUrls.add(sameSourceKey(url));
    entries.push({ number: entries.length + 1, html, ...(url === undefined ? {} : { url }), ...(footnoteId === undefined ? {} : { footnoteId }) });
  };
  if (meta.source) add(describeArticle(meta.source, meta.lang), meta.source.url);
  for (const footnote of markdown.citedFootnotes) {
    // Read from the tokens, decoded: the HTML holds "&amp;" where the address has "&".
    const urls = markupOf(footnote.html).flatMap((tag) => (tag.name === "a" && !tag.closing ? tag.attributes.filter((a) => a.name === "href").map((a) => a.value) : []));
    // A note is no entry; a web link in it is still listed, with the body's links below.
    if (footnote.kind === "note") continue;
    if (footnote.number !== entries.length + 1) throw new Error(`footnote [^${footnote.id}] is numbered ${footnote.number} but is source ${entries.length + 1}`);
    add(footnote.html, urls[0], footnote.id);
    for (const url of urls) seenUrls.add(sameSourceKey(url));
  }
  for (const link of explicitLinks) seenUrls.add(sameSourceKey(link.url));
  for (const link of markdown.links) {
    if (seenUrls.has(sameSourceKey(link.url))) continue;
    const label = link.text !== "" && link.text !== link.url ? `${escapeHtml(link.text)}: ` : "";
    add(`${label}<a href="${escapeHtml(link.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(link.url)}</a>`, link.url);
  }
  return entries;
}

/** "Author, “Title”, Publisher, 8 January 2026." with the title linked. */
function describeArticle(source: SourceArticle, lang: string): string {
  const title = source.url
    ? `<a href="${escapeHtml(source.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(source.title)}</a>`
    : escapeHtml(source.title);
  const parts: string[] = [];
  if (source.author) parts.push(escapeHtml(source.author));
  parts.push(`“${title}”`);
  if (source.publisher) parts.push(escapeHtml(source.publisher));
  if (source.date) parts.push(formatDate(source.date, lang));
  return `${parts.join(", ")}.`;
}
