import { join } from "node:path";
import type { Slide, TableRow } from "./pptxgen.js";
import type { Briefing, Footnote } from "../../core/model.js";
import type { BlockView } from "../../render/slide-views.js";
import { roomy, union } from "./boxes.js";
import type { SlideBoxes } from "./boxes.js";
import type { Box, BoxStyle, CapturedBox } from "./capture.js";
import { elementsOf, htmlToParagraphs, htmlToRuns } from "./runs.js";
import type { Paragraph } from "./runs.js";
import { lookOf, textRuns } from "./text-frames.js";
import type { TextLook } from "./text-frames.js";
import { pathOfRelativeUrl } from "../../input/images/url.js";
import { colour, fontFace, hexOr, place, points } from "./units.js";


export interface DrawContext {
  /** The briefing, for what slide views do not carry (a chart's data). */
  briefing: Briefing;
  lang: string;
  rtl: boolean;
  /** The staged deck folder: images are read from where the deck has them. */
  deckDir: string;
}

/** Draws the parts of one slide as native PowerPoint shapes at the places the deck gave them. */
export class SlideDraw {
  /** Lowest y a text box may grow to: the footnotes or the footer, whichever comes first. */
  readonly floor: number;

  constructor(
    readonly slide: Slide,
    readonly boxes: SlideBoxes,
    readonly context: DrawContext,
  ) {
    const limit = boxes.first("footnotes") ?? boxes.first("footer");
    this.floor = limit ? limit.box.y : 720;
  }

  look(style: BoxStyle, overrides: Partial<TextLook> = {}): TextLook {
    return lookOf(style, this.context.lang, this.context.rtl, { linkColor: "1D4E89", ...overrides });
  }

  /** A text frame at a box, with room to spare and shrink-on-overflow. */
  text(box: Box, paragraphs: Paragraph[], look: TextLook, options: { valign?: "top" | "middle" | "bottom"; align?: "left" | "center" | "right"; name?: string } = {}): void {
    if (paragraphs.length === 0) return;
    const align = options.align ?? (this.context.rtl ? "right" : "left");
    this.slide.addText(textRuns(paragraphs, look), {
      ...place(roomy(box, this.boxes.nextBelow(box, this.floor))),
      margin: 0,
      valign: options.valign ?? "top",
      align,
      fit: "shrink",
      ...(options.name ? { objectName: options.name } : {}),
    });
  }

  /** A captured element's own text, drawn in its own style. */
  textOf(captured: CapturedBox | undefined, html: string, overrides: Partial<TextLook> = {}): void {
    if (!captured) return;
    this.text(captured.inner, htmlToParagraphs(html), this.look(captured.style, overrides), { align: this.align(captured.style.align) });
  }

  /** A CSS text-align as PowerPoint's, with start and end following the text direction. */
  align(css: string): "left" | "center" | "right" {
    if (css === "center") return "center";
    const end = css === "end" || css === "right";
    const start = !end;
    if (css === "left" || css === "right") return css;
    return start !== this.context.rtl ? "left" : "right";
  }

  rect(box: Box, css: string, name?: string): void {
    const fill = colour(css);
    if (!fill || box.w <= 0 || box.h <= 0) return;
    this.slide.addShape("rect", {
      ...place(box),
      fill: { color: fill.hex, transparency: fill.transparency },
      line: { type: "none" },
      ...(name ? { objectName: name } : {}),
    });
  }

  /** The top or start-side border of a captured element, drawn as a thin bar. */
  border(captured: CapturedBox | undefined, side: "top" | "start" | "bottom"): void {
    if (!captured) return;
    const { box, style } = captured;
    const edge = side === "top" ? style.borderTop : side === "bottom" ? style.borderBottom : style.borderStart;
    if (edge.width <= 0) return;
    if (side === "top") this.rect({ x: box.x, y: box.y, w: box.w, h: edge.width }, edge.color);
    else if (side === "bottom") this.rect({ x: box.x, y: box.y + box.h - edge.width, w: box.w, h: edge.width }, edge.color);
    else this.rect({ x: this.context.rtl ? box.x + box.w - edge.width : box.x, y: box.y, w: edge.width, h: box.h }, edge.color);
  }

  /** A `::before` marker (timeline dot or line). */
  marker(captured: CapturedBox | undefined): void {
    const marker = captured?.marker;
    if (!marker) return;
    const fill = colour(marker.color);
    if (!fill) return;
    this.slide.addShape(marker.round ? "ellipse" : "rect", { ...place(marker.box), fill: { color: fill.hex }, line: { type: "none" } });
  }

