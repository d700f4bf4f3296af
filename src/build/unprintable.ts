import type { Diagnostic } from "../core/diagnostics.js";
import type { ContentError } from "../core/errors.js";
import type { Briefing } from "../core/model.js";
import type { SlideView } from "../render/slide-views.js";

/**
 * A deck the browser could not print in time, as an error at its heaviest
 * slide: the one to cut first. Only slides written in the briefing count:
 * the agenda of a long deck is heavy too, but the author cannot shorten it.
 */
export function unprintable(briefing: Briefing, slides: readonly SlideView[], error: ContentError): Diagnostic {
  const written = slides.filter((slide) => slide.line > 0);
  const heaviest = (written.length > 0 ? written : slides).reduce<SlideView | undefined>((best, slide) => (!best || weight(slide) > weight(best) ? slide : best), undefined);
  const where = heaviest ? `; its heaviest slide is ${heaviest.number}, "${heaviest.heading}"` : "";
  return {
    file: briefing.file, line: Math.max(1, heaviest?.line ?? 1), column: 1, severity: "error",
    message: `${error.message}${where}: shorten that slide or split the briefing (or raise --timeout on a slow machine)`,
  };
}

function weight(slide: SlideView): number {
  return JSON.stringify(slide.content).length + slide.notesHtml.length;
}
