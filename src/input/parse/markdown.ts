import { Marked } from "marked";
import type { Token, Tokens, TokenizerAndRendererExtension } from "marked";
import type { Diagnostics } from "../../core/diagnostics.js";
import type { Block, Footnote, ImageRef } from "../../core/model.js";
import { cleanHtml, closedElement, hiddenElementOpened, isAllowedHref, sanitizeRawHtml } from "./sanitize.js";
import type { InlineNesting } from "./sanitize.js";
import { resolveImagePath } from "./images.js";
import { relativeUrl } from "../images/url.js";
import { LineIndex } from "./line-index.js";
import { MAX_TABLE_CELLS, tooManyTableCells } from "./limits.js";
import type { FootnoteDefinition } from "./sections.js";
import { footnoteRefHtml } from "./footnote-ref.js";
import { escapeHtml } from "../../core/html.js";

/** A top-level token and the line it starts on. */
export interface PositionedToken {
  token: Token;
  line: number;
}

/** A link to the web cited in the body, for the sources slide. */
export interface CitedLink {
  url: string;
  text: string;
}

/** Footnotes may cite footnotes, but not in chains longer than this. */
const MAX_FOOTNOTE_DEPTH = 8;

interface FootnoteRefToken extends Tokens.Generic {
  type: "footnoteRef";
  id: string;
}

/**
 * Renders Markdown for one briefing, collecting what the deck needs besides
 * HTML (links, images, footnotes) and reporting problems at their line.
 * One instance per briefing: it carries that briefing's state.
 */
export class MarkdownRenderer {
  readonly links: CitedLink[] = [];
  readonly images: ImageRef[] = [];
  /** Footnotes in order of first citation, numbered from 1. */
  readonly citedFootnotes: Footnote[] = [];
  /** Footnotes cited since the last `takeSectionFootnotes()`. */
  private sectionFootnotes: Footnote[] = [];
  /** Table cells so far in the briefing, against MAX_TABLE_CELLS. */
  private tableCells = 0;
  private readonly marked: Marked;
  /** How many footnote definitions are being rendered inside one another. */
  private footnoteDepth = 0;
  /** Where the block being rendered sits, so inline problems get a position. */
  private block: RenderScope = newScope("", 1);

  constructor(
    private readonly diagnostics: Diagnostics,
    private readonly baseDir: string,
    private readonly footnoteDefinitions: Map<string, FootnoteDefinition>,
    /** The sources-slide number of the first source footnote: 2 when the briefed article takes 1. */
    private readonly firstSourceNumber = 1,
  ) {
    this.marked = new Marked({ gfm: true, breaks: false, async: false });
    this.marked.use({ extensions: [this.footnoteExtension()], renderer: this.rendererOverrides(), walkTokens: dropHiddenContent });
  }

  /** Lexes a Markdown fragment into top-level tokens, each with its start line. */
  lex(markdown: string, firstLine: number): PositionedToken[] {
    const tokens = this.marked.lexer(markdown);
    // `lexer` skips the walkTokens hook that `parse` runs; apply it here.
    this.marked.walkTokens(tokens, dropHiddenContent);
    const positioned: PositionedToken[] = [];
    const lines = new LineIndex(markdown);
    let offset = 0;
    for (const token of tokens) {
      const found = markdown.indexOf(token.raw, offset);
      const start = found >= 0 ? found : offset;
      const leading = token.raw.length - token.raw.trimStart().length;
      positioned.push({ token, line: firstLine + lines.lineOf(start + leading) });
      offset = start + token.raw.length;
    }
    return positioned;
  }

  /** Renders block tokens to sanitised HTML; `column` is where the block starts on its first line. */
  renderBlock(item: PositionedToken, column = 1): string {
    return this.withBlock(item.token.raw, item.line, () => this.marked.parser([item.token]), column);
  }

  /**
   * Renders block tokens that were lexed out of `raw`, a larger text starting
   * at `line`, so that problems are placed within `raw` (e.g. a blockquote's
   * content, placed after its `> ` markers).
   */
  renderTokens(tokens: Token[], raw: string, line: number): string {
    return this.withBlock(raw, line, () => this.marked.parser(tokens));
  }

  /** Renders inline tokens (a list item's content, a heading) to sanitised HTML. */
  renderInline(tokens: Token[], raw: string, line: number): string {
    return this.withBlock(raw, line, () => this.parseInline(tokens));
  }

  private parseInline(tokens: Token[]): string {
    return new this.marked.Parser(this.marked.defaults).parseInline(tokens);
  }

