import type { Attribution } from "../../core/model.js";
import type { BlockView, SlideView, UnitView } from "../../render/slides.js";

/** What the PowerPoint writer reads of a slide view's layout content. */
export interface ItemView extends UnitView {
  label?: string;
}

export interface ListContent {
  intro: BlockView[];
  items: ItemView[];
  outro: BlockView[];
  start: number;
}

export interface ColumnView {
  heading: string;
  blocks: BlockView[];
}

export interface AgendaItem {
  key: string;
  headingHtml: string;
  divider: boolean;
}

export interface SourceItem {
  key: string;
  number: number;
  html: string;
}

const blocks = (value: unknown): BlockView[] => (Array.isArray(value) ? (value as BlockView[]) : []);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export function textBlocks(slide: SlideView): BlockView[] {
  return blocks(slide.content.blocks);
}

export function listContent(slide: SlideView): ListContent {
  const { content } = slide;
  return {
    intro: blocks(content.intro),
    items: Array.isArray(content.items) ? (content.items as ItemView[]) : [],
    outro: blocks(content.outro),
    start: typeof content.start === "number" ? content.start : 1,
  };
}

export function quoteContent(slide: SlideView): { quoteHtml: string; attribution: Attribution; blocks: BlockView[] } {
  const { content } = slide;
  return { quoteHtml: text(content.quoteHtml) ?? "", attribution: (content.attribution as Attribution | undefined) ?? { speaker: "" }, blocks: blocks(content.blocks) };
}

export function columnsContent(slide: SlideView): { intro: BlockView[]; columns: ColumnView[] } {
  const { content } = slide;
  return { intro: blocks(content.intro), columns: Array.isArray(content.columns) ? (content.columns as ColumnView[]) : [] };
}

export function figureContent(slide: SlideView): { src: string; alt: string; caption?: string; creditHtml?: string } {
  const { content } = slide;
  const figure: { src: string; alt: string; caption?: string; creditHtml?: string } = { src: text(content.src) ?? "", alt: text(content.alt) ?? "" };
  const caption = text(content.caption);
  const credit = text(content.creditHtml);
  if (caption) figure.caption = caption;
  if (credit) figure.creditHtml = credit;
  return figure;
}

export function agendaItems(slide: SlideView): AgendaItem[] {
  return Array.isArray(slide.content.items) ? (slide.content.items as AgendaItem[]) : [];
}

export function sourcesContent(slide: SlideView): { intro: BlockView[]; entries: SourceItem[] } {
  const { content } = slide;
  return { intro: blocks(content.intro), entries: Array.isArray(content.entries) ? (content.entries as SourceItem[]) : [] };
}

export function sectionSubtitle(slide: SlideView): string | undefined {
  return text(slide.content.subtitle);
}

export function ledeHtml(slide: SlideView): string {
  return text(slide.content.ledeHtml) ?? "";
}
