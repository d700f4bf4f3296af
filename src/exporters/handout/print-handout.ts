import { rm } from "node:fs/promises";
import type { DeckFolder } from "../../core/files.js";
import type { HandoutSettings, PrintSession } from "../contracts.js";
import type { Briefing } from "../../core/model.js";
import { pdfInfo } from "../pdf/pdf-info.js";
import { handoutMargins, renderHandout } from "./render-handout.js";
import type { SlideView } from "../../render/slide-views.js";
import type { TemplateSet } from "../../render/templates.js";

const PAGE = "handout.html";
const STYLES = "assets/handout.css";
/** How a handout PDF's name ends: `<slug>-handout.pdf`. */
export const HANDOUT_SUFFIX = "-handout.pdf";

/** Prints `<slug>-handout.pdf` into the staged deck: slides with their notes, on paper. */
export async function printHandout(
  briefing: Briefing, slides: SlideView[], templates: TemplateSet, staged: DeckFolder, session: PrintSession, settings: HandoutSettings,
): Promise<string> {
  const name = `${briefing.slug}${HANDOUT_SUFFIX}`;
  await staged.write([
    { path: PAGE, text: renderHandout(briefing, slides, templates, settings) },
    { path: STYLES, text: templates.handoutCss },
  ]);
  try {
    await session.printHandout(staged.path(PAGE), staged.path(name), pdfInfo(briefing, " (handout)"), { paper: settings.paper, ...handoutMargins(briefing) });
  } finally {
    // The page is only a means to print; the deck folder keeps the PDF.
    await rm(staged.path(PAGE), { force: true });
    await rm(staged.path(STYLES), { force: true });
  }
  return name;
}
