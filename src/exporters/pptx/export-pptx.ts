import { writeFile } from "node:fs/promises";
import type { Briefing } from "../../core/model.js";
import type { SlideView } from "../../render/slide-views.js";
import { documentDate } from "../pdf/pdf-info.js";
import { CAPTURE_ROLES, captureSlidesInPage } from "./capture.js";
import type { SlideCapture } from "./capture.js";

/** Runs a function in the page that shows the fitted deck in print view. */
export type PageInspector = <T, A>(inPage: (arg: A) => T, arg: A) => Promise<T>;

/** Reads where the fitted deck placed everything; call while the page still shows the fitted deck. */
export function captureLayout(inspect: PageInspector): Promise<SlideCapture[]> {
  return inspect(captureSlidesInPage, CAPTURE_ROLES);
}

/** Writes `<slug>.pptx` from the model's fitted slides and the captured layout. */
export async function exportPptx(path: string, briefing: Briefing, slides: SlideView[], captures: SlideCapture[], deckDir: string): Promise<void> {
  // Loaded here so builds without --pptx never load pptxgenjs.
  const { writePptx } = await import("./write-pptx.js");
  const bytes = await writePptx({ briefing, slides, captures, deckDir, date: documentDate(briefing.meta.date) });
  await writeFile(path, bytes);
}
