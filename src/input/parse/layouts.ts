import type { Tokens } from "marked";
import type { Attribution, Block, Column, ItemList, LabelledItem, SectionContent } from "../../core/model.js";
import type { PositionedToken } from "./markdown.js";
import { countNewlines, listItemLines, plainText, stripParagraph } from "./markdown.js";
import { dropUndefined } from "./front-matter.js";
import { readChart } from "./chart.js";
import type { LayoutInput } from "./layout-input.js";


const ATTRIBUTION = /^\s*(?:—|―|--)\s*(.+)$/;
const MAX_DIVIDER_LINE = 140;

/** Reads a section's body according to its layout, reporting what the layout misses. */
export function readLayout(input: LayoutInput): SectionContent {
  const { section } = input;
  switch (section.layout) {
    case "text":
      return { layout: "text", blocks: input.markdown.toBlocks(input.tokens) };
    case "summary":
      return { layout: "summary", ...readItemList(input, "", "summary layout needs a list of key judgments: write each as a list item, - first judgment") };
    case "timeline":
      return {
        layout: "timeline",
        ...readItemList(input, "date", "timeline layout needs a list whose items start with a bold date: write - **2021** what happened"),
      };
    case "stats":
      return {
        layout: "stats",
        ...readItemList(input, "figure", "stats layout needs a list whose items start with a bold figure: write - **6** member states"),
      };
    case "quote":
      return readQuote(input);
    case "columns":
      return readColumns(input);
    case "figure":
      return readFigure(input);
    case "chart":
      return readChart(input);
    case "section":
      return readDivider(input);
    case "sources":
      return readSourcesSection(input);
  }
}

function significant(tokens: PositionedToken[]): PositionedToken[] {
  return tokens.filter((item) => item.token.type !== "space" && item.token.type !== "def");
}

function readItemList(input: LayoutInput, labelKind: "" | "date" | "figure", missing: string): ItemList {
  const tokens = significant(input.tokens);
  const listIndex = tokens.findIndex((item) => item.token.type === "list");
  const list = tokens[listIndex];
  if (!list) {
    input.diagnostics.error(input.section.line, 1, missing);
    return { intro: input.markdown.toBlocks(tokens), items: [], outro: [] };
  }
  const token = list.token as Tokens.List;
  const items: LabelledItem[] = listItemLines(list).map(({ entry, line }) =>
    labelKind === "" ? { label: "", html: input.markdown.renderItem(entry, line), line } : readLabelledItem(input, entry, line, labelKind),
  );
  return dropUndefined({
    intro: input.markdown.toBlocks(tokens.slice(0, listIndex)),
    items,
    start: token.ordered ? (token.start === "" ? 1 : token.start) : undefined,
    outro: input.markdown.toBlocks(tokens.slice(listIndex + 1)),
  });
}

/** `- **2021** Rebranded …`: the bold lead becomes the label. */
function readLabelledItem(input: LayoutInput, item: Tokens.ListItem, line: number, kind: "date" | "figure"): LabelledItem {
  const first = item.tokens[0];
  const inline = first && (first.type === "text" || first.type === "paragraph") ? ((first as Tokens.Text).tokens ?? []) : [];
  const lead = inline[0];
  if (!lead || lead.type !== "strong") {
    const example = kind === "date" ? "- **2021** what happened" : "- **6** member states";
    input.diagnostics.error(line, 1, `${input.section.layout} item must start with a bold ${kind}: write it as ${example}`);
    return { label: "", html: input.markdown.renderItem(item, line), line };
  }
  const label = plainText(input.markdown.renderInline([lead], item.raw, line));
  const rest = inline.slice(1);
  const firstRest = rest[0];
  if (firstRest && firstRest.type === "text") {
    // Drop the separator people put after the label: "**2021** — Rebranded", "**6**: members".
    const trimmed = (firstRest as Tokens.Text).text.replace(/^\s*(?:[—–:-]\s*)?/, "");
    rest[0] = { ...firstRest, text: trimmed, raw: trimmed } as Tokens.Text;
  }
  const html = input.markdown.renderInline(rest, item.raw, line).trim();
  const more = item.tokens.slice(1).filter((t) => t.type !== "space");
  const moreHtml = more.length > 0 ? input.markdown.renderItem({ ...item, tokens: more }, line) : "";
  return { label, html: [html, moreHtml].filter(Boolean).join(" "), line };
}