  /** Renders a heading's text as inline Markdown (never as a list or quote); `column` is where the text starts. */
  renderHeading(text: string, line: number, column = 1): string {
    return this.withBlock(text, line, () => {
      const tokens = this.marked.Lexer.lexInline(text, this.marked.defaults);
      // walkTokens only reaches nested arrays; this top-level one needs pruning too.
      dropBetweenHiddenTags(tokens);
      this.marked.walkTokens(tokens, dropHiddenContent);
      return this.parseInline(tokens);
    }, column);
  }

  /** Renders a list item's content, loose or tight. */
  renderItem(item: Tokens.ListItem, line: number): string {
    return this.withBlock(item.raw, line, () => {
      const tight = item.tokens.every((t) => t.type === "text" || t.type === "space");
      if (tight) {
        return item.tokens
          .filter((t): t is Tokens.Text => t.type === "text")
          .map((t) => this.parseInline(t.tokens ?? [{ type: "text", raw: t.raw, text: t.text } as Tokens.Text]))
          .join("\n");
      }
      return this.marked.parser(item.tokens);
    });
  }

  /** Renders a whole Markdown fragment (notes, lede, footnote text); `firstColumn` is where its first line starts. */
  renderMarkdown(markdown: string, firstLine: number, firstColumn = 1): string {
    return this.lex(markdown, firstLine)
      .filter((item) => item.token.type !== "space")
      .map((item) => this.renderBlock(item, item.line === firstLine ? firstColumn : 1))
      .join("\n");
  }

  /** Converts top-level tokens to the model's blocks. */
  toBlocks(tokens: PositionedToken[]): Block[] {
    const blocks: Block[] = [];
    for (const item of tokens) {
      const { token } = item;
      if (token.type === "space" || token.type === "def") continue;
      if (token.type === "list") {
        const list = token as Tokens.List;
        blocks.push({
          kind: "list",
          html: this.renderBlock(item),
          items: listItemLines(item).map(({ entry, line }) => this.renderItem(entry, line)),
          ordered: list.ordered,
          ...(list.ordered ? { start: list.start === "" ? 1 : list.start } : {}),
          line: item.line,
        });
        continue;
      }
      if (token.type === "table" && !this.countTableCells(token as Tokens.Table, item.line)) continue;
      if (token.type === "heading" && (token as Tokens.Heading).depth <= 2) {
        this.diagnostics.error(item.line, 1, "a level-1 or level-2 heading written with === or --- underlines is not allowed: start sections with ## (for a rule, leave a blank line above ---)");
        continue;
      }
      const html = this.renderBlock(item);
      // A block that held only removed raw HTML would be an empty box on the slide.
      if (html.replace(/<\/?p>/g, "").trim() === "") continue;
      const kind = blockKind(token);
      blocks.push(kind === "table" ? { kind, html, ...tableParts(html), line: item.line } : { kind, html, line: item.line });
    }
    return blocks;
  }

  /** Counts a table's cells; false (with an error at the row that crosses the limit) when there are too many. */
  private countTableCells(table: Tokens.Table, line: number): boolean {
    const columns = Math.max(1, table.header.length);
    const before = this.tableCells;
    this.tableCells += columns * (1 + table.rows.length);
    if (before >= MAX_TABLE_CELLS) return false;
    if (this.tableCells <= MAX_TABLE_CELLS) return true;
    // The header is the table's first line, the delimiter row its second, then one line per row.
    const row = Math.ceil((MAX_TABLE_CELLS + 1 - before) / columns) - 1;
    this.diagnostics.error(row === 0 ? line : line + 1 + row, 1, tooManyTableCells());
    return false;
  }

  /** Footnotes cited since the previous call; the section that asks owns them. */
  takeSectionFootnotes(): Footnote[] {
    const taken = this.sectionFootnotes;
    this.sectionFootnotes = [];
    return taken;
  }

  /** Reports a problem at `token`'s place inside the block being rendered. */
  report(severity: "error" | "warning", token: { raw: string }, message: string, extraOffset = 0): void {
    const offset = this.locate(token) + extraOffset;
    const line = this.block.line + this.block.lines.lineOf(offset);
    const lineStart = this.block.lines.lineStart(offset);
    const column = offset - lineStart + (lineStart === 0 ? this.block.column : 1);
    if (severity === "error") this.diagnostics.error(line, column, message);
    else this.diagnostics.warning(line, column, message);
  }

  /**
   * Offset of `token` in the block. Tokens are rendered in reading order, so
   * searching on from the last one found tells two identical tags apart.
   */
  private locate(token: { raw: string }): number {
    const scope = this.block;
    const known = scope.located.get(token);
    if (known !== undefined) return known;
    let index = scope.raw.indexOf(token.raw, scope.cursor);
    if (index < 0) index = Math.max(0, scope.raw.indexOf(token.raw));
    else scope.cursor = index + token.raw.length;
    scope.located.set(token, index);
    return index;
  }

