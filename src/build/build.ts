import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { sortDiagnostics } from "../core/diagnostics.js";
import { EnvironmentError, messageOf } from "../core/errors.js";
import { discoverBriefings, displayPath } from "../input/discover.js";
import type { SlideView } from "../render/slides.js";
import { loadTemplates } from "../render/templates.js";
import type { TemplateSet } from "../render/templates.js";
import { renderFitted } from "../fit/fit-deck.js";
import { refuseRemoteReferences } from "../offline/offline-check.js";
import type { PrintSession, SlideBookmark } from "../exporters/contracts.js";
import { printHandout } from "../exporters/handout/print-handout.js";
import { pdfInfo } from "../exporters/pdf/pdf-info.js";
import { captureLayout, exportPptx } from "../exporters/pptx/export-pptx.js";
import { renderSingleFile } from "../exporters/single-file/single-file.js";
import { StagedFolder } from "../output/atomic.js";
import { BuildCache } from "../output/cache.js";
import { DECK_SUMMARY_FILE, writeIndex } from "../output/index-writer.js";
import { lockOutput } from "../output/lock.js";
import { check } from "./check.js";
import { cacheOptions, cachedOutcome, deckSummary, outputNames } from "./outputs.js";
import { deckFiles, prepare, strictly } from "./prepare.js";
import { draftFitErrors } from "./draft-fit.js";
import type { Prepared } from "./prepare.js";
import type { BriefingOutcome, BuildOptions, BuildReport } from "./types.js";

export type { BriefingOutcome, BuildOptions, BuildReport } from "./types.js";

/**
 * The whole build, as the CLI, the dev server and tests run it:
 * discover → cache check → parse → validate → offline check → render and
 * fit (measured in the browser) → PDF, handout, single file → commit each
 * deck folder → index.
 * Content problems are returned, never thrown; a failing briefing leaves
 * its previous output untouched and does not stop the others.
 */
export async function build(options: BuildOptions): Promise<BuildReport> {
  if (options.checkOnly) return check(options);
  const templates = loadTemplates(options.templatesDir);
  const discovery = discoverBriefings(options.contentDir, options.slugs ?? []);
  const themes = new Set(templates.themes.keys());
  // Cache hook (src/output/cache.ts): briefings whose inputs match their deck's are skipped before parsing.
  const cache = new BuildCache(cacheOptions(options), templates);
  const unchanged = (await cache.unchanged(discovery.sources)).map((deck) => cachedOutcome(deck, options.outDir));
  const toBuild = discovery.sources.filter((source) => !unchanged.some((outcome) => outcome.slug === source.slug));
  const prepared = await Promise.all(toBuild.map((source) => prepare(source, options.contentDir, themes)));
  // Offline check (src/offline/offline-check.ts): decks that would fetch from the network are refused before any is written.
  refuseRemoteReferences(prepared, templates);
  const diagnostics = [...discovery.diagnostics, ...prepared.flatMap((p) => p.diagnostics)];
  const report: BuildReport = { outcomes: [], diagnostics: sortDiagnostics(diagnostics) };

  await ensureFolder(options.outDir);
  const unlock = lockOutput(options.outDir);
  try {
    for (const outcome of unchanged) options.onBriefing?.(outcome);
    report.outcomes.push(...unchanged);
    // The exporter belongs to the caller (the CLI closes it; the dev server keeps it open).
    const results = await Promise.all(prepared.map((item) => writeBriefing(item, templates, options, cache)));
    for (const outcome of results) report.outcomes.push(outcome);
    report.diagnostics = sortDiagnostics([...report.diagnostics, ...results.flatMap((outcome) => outcome.diagnostics)]);
    const environmentFailure = report.outcomes.find((o) => o.failure !== undefined)?.failure;
    if (environmentFailure) report.environmentFailure = environmentFailure;
    try {
      const index = await writeIndex(options.outDir, options.contentDir, templates);
      // A template that would load from the network is a content error at its line, as in a deck.
      report.diagnostics = sortDiagnostics([...report.diagnostics, ...index.diagnostics]);
      if (index.path) report.indexPath = index.path;
    } catch (error) {
      // A full disk or a folder gone read-only: the decks already written stand, the old index too.
      report.environmentFailure ??= `cannot write the index page: ${messageOf(error)}`;
    }
  } finally {
    unlock();
  }
  return report;
}

async function writeBriefing(item: Prepared, templates: TemplateSet, options: BuildOptions, cache: BuildCache): Promise<BriefingOutcome> {
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
  try {
    staged = await StagedFolder.create(finalPath);
    await staged.write(deckFiles(briefing, templates, options.contentDir));
    session = options.pdfExporter ? await options.pdfExporter.open(staged.path("index.html"), briefing.slug) : undefined;
    const fitted = await renderFitted({ briefing, templates, staged, measure: options.fit !== false, ...(session ? { session } : {}), ...(pdfName ? { pdfName } : {}) });
    const fitDiagnostics = strictly(fitted.diagnostics, options.strict);
    outcome.diagnostics.push(...fitDiagnostics);
    if (fitDiagnostics.some((d) => d.severity === "error")) return finish();
    await staged.write([
      { path: DECK_SUMMARY_FILE, text: `${JSON.stringify(deckSummary(briefing, fitted.deck.slides.length, options), null, 2)}\n` },
      // Cache hook: the record of this deck's inputs is committed with it, or not at all.
      ...(await cache.record(briefing, fitted.deck.slides, outputNames(briefing.slug, options), staged)),
    ]);
    // Read before printing: fragment pages and the handout load other pages into the session.
    const page = session;
    const layout = options.pptx && page ? await captureLayout((inPage, arg) => page.inspect(inPage, arg)) : undefined;
    if (pdfName && session) {
      await session.print(staged.path(pdfName), pdfInfo(briefing), outlineOf(fitted.deck.slides), { fragments: options.pdfFragments === true });
    }
    if (options.handout && session) outcome.handoutPath = join(finalPath, await printHandout(briefing, fitted.deck.slides, templates, staged, session, options.handout));
    if (layout) {
      const name = `${briefing.slug}.pptx`;
      await exportPptx(staged.path(name), briefing, fitted.deck.slides, layout, staged.path("."));
      outcome.pptxPath = join(finalPath, name);
    }
    if (options.singleFile) {
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
    outcome.failure = `${briefing.slug}: ${messageOf(error)}`;
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

async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new EnvironmentError(`cannot create the output folder ${displayPath(path)}: ${(error as Error).message}`, { cause: error });
  }
}
