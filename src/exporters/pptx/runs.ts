import { DomUtils, parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";

/** A stretch of text with one formatting, as PowerPoint stores it. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  superscript?: boolean;
  subscript?: boolean;
  code?: boolean;
  highlight?: boolean;
  /** An http(s) or mailto target (the HTML was sanitised before it got here). */
  link?: string;
  /** A line break inside the paragraph comes before this run. */
  breakBefore?: boolean;
}

/** One paragraph: a line of body text, a list item, a heading inside the body. */
export interface Paragraph {
  runs: Run[];
  /** Nesting depth of list items: 0 for top-level items and plain paragraphs. */
  level: number;
  list?: "bullet" | "number";
  /** The number of the first item of an ordered list that does not start at 1. */
  start?: number;
  /** Items in the list this paragraph belongs to (sizes the room for its numbers). */
  count?: number;
  /** A subheading (`h3`…`h6`) or table header: drawn bold. */
  heading?: boolean;
  quote?: boolean;
}

type Format = Omit<Run, "text" | "breakBefore">;

const BLOCKS = new Set(["p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "figure", "figcaption", "hr"]);

/**
 * Sanitised HTML (a list item, a paragraph, a whole block) → paragraphs of
 * formatted runs. Images and tables inside are left to their own shapes.
 */
export function htmlToParagraphs(html: string): Paragraph[] {
  const builder = new ParagraphBuilder();
  builder.walk(parseDocument(html, { decodeEntities: true }).children, {}, { level: 0 });
  return builder.finish();
}

/** The runs of inline HTML, as one paragraph's worth (line breaks kept as breaks). */
export function htmlToRuns(html: string): Run[] {
  return htmlToParagraphs(html).flatMap((paragraph, index) =>
    paragraph.runs.map((run, at) => (index > 0 && at === 0 ? { ...run, breakBefore: true } : run)),
  );
}

/** Plain text of some HTML, whitespace collapsed. */
export function htmlToText(html: string): string {
  return htmlToRuns(html).map((run) => (run.breakBefore ? ` ${run.text}` : run.text)).join("").replace(/\s+/g, " ").trim();
}

interface Context {
  level: number;
  list?: "bullet" | "number";
  start?: number;
  heading?: boolean;
  quote?: boolean;
  pre?: boolean;
}

class ParagraphBuilder {
  private readonly paragraphs: Paragraph[] = [];
  private current: Paragraph | undefined;
  private pendingBreak = false;

  walk(nodes: ChildNode[], format: Format, context: Context): void {
    for (const node of nodes) {
      if (node.type === "text") this.text(node.data, format, context);
      else if (node.type === "tag" || node.type === "script" || node.type === "style") this.element(node, format, context);
    }
  }

  finish(): Paragraph[] {
    this.close();
    return this.paragraphs;
  }

  private element(element: Element, format: Format, context: Context): void {
    const name = element.name.toLowerCase();
    if (name === "script" || name === "style" || name === "img" || name === "table") return;
    if (name === "br") {
      this.pendingBreak = this.current !== undefined;
      return;
    }
    if (name === "ul" || name === "ol") {
      this.close();
      const start = Number(element.attribs.start);
      const nested: Context = { ...context, list: name === "ol" ? "number" : "bullet", level: context.list ? context.level + 1 : context.level };
      if (name === "ol" && Number.isInteger(start) && start !== 1) nested.start = start;
      else delete nested.start;
      this.walk(element.children, format, nested);
      this.close();
      return;
    }
    if (BLOCKS.has(name)) {
      this.close();
      const inner: Context = { ...context };
      if (/^h[1-6]$/.test(name)) inner.heading = true;
      if (name === "blockquote") inner.quote = true;
      if (name === "pre") inner.pre = true;
      this.open(inner, name === "li");
      this.walk(element.children, format, inner);
      this.close();
      return;
    }
    this.walk(element.children, { ...format, ...inlineFormat(element) }, context);
  }

  private text(data: string, format: Format, context: Context): void {
    const text = context.pre ? data : data.replace(/\s+/g, " ");
    if (text === "" || (!context.pre && text === " " && (!this.current || this.current.runs.length === 0))) return;
    if (!this.current) this.open(context, false);
    const paragraph = this.current as Paragraph;
    const run: Run = { text: paragraph.runs.length === 0 && !context.pre ? text.trimStart() : text, ...format };
    if (context.pre) run.code = true;
    if (this.pendingBreak) run.breakBefore = true;
    this.pendingBreak = false;
    if (run.text !== "") paragraph.runs.push(run);
  }

  private open(context: Context, listItem: boolean): void {
    this.close();
    const paragraph: Paragraph = { runs: [], level: context.level };
    if (listItem && context.list) paragraph.list = context.list;
    if (listItem && context.start !== undefined) paragraph.start = context.start;
    if (context.heading) paragraph.heading = true;
    if (context.quote) paragraph.quote = true;
    this.current = paragraph;
  }

  private close(): void {
    const paragraph = this.current;
    this.current = undefined;
    this.pendingBreak = false;
    if (!paragraph) return;
    const last = paragraph.runs[paragraph.runs.length - 1];
    if (last) last.text = last.text.trimEnd();
    paragraph.runs = paragraph.runs.filter((run) => run.text !== "" || run.breakBefore);
    if (paragraph.runs.length > 0) this.paragraphs.push(paragraph);
  }
}

function inlineFormat(element: Element): Format {
  switch (element.name.toLowerCase()) {
    case "strong":
    case "b":
      return { bold: true };
    case "em":
    case "i":
    case "cite":
      return { italic: true };
    case "sup":
      return { superscript: true };
    case "sub":
      return { subscript: true };
    case "code":
    case "kbd":
      return { code: true };
    case "mark":
      return { highlight: true };
    case "a": {
      const href = element.attribs.href ?? "";
      return /^(?:https?:|mailto:)/i.test(href) ? { link: href } : {};
    }
    default:
      return {};
  }
}

/** Every element named one of `tags` in some HTML, with its (decoded) attributes and inner HTML, in document order. */
export function elementsOf(html: string, ...tags: string[]): Array<{ attribs: Record<string, string>; innerHtml: string }> {
  const document = parseDocument(html, { decodeEntities: true });
  return DomUtils.findAll((element) => tags.includes(element.name.toLowerCase()), document.children).map((element) => ({
    attribs: element.attribs,
    innerHtml: DomUtils.getInnerHTML(element),
  }));
}