function readQuote(input: LayoutInput): SectionContent {
  const tokens = significant(input.tokens);
  const quoteIndex = tokens.findIndex((item) => item.token.type === "blockquote");
  const quote = tokens[quoteIndex];
  const others = tokens.filter((_, index) => index !== quoteIndex);
  // A section that misses its quote is still read whole, so its other problems (a missing image…) show in the same run.
  const empty = (): SectionContent => ({ layout: "quote", quoteHtml: "", attribution: { speaker: "" }, blocks: input.markdown.toBlocks(tokens) });
  if (!quote) {
    input.diagnostics.error(input.section.line, 1, "quote layout needs a blockquote: write > the words, then a last line > — Speaker, role");
    return empty();
  }
  const text = (quote.token as Tokens.Blockquote).text.replace(/\s+$/, "");
  const lines = text.split("\n");
  const lastLine = lines[lines.length - 1] ?? "";
  const match = ATTRIBUTION.exec(lastLine);
  const lastLineNumber = quote.line + countNewlines(quote.token.raw.trimEnd(), 0, quote.token.raw.trimEnd().length);
  if (!match) {
    input.diagnostics.error(
      lastLineNumber,
      1,
      "quote needs an attribution: end the blockquote with a line starting with — or --, e.g. > — Ilham Aliyev, President of Azerbaijan",
    );
    return empty();
  }
  const words = lines.slice(0, -1).join("\n").trim();
  if (words === "") {
    input.diagnostics.error(quote.line, 1, "quote has an attribution but no quoted words: put the quote above the — line");
    return empty();
  }
  return {
    layout: "quote",
    quoteHtml: renderQuoteWords(input, quote),
    attribution: readAttribution(input, quote, match[1] ?? "", lastLineNumber),
    blocks: input.markdown.toBlocks(others),
  };
}

/** The blockquote without its attribution line, rendered against its own text so problems keep their columns. */
function renderQuoteWords(input: LayoutInput, quote: PositionedToken): string {
  const raw = quote.token.raw.trimEnd().split("\n").slice(0, -1).join("\n");
  const inner = input.markdown.lex(raw, quote.line).flatMap((item) => (item.token as Tokens.Blockquote).tokens ?? []);
  return input.markdown.renderTokens(inner, raw, quote.line);
}

/** Rendered, so that *emphasis* or a [link](…) in the attribution is not shown as raw Markdown. */
function readAttribution(input: LayoutInput, quote: PositionedToken, text: string, line: number): Attribution {
  const rawLastLine = quote.token.raw.trimEnd().split("\n").pop() ?? "";
  const column = Math.max(0, rawLastLine.indexOf(text)) + 1;
  return parseAttribution(input.markdown.renderHeading(text, line, column));
}

/** "Svante E. Cornell, Research Director, CACI" (as inline HTML) → speaker and role. */
export function parseAttribution(html: string): Attribution {
  const clean = plainText(html);
  const comma = clean.indexOf(",");
  if (comma < 0) return { speaker: clean };
  return { speaker: clean.slice(0, comma).trim(), role: clean.slice(comma + 1).trim() };
}

