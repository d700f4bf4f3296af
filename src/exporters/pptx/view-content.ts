import type { Attribution } from "../../core/model.js";
import type { AgendaEntryView, BlockView, ColumnView, ItemView, SlideView, SourceEntryView } from "../../render/slide-views.js";

/** What the PowerPoint writer reads of a slide view's layout content (empty for a slide of another layout). */
export interface ListContent {
  intro: BlockView[];
  items: ItemView[];
  outro: BlockView[];
  start: number;
}

export function textBlocks(slide: SlideView): BlockView[] {
  return slide.content.layout === "text" ? slide.content.blocks : [];
}

export function listContent(slide: SlideView): ListContent {
  const { content } = slide;
  switch (content.layout) {
    case "summary":
    case "timeline":
    case "stats":
      return { intro: content.intro, items: content.items, outro: content.outro, start: content.start };
    default:
      return { intro: [], items: [], outro: [], start: 1 };
  }
}

export function quoteContent(slide: SlideView): { quoteHtml: string; attribution: Attribution; blocks: BlockView[] } {
  const { content } = slide;
  return content.layout === "quote" ? content : { quoteHtml: "", attribution: { speaker: "" }, blocks: [] };
}

export function columnsContent(slide: SlideView): { intro: BlockView[]; columns: ColumnView[] } {
  const { content } = slide;
  return content.layout === "columns" ? content : { intro: [], columns: [] };
}

export function figureContent(slide: SlideView): { src: string; alt: string; caption?: string; creditHtml?: string } {
  const { content } = slide;
  if (content.layout !== "figure") return { src: "", alt: "" };
  const figure: { src: string; alt: string; caption?: string; creditHtml?: string } = { src: content.src, alt: content.alt };
  if (content.caption) figure.caption = content.caption;
  if (content.creditHtml) figure.creditHtml = content.creditHtml;
  return figure;
}

export function agendaItems(slide: SlideView): AgendaEntryView[] {
  return slide.content.layout === "agenda" ? slide.content.items : [];
}

export function sourcesContent(slide: SlideView): { intro: BlockView[]; entries: SourceEntryView[] } {
  const { content } = slide;
  return content.layout === "sources" ? content : { intro: [], entries: [] };
}

export function sectionSubtitle(slide: SlideView): string | undefined {
  return slide.content.layout === "section" ? slide.content.subtitle : undefined;
}

export function ledeHtml(slide: SlideView): string {
  return slide.content.layout === "title" ? slide.content.ledeHtml : "";
}

export function chartSvg(slide: SlideView): string {
  return slide.content.layout === "chart" ? slide.content.svg : "";
}
