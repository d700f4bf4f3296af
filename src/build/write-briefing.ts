import { join } from "node:path";
import { ContentError, messageOf } from "../core/errors.js";
import type { SlideView } from "../render/slide-views.js";
import type { TemplateSet } from "../render/templates.js";
import { renderFitted } from "../fit/fit-deck.js";
import { fitContext } from "../fit/fit-memory.js";
import type { PrintSession, SlideBookmark } from "../exporters/contracts.js";
import { printHandout } from "../exporters/handout/print-handout.js";
import { pdfInfo } from "../exporters/pdf/pdf-info.js";
import { captureLayout, exportPptx } from "../exporters/pptx/export-pptx.js";
import { renderSingleFile } from "../exporters/single-file/single-file.js";
import { StagedFolder } from "../output/atomic.js";
import type { BuildCache } from "../output/cache.js";
import { DECK_SUMMARY_FILE } from "../output/index-writer.js";
import { deckSummary, outputNames } from "./outputs.js";
import { deckFiles, strictly } from "./prepare.js";
import { draftFitErrors } from "./draft-fit.js";
import { unprintable } from "./unprintable.js";
import type { Prepared } from "./prepare.js";
import type { BriefingOutcome, BuildOptions } from "./types.js";

/**
 * One briefing's deck folder: staged beside its final place, rendered and
 * fitted, printed, then swapped in whole; on any failure the previous
 * output stays as it was.
 */
export async function writeBriefing(item: Prepared, templates: TemplateSet, options: BuildOptions, cache: BuildCache): Promise<BriefingOutcome> {
  const started = performance.now();
  const outcome: BriefingOutcome = { slug: item.source.slug, file: item.source.file, ok: false, slides: 0, diagnostics: [], milliseconds: 0 };
  const finish = (): BriefingOutcome => {
    outcome.milliseconds = Math.round(performance.now() - started);
    options.onBriefing?.(outcome);
    return outcome;
  };
  const briefing = item.briefing;
  if (!briefing) {
    outcome.diagnostics.push(...(await draftFitErrors(item, templates, options)));
    return finish();
  }

  const finalPath = join(options.outDir, briefing.slug);
  const pdfName = options.pdf ? `${briefing.slug}.pdf` : undefined;
  let staged: StagedFolder | undefined;
  let session: PrintSession | undefined;
  let slides: SlideView[] = [];
  try {
    staged = await StagedFolder.create(finalPath);
    await staged.write(deckFiles(briefing, templates, options.contentDir));
    session = options.pdfExporter ? await options.pdfExporter.open(staged.path("index.html"), briefing.slug) : undefined;
    const memory = options.fitMemory ? { store: options.fitMemory, context: fitContext(briefing, templates, options.contentDir, { pdfName }) } : undefined;
    const fitted = await renderFitted({ briefing, templates, staged, measure: options.fit !== false, ...(session ? { session } : {}), ...(pdfName ? { pdfName } : {}), ...(memory ? { memory } : {}) });
    slides = fitted.deck.slides;
    const fitDiagnostics = strictly(fitted.diagnostics, options.strict);
    outcome.diagnostics.push(...fitDiagnostics);
    if (fitDiagnostics.some((d) => d.severity === "error")) return finish();
    await staged.write([
      { path: DECK_SUMMARY_FILE, text: `${JSON.stringify(deckSummary(briefing, fitted.deck.slides.length, options), null, 2)}\n` },
      // Cache hook: the record of this deck's inputs is committed with it, or not at all.
      ...(await cache.record(briefing, fitted.deck.slides, outputNames(briefing.slug, options), staged)),
    ]);
    // A provisional pass lays the deck out (measuring it when it has a browser) and leaves the rest to the full build that follows.
    const printing = options.provisional !== true;
    // Read before printing: fragment pages and the handout load other pages into the session.
    const page = session;
    const layout = options.pptx && page && printing ? await captureLayout((inPage, arg) => page.inspect(inPage, arg)) : undefined;
    if (pdfName && session && printing) {
      await session.print(staged.path(pdfName), pdfInfo(briefing), outlineOf(fitted.deck.slides), { fragments: options.pdfFragments === true });
    }
    if (options.handout && session && printing) outcome.handoutPath = join(finalPath, await printHandout(briefing, fitted.deck.slides, templates, staged, session, options.handout));
    if (layout) {
      const name = `${briefing.slug}.pptx`;
      await exportPptx(staged.path(name), briefing, fitted.deck.slides, layout, staged.path("."));
      outcome.pptxPath = join(finalPath, name);
    }
    if (options.singleFile && printing) {
      const name = `${briefing.slug}.html`;
      await staged.write([{ path: name, text: await renderSingleFile(briefing, templates, fitted.plan, options.contentDir) }]);
      outcome.singleFilePath = join(finalPath, name);
    }
    await staged.commit();
    staged = undefined;
    outcome.ok = true;
    outcome.slides = fitted.deck.slides.length;
    outcome.deckPath = join(finalPath, "index.html");
    if (pdfName) outcome.pdfPath = join(finalPath, pdfName);
  } catch (error) {
    // A deck too heavy to print in the time its size allows is the content's doing, not the machine's.
    if (error instanceof ContentError) outcome.diagnostics.push(unprintable(briefing, slides, error));
    else outcome.failure = `${briefing.slug}: ${messageOf(error)}`;
  } finally {
    await session?.close();
    await staged?.discard();
  }
  return finish();
}

/** One bookmark per outline entry: the title, agenda, each section's first slide, the sources. */
function outlineOf(slides: SlideView[]): SlideBookmark[] {
  return slides.filter((slide) => slide.startsSection).map((slide) => ({ title: slide.heading, slideId: slide.id }));
}
