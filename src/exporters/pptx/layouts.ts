import { escapeHtml as escapeText } from "../../core/html.js";
import type { SlideView } from "../../render/slide-views.js";
import { union } from "./boxes.js";
import { drawNativeChart } from "./charts.js";
import type { SlideDraw } from "./draw.js";
import { htmlToParagraphs, htmlToRuns } from "./runs.js";
import type { Paragraph } from "./runs.js";
import { agendaItems, chartSvg, columnsContent, figureContent, ledeHtml, listContent, quoteContent, sectionSubtitle, sourcesContent, textBlocks } from "./view-content.js";

/** Draws a slide's body (everything but its title, which goes in the title placeholder) by its layout. */
export function drawBody(slide: SlideView, draw: SlideDraw): void {
  switch (slide.kind) {
    case "title":
      return drawTitleSlide(slide, draw);
    case "agenda":
      return drawAgenda(slide, draw);
    case "section":
      return draw.textOf(draw.boxes.first("divider-subtitle"), escapeText(sectionSubtitle(slide) ?? ""));
    case "summary":
    case "timeline":
    case "stats":
      return drawItems(slide, draw);
    case "quote":
      return drawQuote(slide, draw);
    case "columns":
      return drawColumns(slide, draw);
    case "figure":
      return drawFigure(slide, draw);
    case "sources":
      return drawSources(slide, draw);
    case "chart":
      return drawChart(slide, draw);
    default:
      return draw.blocks(textBlocks(slide));
  }
}

function drawTitleSlide(slide: SlideView, draw: SlideDraw): void {
  const { boxes } = draw;
  for (const role of ["title-organization", "title-subtitle", "title-source"]) {
    const captured = boxes.first(role);
    if (captured) draw.textOf(captured, escapeText(captured.text));
  }
  const lede = boxes.first("title-lede");
  if (lede) {
    draw.border(lede, "start");
    draw.text(lede.inner, htmlToParagraphs(ledeHtml(slide)), draw.look(lede.style, { linkColor: "FFFFFF" }));
  }
  for (const line of boxes.all("title-meta")) draw.textOf(line, escapeText(line.text));
}

function drawAgenda(slide: SlideView, draw: SlideDraw): void {
  const items = agendaItems(slide);
  numberedColumns(draw, items.map((item, index) => ({ key: item.key, number: index + 1, html: item.headingHtml, bold: item.divider })));
}

function drawSources(slide: SlideView, draw: SlideDraw): void {
  const { intro, entries } = sourcesContent(slide);
  draw.blocks(intro);
  numberedColumns(draw, entries.map((entry) => ({ key: entry.key, number: entry.number, html: entry.html, bold: false })));
}

/**
 * A numbered list (agenda, sources) as one text frame per column the deck
 * shows, each a real numbered list that starts at its first entry's number.
 */
function numberedColumns(draw: SlideDraw, entries: Array<{ key: string; number: number; html: string; bold: boolean }>): void {
  const columns = new Map<number, Array<{ number: number; html: string; bold: boolean; box: { x: number; y: number; w: number; h: number } }>>();
  let style;
  for (const entry of entries) {
    const captured = draw.boxes.unit(entry.key);
    if (!captured) continue;
    style ??= captured.style;
    const column = Math.round(captured.box.x / 40);
    columns.set(column, [...(columns.get(column) ?? []), { ...entry, box: captured.box }]);
  }
  if (!style) return;
  for (const column of columns.values()) {
    const box = union(column.map((entry) => entry.box));
    const first = column[0];
    if (!box || !first) continue;
    const paragraphs: Paragraph[] = column.map((entry) => ({
      level: 0,
      list: "number",
      start: first.number,
      count: column.length,
      runs: htmlToRuns(entry.html).map((run) => (entry.bold ? { ...run, bold: true } : run)),
    }));
    const indent = 40;
    draw.text({ ...box, x: draw.context.rtl ? box.x : box.x - indent, w: box.w + indent }, paragraphs, draw.look(style, { paraSpaceAfter: 6 }));
  }
}

