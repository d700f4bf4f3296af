import type { Block, Briefing, Footnote, LabelledItem, Section } from "../model.js";

/** A block as templates see it: lists are opened up so items can be fragments. */
export interface BlockView {
  html: string;
  list?: { tag: "ol" | "ul"; start?: number; items: string[]; fragment: boolean };
}

/** One slide of the deck, ready for its layout partial. */
export interface SlideView {
  /** The partial that draws the slide's body: `layout-<name>`. */
  partial: string;
  kind: string;
  id: string;
  classes: string;
  headingHtml: string;
  /** Plain heading, for outlines. */
  heading: string;
  /** True on the first slide of each outline entry (a section, or the title, agenda, sources). */
  startsSection: boolean;
  number: number;
  total: number;
  fragments: boolean;
  notesHtml: string;
  footnotes: Footnote[];
  /** Line of the section in its file; 0 for generated slides. */
  line: number;
  /** Layout-specific data for the partial. */
  content: Record<string, unknown>;
}

export const SOURCES_HEADING = "Sources";
export const AGENDA_HEADING = "Agenda";

/** Lays the briefing out as slides: title, agenda, sections, sources. */
export function buildSlides(briefing: Briefing): SlideView[] {
  const slides: Omit<SlideView, "number" | "total">[] = [];
  slides.push({
    ...generated("title", "title", briefing.meta.title),
    headingHtml: escapeHtml(briefing.meta.title),
    content: { ledeHtml: briefing.ledeHtml },
  });
  const agendaIndex = briefing.showAgenda ? slides.push(generated("agenda", "agenda", AGENDA_HEADING)) - 1 : -1;

  let sourcesPlaced = false;
  for (const section of briefing.sections) {
    if (section.layout === "sources") {
      if (briefing.meta.sources || section.content.layout === "sources") {
        slides.push(sourcesSlide(briefing, section));
        sourcesPlaced = true;
      }
      continue;
    }
    slides.push(sectionSlide(section));
  }
  if (!sourcesPlaced && briefing.meta.sources && briefing.sources.length > 0) {
    slides.push(sourcesSlide(briefing));
  }

  const total = slides.length;
  const numbered = slides.map((slide, index) => ({ ...slide, number: index + 1, total }));
  const agenda = numbered[agendaIndex];
  if (agenda) {
    const items = numbered
      .filter((slide) => slide.line > 0 && slide.kind !== "sources" && slide.startsSection)
      .map((slide) => ({ id: slide.id, headingHtml: slide.headingHtml, number: slide.number, divider: slide.kind === "section" }));
    agenda.content = { items, twoColumns: items.length > 6 };
  }
  return numbered;
}

function generated(kind: string, partial: string, heading: string): Omit<SlideView, "number" | "total"> {
  return {
    partial: `layout-${partial}`,
    kind,
    id: kind,
    classes: `slide layout-${partial}`,
    headingHtml: escapeHtml(heading),
    heading,
    startsSection: true,
    fragments: false,
    notesHtml: "",
    footnotes: [],
    line: 0,
    content: {},
  };
}

function sectionSlide(section: Section): Omit<SlideView, "number" | "total"> {
  return {
    partial: `layout-${section.layout}`,
    kind: section.layout,
    id: section.id,
    classes: ["slide", `layout-${section.layout}`, ...section.classes].join(" "),
    headingHtml: section.headingHtml,
    heading: section.heading,
    startsSection: true,
    fragments: section.fragments,
    notesHtml: section.notesHtml,
    footnotes: section.footnotes,
    line: section.position.line,
    content: contentView(section),
  };
}

function sourcesSlide(briefing: Briefing, section?: Section): Omit<SlideView, "number" | "total"> {
  const extra: LabelledItem[] = section?.content.layout === "sources" ? section.content.entries : [];
  const intro: Block[] = section?.content.layout === "sources" ? section.content.intro : [];
  const entries = [
    ...briefing.sources.map((entry) => ({ number: entry.number, html: entry.html })),
    ...extra.map((entry, index) => ({ number: briefing.sources.length + index + 1, html: entry.html })),
  ];
  const base = section ? sectionSlide(section) : generated("sources", "sources", SOURCES_HEADING);
  return {
    ...base,
    kind: "sources",
    content: { intro: blockViews(intro, false), entries, twoColumns: entries.length > 6 },
  };
}

function contentView(section: Section): Record<string, unknown> {
  const content = section.content;
  const fragments = section.fragments;
  switch (content.layout) {
    case "text":
      return { blocks: blockViews(content.blocks, fragments) };
    case "summary":
    case "timeline":
    case "stats":
      return {
        intro: blockViews(content.intro, false),
        items: content.items,
        outro: blockViews(content.outro, false),
        start: content.start ?? 1,
        count: content.items.length,
        horizontal: content.layout === "timeline" && content.items.length <= 4,
      };
    case "quote":
      return { quoteHtml: content.quoteHtml, attribution: content.attribution, blocks: blockViews(content.blocks, false) };
    case "columns":
      return {
        intro: blockViews(content.intro, false),
        columns: content.columns.map((column) => ({ heading: column.heading, blocks: blockViews(column.blocks, fragments) })),
        count: content.columns.length,
      };
    case "figure":
      return { src: content.image.outputPath, alt: content.alt, caption: content.caption, creditHtml: content.creditHtml };
    case "section":
      return { subtitle: content.subtitle };
    case "sources":
      return {};
  }
}

export function blockViews(blocks: Block[], fragments: boolean): BlockView[] {
  return blocks.map((block) =>
    block.kind === "list" && block.items
      ? {
          html: block.html,
          list: {
            tag: block.ordered ? "ol" : "ul",
            ...(block.ordered && block.start !== undefined && block.start !== 1 ? { start: block.start } : {}),
            items: block.items,
            fragment: fragments,
          },
        }
      : { html: block.html },
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