  private withBlock(raw: string, line: number, render: () => string, column = 1): string {
    const saved = this.block;
    this.block = newScope(raw, line, column);
    try {
      return cleanHtml(render());
    } finally {
      this.block = saved;
    }
  }

  private rendererOverrides() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- marked binds `this` to its renderer
    const self = this;
    return {
      html(token: Tokens.HTML | Tokens.Tag): string {
        // `raw` may carry indentation or trailing blank lines that `text` lacks.
        const lead = Math.max(0, token.raw.indexOf(token.text));
        return sanitizeRawHtml(token.text, (offset, message) => self.report("warning", token, message, lead + offset), self.block.nesting);
      },
      link(this: { parser: { parseInline(tokens: Token[]): string } }, token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        if (!isAllowedHref(token.href)) {
          self.report("warning", token, `removed link to "${truncate(token.href)}": links must be http(s), mailto or #anchors; the text is kept`);
          return text;
        }
        if (/^https?:/i.test(token.href)) self.links.push({ url: token.href, text: plainText(text) });
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        const external = /^https?:/i.test(token.href) ? ' target="_blank" rel="noopener noreferrer"' : "";
        return `<a href="${escapeHtml(token.href)}"${title}${external}>${text}</a>`;
      },
      image(token: Tokens.Image): string {
        const image = self.image(token);
        if (!image) return "";
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        return `<img src="${escapeHtml(relativeUrl(image.outputPath))}" alt="${escapeHtml(token.text)}"${title}>`;
      },
    };
  }

  /** Checks an image reference and records it; undefined when it cannot be used. */
  image(token: Tokens.Image): ImageRef | undefined {
    // Checked before the path so that one run reports both mistakes.
    if (token.text.trim() === "") {
      this.report("error", token, `image "${truncate(token.href)}" has no alt text: describe it between the brackets, ![like this](${truncate(token.href)})`);
    }
    const resolved = resolveImagePath(token.href, this.baseDir);
    if (!resolved.ok) {
      this.report("error", token, resolved.message);
      return undefined;
    }
    const line = this.block.line + this.block.lines.lineOf(this.locate(token));
    const existing = this.images.find((image) => image.contentPath === resolved.contentPath);
    const image: ImageRef = {
      src: token.href,
      contentPath: resolved.contentPath,
      outputPath: existing?.outputPath ?? `media/${resolved.contentPath}`,
      position: { file: this.diagnostics.file, line, column: 1 },
    };
    if (!existing) this.images.push(image);
    return image;
  }

  private footnoteExtension(): TokenizerAndRendererExtension {
    return {
      name: "footnoteRef",
      level: "inline",
      // No `start`: marked already ends text before every "[", and a start that
      // searched the rest of the paragraph made long lines quadratic.
      tokenizer: (source: string): FootnoteRefToken | undefined => {
        const match = /^\[\^([^\]\s]+)\]/.exec(source);
        return match ? { type: "footnoteRef", raw: match[0], id: match[1] ?? "" } : undefined;
      },
      renderer: (token) => {
        const footnote = this.cite(token as FootnoteRefToken);
        return footnote ? footnoteRefHtml(footnote) : "";
      },
    };
  }

  /** A new footnote's kind and marker, numbered in order of first citation within its kind. */
  private numbered(id: string): Footnote {
    const kind = isNoteLabel(id) ? "note" : "source";
    const before = this.citedFootnotes.filter((footnote) => footnote.kind === kind).length;
    const number = kind === "note" ? before + 1 : this.firstSourceNumber + before;
    return { id, kind, number, marker: kind === "note" ? noteLetter(number) : String(number), html: "" };
  }

  private cite(token: FootnoteRefToken): Footnote | undefined {
    const { id } = token;
    let footnote = this.citedFootnotes.find((f) => f.id === id);
    if (!footnote) {
      const definition = this.footnoteDefinitions.get(id);
      if (!definition) {
        this.report("error", token, `footnote [^${id}] has no definition: add a line "[^${id}]: source text"`);
        return undefined;
      }
      if (this.footnoteDepth >= MAX_FOOTNOTE_DEPTH) {
        // A chain of footnotes citing footnotes would otherwise recurse once per link.
        this.report("error", token, `footnote [^${id}] is cited from a footnote ${MAX_FOOTNOTE_DEPTH} levels deep: cite it from the text instead`);
        return undefined;
      }
      footnote = this.numbered(id);
      this.citedFootnotes.push(footnote);
      // Rendered after registering, so a footnote citing itself cannot loop.
      this.footnoteDepth++;
      try {
        footnote.html = stripParagraph(this.renderMarkdown(definition.markdown, definition.line, definition.column));
      } finally {
        this.footnoteDepth--;
      }
    }
    if (!this.sectionFootnotes.includes(footnote)) this.sectionFootnotes.push(footnote);
    return footnote;
  }
}

