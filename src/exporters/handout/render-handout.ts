import { fillIn, uiStrings } from "../../core/ui-strings.js";
import type { Briefing } from "../../core/model.js";
import { formatDate, isRightToLeft } from "../../core/locale.js";
import { SLIDE_WIDTH } from "../../render/deck.js";
import type { SlideView } from "../../render/slides.js";
import type { TemplateSet } from "../../render/templates.js";
import { escapeHtml } from "../../core/html.js";
import type { Paper } from "../contracts.js";


/** Paper widths in mm, and the side margins the handout prints with. */
const PAPER_WIDTH_MM: Record<Paper, number> = { a4: 210, letter: 215.9 };
const PAPER_HEIGHT_MM: Record<Paper, number> = { a4: 297, letter: 279.4 };
const SIDE_MARGINS_MM = 32;
/** Top and bottom margins (18 mm and 16 mm), and a little slack against rounding. */
const VERTICAL_MARGINS_MM = 34.5;
const CSS_PX_PER_MM = 96 / 25.4;

/** The handout page: every slide (the same markup as the deck) above its notes. */
export function renderHandout(briefing: Briefing, slides: SlideView[], templates: TemplateSet, paper: Paper): string {
  const { meta } = briefing;
  const slideZoom = ((PAPER_WIDTH_MM[paper] - SIDE_MARGINS_MM) * CSS_PX_PER_MM) / SLIDE_WIDTH;
  return templates.handout({
    meta,
    lang: meta.lang,
    dir: isRightToLeft(meta.lang) ? "rtl" : "ltr",
    dateText: formatDate(meta.date, meta.lang),
    footerTitle: meta.shortTitle ?? meta.title,
    slides,
    ui: uiStrings(meta.lang),
    slideZoom: Math.floor(slideZoom * 10000) / 10000,
    pageHeightMm: PAPER_HEIGHT_MM[paper] - VERTICAL_MARGINS_MM,
    ruleLines: Array.from({ length: ruleLineCount(paper) }, (_, index) => index),
  });
}

/** As many 9 mm lines as fit under the slide, so a page of lines never spills onto another. */
function ruleLineCount(paper: Paper): number {
  const slideHeightMm = ((PAPER_WIDTH_MM[paper] - SIDE_MARGINS_MM) * 9) / 16;
  const roomMm = PAPER_HEIGHT_MM[paper] - VERTICAL_MARGINS_MM - slideHeightMm - 12;
  return Math.max(0, Math.floor(roomMm / 9));
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