  /** A picture as the deck draws it (`object-fit: contain`), with its alt text as the description. */
  image(captured: CapturedBox | undefined, src: string, alt: string): void {
    // The page's src is a URL (each segment percent-encoded); the file is its decoded path.
    const file = pathOfRelativeUrl(src);
    if (!captured || file === undefined || file === "") return;
    const { box } = captured;
    const natural = captured.natural;
    let drawn = box;
    if (natural && natural.w > 0 && natural.h > 0) {
      const scale = Math.min(box.w / natural.w, box.h / natural.h);
      const w = natural.w * scale;
      const h = natural.h * scale;
      drawn = { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
    }
    this.slide.addImage({ path: join(this.context.deckDir, ...file.split("/")), ...place(drawn), altText: alt });
  }

  /** An SVG drawing (a Vega-Lite chart) as a picture, described by `alt`. */
  svgPicture(captured: CapturedBox, svg: string, alt: string): void {
    if (svg === "") return;
    this.slide.addImage({ data: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, ...place(captured.box), altText: alt });
  }

  /** Markdown blocks: paragraphs, lists with real bullets, tables, pictures. */
  blocks(views: BlockView[], fallbackStyle?: BoxStyle): void {
    for (const view of views) this.block(view, fallbackStyle);
  }

  private block(view: BlockView, fallbackStyle?: BoxStyle): void {
    if (view.table) return this.table(view);
    if (view.list) {
      const items = view.list.items.map((item) => this.boxes.unit(item.key)).filter((box): box is CapturedBox => box !== undefined);
      const first = items[0];
      if (!first) return;
      const list = this.boxes.around("list", first.box);
      const box = union([...(list ? [list.box] : []), ...items.map((item) => item.box)]);
      if (!box) return;
      const { tag, start } = view.list;
      const count = view.list.items.length;
      // Each item inside its own list tag, so nested lists come out one level deeper.
      const paragraphs = view.list.items.flatMap((item) =>
        htmlToParagraphs(`<${tag}><li>${item.html}</li></${tag}>`).map((paragraph) =>
          paragraph.level === 0 ? { ...paragraph, count, ...(start !== undefined ? { start } : {}) } : paragraph,
        ),
      );
      this.text(box, paragraphs, this.look(first.style, { paraSpaceAfter: 6 }));
      return;
    }
    if (view.sentences) {
      // Part of a paragraph continued between sentences: its sentences' boxes make its box.
      const pieces = view.sentences.map((sentence) => this.boxes.unit(sentence.key)).filter((box): box is CapturedBox => box !== undefined);
      const box = union(pieces.map((piece) => piece.box));
      const first = pieces[0];
      if (!box || !first) return;
      const html = `<p>${view.sentences.map((sentence) => sentence.html).join(" ")}</p>`;
      this.text(box, htmlToParagraphs(html), this.look(first.style.fontSize > 0 ? first.style : fallbackStyle ?? first.style, { paraSpaceAfter: 8 }));
      return;
    }
    const captured = this.boxes.unit(view.key);
    if (!captured) return;
    for (const image of this.boxes.within("image", captured.box)) {
      const picture = elementsOf(view.html, "img")[0];
      this.image(image, picture?.attribs.src ?? "", picture?.attribs.alt ?? "");
    }
    const quote = this.boxes.within("blockquote", captured.box)[0];
    if (quote) {
      this.border(quote, "start");
      this.text(quote.inner, htmlToParagraphs(view.html).map((paragraph) => ({ ...paragraph, quote: false })), this.look(quote.style, { paraSpaceAfter: 8 }));
      return;
    }
    const style = captured.style.fontSize > 0 ? captured.style : fallbackStyle ?? captured.style;
    this.text(captured.box, htmlToParagraphs(view.html), this.look(style, { paraSpaceAfter: 8 }));
  }

  private table(view: BlockView): void {
    const table = view.table;
    if (!table) return;
    const firstRow = table.rows[0] ? this.boxes.unit(table.rows[0].key) : undefined;
    const captured = firstRow ? this.boxes.around("table", firstRow.box) : undefined;
    if (!captured) return;
    const cells = this.boxes.within("table-cell", captured.box);
    const headCells = htmlCells(table.head);
    const columns = Math.max(headCells.length, 1);
    const widths = cells.slice(0, columns).map((cell) => cell.box.w);
    const cellStyle = cells[columns]?.style ?? cells[0]?.style ?? captured.style;
    const look = this.look(cellStyle);
    const cellOptions = { fontSize: points(cellStyle.fontSize), fontFace: fontFace(cellStyle.fontFamily), color: hexOr(cellStyle.color, "14213D"), margin: [4, 9, 4, 9] as [number, number, number, number] };
    const rule = { type: "solid" as const, pt: 0.75, color: "D5D9E0" };
    const none = { type: "none" as const };
    const row = (html: string, header: boolean): TableRow =>
      htmlCells(html).map((cell) => ({
        text: textRuns(htmlToParagraphs(cell), { ...look, bold: header || look.bold === true }),
        options: { ...cellOptions, bold: header, border: [none, none, header ? { type: "solid", pt: 1.5, color: "14213D" } : rule, none] },
      }));
    const rows: TableRow[] = [...(headCells.length > 0 ? [row(table.head, true)] : []), ...table.rows.map((r) => row(r.html, false))];
    this.slide.addTable(rows, { ...place(captured.box), colW: widths.length === columns ? widths.map((w) => place({ x: 0, y: 0, w, h: 1 }).w) : undefined, autoPage: false });
  }

  /** The slide's footnotes, each with the marker the reader sees on the slide: a source's number on the sources slide, a note's letter. */
  footnotes(footnotes: Footnote[]): void {
    const area = this.boxes.first("footnotes");
    if (!area || footnotes.length === 0) return;
    const paragraphs: Paragraph[] = footnotes.map((footnote) => ({
      level: 0,
      runs: [{ text: footnote.marker, superscript: true }, { text: " " }, ...htmlToRuns(footnote.html)],
    }));
    this.text(area.inner, paragraphs, this.look(area.style));
    this.border(area, "top");
  }
}

/** The cells of a table row (or of a `<thead>`), as inner HTML. */
function htmlCells(rowHtml: string): string[] {
  // A row alone is not valid HTML outside a table: wrap it so the parser keeps its cells.
  const html = /^\s*<thead/i.test(rowHtml) ? `<table>${rowHtml}</table>` : `<table><tr>${rowHtml}</tr></table>`;
  return elementsOf(html, "th", "td").map((cell) => cell.innerHtml);
}