/** A footnote whose label starts with `note` explains; any other cites a source. */
export function isNoteLabel(id: string): boolean {
  return /^note(?:$|[-_.:\d])/i.test(id);
}

/** 1 → "a", 26 → "z", 27 → "aa". */
export function noteLetter(number: number): string {
  let rest = number;
  let letters = "";
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(97 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

interface RenderScope {
  raw: string;
  line: number;
  /** Column of `raw`'s first character on its first line. */
  column: number;
  /** Where the search for the next reported token starts. */
  cursor: number;
  located: Map<object, number>;
  lines: LineIndex;
  nesting: InlineNesting;
}

function newScope(raw: string, line: number, column = 1): RenderScope {
  return { raw, line, column, cursor: 0, located: new Map(), lines: new LineIndex(raw), nesting: { open: 0 } };
}

/** Each item of a list token with the line it starts on. */
export function listItemLines(list: PositionedToken): { entry: Tokens.ListItem; line: number }[] {
  let cursor = 0;
  const lines = new LineIndex(list.token.raw);
  return (list.token as Tokens.List).items.map((entry) => {
    const index = list.token.raw.indexOf(entry.raw, cursor);
    const start = index >= 0 ? index : cursor;
    cursor = start + entry.raw.length;
    return { entry, line: list.line + lines.lineOf(start) };
  });
}

/**
 * Inline `<script>…</script>` arrives as separate tokens: the tags, and the
 * script between them as text. Drop what lies between so it never shows;
 * the opening tag stays, for the sanitiser to report and remove.
 */
function dropHiddenContent(token: Token): void {
  if (token.type === "table") {
    const table = token as Tokens.Table;
    for (const cell of [...table.header, ...table.rows.flat()]) dropBetweenHiddenTags(cell.tokens);
  } else if ("tokens" in token && Array.isArray(token.tokens)) {
    dropBetweenHiddenTags(token.tokens as Token[]);
  }
}

function dropBetweenHiddenTags(tokens: Token[]): void {
  // Each opener's closing tag, found in one pass from the end: searching forward
  // from every opener was quadratic on thousands of unclosed <svg>.
  const html = (token: Token | undefined): string | undefined => (token?.type === "html" ? (token as Tokens.HTML).text : undefined);
  const closeOf = new Map<number, number>();
  const nextClose = new Map<string, number>();
  for (let i = tokens.length - 1; i >= 0; i--) {
    const text = html(tokens[i]);
    if (text === undefined) continue;
    const closed = closedElement(text);
    if (closed !== undefined) nextClose.set(closed, i);
    const opened = hiddenElementOpened(text);
    if (opened !== undefined) closeOf.set(i, nextClose.get(opened) ?? -1);
  }
  const kept: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token) kept.push(token);
    const close = closeOf.get(i) ?? -1;
    // The opening tag stays, for the sanitiser to report; what lies before the closing tag goes.
    if (close > i + 1) i = close - 1;
  }
  tokens.splice(0, tokens.length, ...kept);
}

function blockKind(token: Token): Block["kind"] {
  switch (token.type) {
    case "paragraph": {
      const inline = (token as Tokens.Paragraph).tokens.filter((t) => !(t.type === "text" && t.raw.trim() === ""));
      return inline.length === 1 && inline[0]?.type === "image" ? "image" : "paragraph";
    }
    case "table":
      return "table";
    case "blockquote":
      return "blockquote";
    case "code":
      return "code";
    case "heading":
      return "heading";
    case "hr":
      return "rule";
    case "html":
      return "html";
    default:
      return "paragraph";
  }
}

/** A rendered table's header and body rows, so a long table can continue on the next slide. */
function tableParts(html: string): { head?: string; rows?: string[] } {
  const head = /<thead>[\s\S]*?<\/thead>/.exec(html)?.[0];
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => (match[1] ?? "").trim());
  return rows.length > 0 ? { ...(head ? { head } : {}), rows } : {};
}

export function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to && i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

export function stripParagraph(html: string): string {
  const trimmed = html.trim();
  const match = /^<p>([\s\S]*)<\/p>$/.exec(trimmed);
  return match && !match[1]?.includes("<p>") ? (match[1] ?? "") : trimmed;
}

/** Text content of an HTML fragment, for outlines, alt text and plain lists. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
