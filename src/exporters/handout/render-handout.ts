import type { HandoutSettings, Paper } from "../contracts.js";
import { fillIn, uiStrings } from "../../core/ui-strings.js";
import type { Briefing } from "../../core/model.js";
import { formatDate, isRightToLeft } from "../../core/locale.js";
import { SLIDE_WIDTH } from "../../render/deck.js";
import type { SlideView } from "../../render/slide-views.js";
import type { TemplateSet } from "../../render/templates.js";
import { escapeHtml } from "../../core/html.js";

/** Paper widths in mm, and the side margins the handout prints with. */
const PAPER_WIDTH_MM: Record<Paper, number> = { a4: 210, letter: 215.9 };
const PAPER_HEIGHT_MM: Record<Paper, number> = { a4: 297, letter: 279.4 };
const SIDE_MARGINS_MM = 32;
/** Top and bottom margins (18 mm and 16 mm), and a little slack against rounding. */
const VERTICAL_MARGINS_MM = 34.5;
const CSS_PX_PER_MM = 96 / 25.4;

/** Share of the printable width a slide takes when its notes sit beside it (2 or 3 slides a page). */
const BESIDE_SLIDE_SHARE = 0.58;
/** Room between the slides of one page, and the height of one ruled line, in mm. */
const ROW_GAP_MM = 8;
const RULE_MM = 9;

/** One slide of the handout and the text printed with it. */
type HandoutEntry = SlideView & { handoutText: string };

/**
 * The handout page: every slide (the same markup as the deck), one, two or
 * three to a sheet, each with the notes `handout-notes` chooses, or ruled
 * lines where there are none.
 */
export function renderHandout(briefing: Briefing, slides: SlideView[], templates: TemplateSet, settings: HandoutSettings): string {
  const { meta } = briefing;
  const { paper, perPage } = settings;
  const printableWidth = PAPER_WIDTH_MM[paper] - SIDE_MARGINS_MM;
  const slideWidthMm = perPage === 1 ? printableWidth : printableWidth * BESIDE_SLIDE_SHARE;
  const slideZoom = (slideWidthMm * CSS_PX_PER_MM) / SLIDE_WIDTH;
  const entries: HandoutEntry[] = slides.map((slide) => ({ ...slide, handoutText: handoutText(briefing, slide) }));
  const pages = [];
  for (let index = 0; index < entries.length; index += perPage) {
    const group = entries.slice(index, index + perPage);
    pages.push({ entries: group, linesOnly: perPage === 1 && settings.lines && group.every((entry) => entry.handoutText === "") });
  }
  return templates.handout({
    meta,
    lang: meta.lang,
    dir: isRightToLeft(meta.lang) ? "rtl" : "ltr",
    dateText: formatDate(meta.date, meta.lang),
    footerTitle: meta.shortTitle ?? meta.title,
    // The logo as the deck folder holds it (absent when the briefing has none).
    logoSrc: briefing.logo?.outputPath,
    pages,
    perPage,
    lines: settings.lines,
    ui: uiStrings(meta.lang),
    slideZoom: Math.floor(slideZoom * 10000) / 10000,
    slideHeightMm: Math.round(((slideWidthMm * 9) / 16) * 100) / 100,
    pageHeightMm: PAPER_HEIGHT_MM[paper] - VERTICAL_MARGINS_MM,
    ruleLines: Array.from({ length: ruleLineCount(paper, perPage, slideWidthMm) }, (_, index) => index),
  });
}

/**
 * What prints beside a slide: its speaker notes and `::: handout` text
 * (`speaker`, the default), the handout text alone (`handout`: speaker notes
 * stay private), or nothing (`none`). Handout text goes with a section's
 * first slide, as speaker notes do.
 */
function handoutText(briefing: Briefing, slide: SlideView): string {
  const mode = briefing.meta.handoutNotes;
  if (mode === "none") return "";
  const section = slide.continuation === 0 ? briefing.sections.find((candidate) => candidate.id === slide.sectionId) : undefined;
  const handoutOnly = section?.handoutHtml ?? "";
  return (mode === "speaker" ? [slide.notesHtml, handoutOnly] : [handoutOnly]).filter((html) => html !== "").join("\n");
}

/** As many 9 mm lines as fit beside or under one slide, so a page of lines never spills onto another. */
function ruleLineCount(paper: Paper, perPage: number, slideWidthMm: number): number {
  const pageHeight = PAPER_HEIGHT_MM[paper] - VERTICAL_MARGINS_MM;
  const slideHeightMm = (slideWidthMm * 9) / 16;
  if (perPage === 1) return Math.max(0, Math.floor((pageHeight - slideHeightMm - 12) / RULE_MM));
  const rowHeight = (pageHeight - ROW_GAP_MM * (perPage - 1)) / perPage;
  return Math.max(0, Math.floor((Math.min(rowHeight, slideHeightMm + 20) - 4) / RULE_MM));
}

/** Chromium's page margins: title and classification on top, page numbers below. */
export function handoutMargins(briefing: Briefing): { headerHtml: string; footerHtml: string } {
  const { meta } = briefing;
  // Chromium draws the margins apart from the page and will not load a web font there
  // (an embedded one stops them rendering at all), so they use a common sans-serif.
  const style = "font-family:'Source Sans 3',Arial,sans-serif;font-size:8pt;color:#3d4a63;width:100%;margin:0 16mm;display:flex;justify-content:space-between;";
  const classification = meta.classification ? `<span style="letter-spacing:0.1em">${escapeHtml(meta.classification)}</span>` : "<span></span>";
  return {
    headerHtml: `<div style="${style}"><span>${escapeHtml(meta.title)}</span>${classification}</div>`,
    footerHtml: `<div style="${style}"><span>${escapeHtml(formatDate(meta.date, meta.lang))}</span>${classification}<span>${pageOf(meta.lang)}</span></div>`,
  };
}

/** "Page N of M" in the briefing's language, around Chromium's page number fields. */
function pageOf(lang: string): string {
  const ui = uiStrings(lang);
  const text = fillIn(escapeHtml(ui.pageOf), { n: '<span class="pageNumber"></span>', total: '<span class="totalPages"></span>' });
  return ui.lang === lang.toLowerCase().split("-")[0] ? text : `<span lang="en">${text}</span>`;
}