/** Summary (numbered key judgments), timeline (dated entries) and stats (figure tiles). */
function drawItems(slide: SlideView, draw: SlideDraw): void {
  const { intro, items, outro, start } = listContent(slide);
  draw.blocks(intro);
  const { boxes } = draw;
  if (slide.kind === "summary") {
    const captured = items.map((item) => boxes.unit(item.key)).filter((box) => box !== undefined);
    const first = captured[0];
    const box = union(captured.map((c) => c.box));
    if (first && box) {
      const paragraphs: Paragraph[] = items.map((item) => ({ level: 0, list: "number", start, count: items.length, runs: htmlToRuns(item.html) }));
      draw.text(box, paragraphs, draw.look(first.style, { paraSpaceAfter: 12 }));
    }
  } else if (slide.kind === "timeline") {
    draw.marker(boxes.first("timeline"));
    for (const item of items) {
      draw.marker(boxes.unit(item.key));
      draw.textOf(boxes.inUnit("timeline-date", item.key), escapeText(item.label ?? ""));
      draw.textOf(boxes.inUnit("timeline-text", item.key), item.html);
    }
  } else {
    for (const item of items) {
      const tile = boxes.unit(item.key);
      if (!tile) continue;
      draw.rect(tile.box, tile.style.background);
      draw.border(tile, "top");
      draw.textOf(boxes.inUnit("stat-figure", item.key), escapeText(item.label ?? ""));
      draw.textOf(boxes.inUnit("stat-label", item.key), item.html);
    }
  }
  draw.blocks(outro);
}

function drawQuote(slide: SlideView, draw: SlideDraw): void {
  const { quoteHtml, attribution, blocks } = quoteContent(slide);
  const { boxes } = draw;
  draw.border(boxes.first("pull-quote"), "start");
  const quote = boxes.first("quote");
  if (quote) {
    const paragraphs = htmlToParagraphs(quoteHtml).map((paragraph) => ({ ...paragraph, quote: false }));
    const first = paragraphs[0]?.runs[0];
    const lastParagraph = paragraphs[paragraphs.length - 1];
    const last = lastParagraph?.runs[lastParagraph.runs.length - 1];
    if (first) first.text = `“${first.text}`;
    if (last) last.text = `${last.text}”`;
    draw.text(quote.box, paragraphs, draw.look(quote.style));
  }
  draw.textOf(boxes.first("quote-speaker"), escapeText(attribution.speaker));
  if (attribution.role) draw.textOf(boxes.first("quote-role"), escapeText(attribution.role));
  draw.blocks(blocks);
}

function drawColumns(slide: SlideView, draw: SlideDraw): void {
  const { intro, columns } = columnsContent(slide);
  draw.blocks(intro);
  const headings = draw.boxes.all("column-heading");
  columns.forEach((column, index) => {
    const heading = headings[index];
    if (heading) {
      draw.textOf(heading, escapeText(column.heading));
      draw.border(heading, "bottom");
    }
    draw.blocks(column.blocks);
  });
}

function drawChart(slide: SlideView, draw: SlideDraw): void {
  const section = draw.context.briefing.sections.find((candidate) => candidate.id === slide.sectionId);
  const at = draw.boxes.first("chart");
  if (section?.content.layout !== "chart" || !at) return;
  const { figure, captionHtml } = section.content;
  if (figure.kind === "data") drawNativeChart(draw, figure, at, draw.context.briefing.meta.accent);
  else draw.svgPicture(at, chartSvg(slide), section.heading);
  if (captionHtml) draw.textOf(draw.boxes.first("chart-caption"), captionHtml);
}

function drawFigure(slide: SlideView, draw: SlideDraw): void {
  const figure = figureContent(slide);
  const { boxes } = draw;
  draw.image(boxes.first("figure-image"), figure.src, figure.alt);
  if (figure.caption) draw.textOf(boxes.first("figure-caption"), escapeText(figure.caption), {});
  if (figure.creditHtml) draw.textOf(boxes.first("figure-credit"), figure.creditHtml);
}