function readColumns(input: LayoutInput): SectionContent {
  const tokens = significant(input.tokens);
  const intro: PositionedToken[] = [];
  const groups: { heading: string; tokens: PositionedToken[] }[] = [];
  for (const item of tokens) {
    if (item.token.type === "heading" && (item.token as Tokens.Heading).depth === 3) {
      groups.push({ heading: plainText(input.markdown.renderInline((item.token as Tokens.Heading).tokens, item.token.raw, item.line)), tokens: [] });
    } else if (groups.length === 0) {
      intro.push(item);
    } else {
      groups[groups.length - 1]?.tokens.push(item);
    }
  }
  if (groups.length < 2 || groups.length > 3) {
    const fix = groups.length < 2 ? "start each column with its own ### subheading" : "merge columns or split the section in two";
    input.diagnostics.error(input.section.line, 1, `columns layout needs 2 or 3 ### subheadings, one per column; found ${groups.length}: ${fix}`);
  }
  const columns: Column[] = groups.map((group) => ({ heading: group.heading, blocks: input.markdown.toBlocks(group.tokens) }));
  return { layout: "columns", intro: input.markdown.toBlocks(intro), columns };
}

function readFigure(input: LayoutInput): SectionContent {
  const tokens = significant(input.tokens);
  const withImages = tokens.filter((item) => findImages(item).length > 0);
  const images = withImages.flatMap((item) => findImages(item).map((image) => ({ image, item })));
  const first = images[0];
  if (!first) {
    input.diagnostics.error(input.section.line, 1, 'figure layout needs one image: add one, ![alt text](images/file.png "caption")');
    // Read anyway, so the section's other problems show in the same run.
    input.markdown.toBlocks(tokens);
    return { layout: "figure", image: { src: "", contentPath: "", outputPath: "", position: { file: input.diagnostics.file, line: input.section.line, column: 1 } }, alt: "" };
  }
  if (images.length > 1) {
    input.diagnostics.error(images[1]?.item.line ?? input.section.line, 1, "figure layout holds one image; use a text section for several");
  }
  // Render the image's paragraph so the image is checked and recorded like any other.
  input.markdown.renderBlock(first.item);
  const image = input.markdown.images.find((ref) => ref.src === first.image.href);
  const rest = tokens.filter((item) => item !== first.item);
  const creditHtml = rest.map((item) => input.markdown.renderBlock(item)).join("\n");
  return dropUndefined({
    layout: "figure" as const,
    image: image ?? { src: first.image.href, contentPath: "", outputPath: "", position: { file: input.diagnostics.file, line: first.item.line, column: 1 } },
    alt: first.image.text,
    caption: first.image.title ?? undefined,
    creditHtml: creditHtml === "" ? undefined : creditHtml,
  });
}

function findImages(item: PositionedToken): Tokens.Image[] {
  if (item.token.type !== "paragraph") return [];
  return (item.token as Tokens.Paragraph).tokens.filter((t): t is Tokens.Image => t.type === "image");
}

function readDivider(input: LayoutInput): SectionContent {
  const tokens = significant(input.tokens);
  if (tokens.length === 0) return { layout: "section" };
  const first = tokens[0];
  const text = first ? plainText(stripParagraph(input.markdown.renderBlock(first))) : "";
  if (tokens.length > 1 || first?.token.type !== "paragraph" || text.length > MAX_DIVIDER_LINE || text.includes("\n")) {
    input.diagnostics.error(
      first?.line ?? input.section.line,
      1,
      `section layout is a divider: it holds nothing or one short line (at most ${MAX_DIVIDER_LINE} characters); shorten it or use layout=text`,
    );
    input.markdown.toBlocks(tokens.slice(1));
  }
  return { layout: "section", subtitle: text };
}

function readSourcesSection(input: LayoutInput): SectionContent {
  const tokens = significant(input.tokens);
  const lists = tokens.filter((item) => item.token.type === "list");
  const entries: LabelledItem[] = [];
  for (const list of lists) {
    for (const { entry, line } of listItemLines(list)) {
      entries.push({ label: "", html: input.markdown.renderItem(entry, line), line });
    }
  }
  const intro: Block[] = input.markdown.toBlocks(tokens.filter((item) => item.token.type !== "list"));
  return { layout: "sources", intro, entries };
}
