import type { Briefing } from "../../core/model.js";
import { isRightToLeft } from "../../core/locale.js";
import { escapeHtml } from "../../core/html.js";
import type { SlideView } from "../../render/slide-views.js";
import { SlideBoxes } from "./boxes.js";
import type { SlideCapture } from "./capture.js";
import { SlideDraw } from "./draw.js";
import { drawBody } from "./layouts.js";
import { defineMasters, LAYOUT, MASTERS } from "./master.js";
import { finishPackage } from "./package.js";
import { pdfInfo } from "../pdf/pdf-info.js";
import { htmlToParagraphs, htmlToRuns } from "./runs.js";
import { textRuns } from "./text-frames.js";
import { PptxGenJS } from "./pptxgen.js";

export interface PptxInput {
  briefing: Briefing;
  /** The fitted slides: the same continuations and numbering as the deck and the PDF. */
  slides: SlideView[];
  /** Where the fitted deck placed each part of each slide, in slide order. */
  captures: SlideCapture[];
  /** The staged deck folder (images are read from it). */
  deckDir: string;
  /** Document dates (SOURCE_DATE_EPOCH or the briefing's date). */
  date: Date;
}

/**
 * The briefing as an editable PowerPoint presentation: one slide per deck
 * slide, titles in title placeholders, text in text frames with real
 * bullets, tables as tables, pictures with their alt text, notes in the
 * notes pane, banner, footer and number on the masters.
 */
export async function writePptx(input: PptxInput): Promise<Uint8Array> {
  const { briefing, slides, captures } = input;
  if (captures.length !== slides.length) throw new Error(`the deck shows ${captures.length} slides but ${slides.length} were planned`);
  const { meta } = briefing;
  const rtl = isRightToLeft(meta.lang);
  const pptx = new PptxGenJS();
  pptx.defineLayout(LAYOUT);
  pptx.layout = LAYOUT.name;
  pptx.title = meta.title;
  if (meta.presenter) pptx.author = meta.presenter;
  if (meta.organization) pptx.company = meta.organization;
  if (meta.summary) pptx.subject = meta.summary;
  pptx.rtlMode = rtl;
  pptx.theme = { headFontFace: "Source Sans 3", bodyFontFace: "Source Sans 3" };
  defineMasters(pptx, captures, slides.map((slide) => slide.kind), meta.classification);

  slides.forEach((view, index) => {
    const capture = captures[index];
    if (!capture) return;
    const masterName = view.kind === "title" ? MASTERS.title : view.kind === "section" ? MASTERS.section : MASTERS.content;
    const slide = pptx.addSlide({ masterName });
    const draw = new SlideDraw(slide, new SlideBoxes(capture), { briefing, lang: meta.lang, rtl, deckDir: input.deckDir });
    addTitle(view, draw);
    drawBody(view, draw);
    draw.footnotes(view.footnotes);
    const notes = notesText(view.notesHtml);
    if (notes) slide.addNotes(notes);
  });

  const written = (await pptx.write({ outputType: "uint8array", compression: false })) as Uint8Array;
  return finishPackage(written, { ...pdfInfo(briefing), date: input.date });
}

/** The slide's title in the master's title placeholder, in the style the deck gives it. */
function addTitle(view: SlideView, draw: SlideDraw): void {
  const role = view.kind === "title" ? "title-heading" : view.kind === "section" ? "divider-heading" : "heading";
  const heading = draw.boxes.first(role);
  const html = view.kind === "title" ? escapeHtml(heading?.text ?? view.heading) : view.headingHtml;
  const look = heading ? draw.look(heading.style, { linkColor: undefined }) : undefined;
  const runs = look ? textRuns(htmlToParagraphs(html), look) : htmlToRuns(html).map((run) => ({ text: run.text }));
  draw.slide.addText(runs, { placeholder: "title", align: draw.align(heading?.style.align ?? "start") });
  // The accent rule under a heading, or beside a divider's: on the slide, as tall as its heading is.
  draw.border(heading, view.kind === "section" ? "start" : "bottom");
}

/** Speaker notes as the notes pane's plain text: one line per paragraph or list item. */
export function notesText(html: string): string {
  return htmlToParagraphs(html)
    .map((paragraph) => `${paragraph.list ? "• " : ""}${paragraph.runs.map((run) => (run.breakBefore ? `\n${run.text}` : run.text)).join("")}`)
    .join("\n")
    .trim();
}
