import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import { sortDiagnostics } from "../core/diagnostics.js";
import { EnvironmentError } from "../core/errors.js";
import type { OutputFile } from "../core/files.js";
import type { Briefing } from "../core/model.js";
import { discoverBriefings, displayPath } from "../input/discover.js";
import type { BriefingSource } from "../input/discover.js";
import { parseBriefing } from "../input/parse/index.js";
import { validateBriefing } from "../input/validate.js";
import { deckAssets } from "../render/assets.js";
import type { DeckSummary } from "../render/index-page.js";
import type { SlideView } from "../render/slides.js";
import { loadTemplates } from "../render/templates.js";
import type { TemplateSet } from "../render/templates.js";
import { renderFitted } from "../fit/fit-deck.js";
import { refuseRemoteReferences } from "../offline/offline-check.js";
import type { PrintSession, SlideBookmark } from "../exporters/contracts.js";
import { HANDOUT_SUFFIX, printHandout } from "../exporters/handout/print-handout.js";
import { pdfInfo } from "../exporters/pdf/pdf-info.js";
import { renderSingleFile } from "../exporters/single-file/single-file.js";
import { StagedFolder } from "../output/atomic.js";
import { BuildCache } from "../output/cache.js";
import type { CachedDeck } from "../output/cache.js";
import { DECK_SUMMARY_FILE, writeIndex } from "../output/index-writer.js";
import { lockOutput } from "../output/lock.js";
import type { BriefingOutcome, BuildOptions, BuildReport } from "./types.js";

export type { BriefingOutcome, BuildOptions, BuildReport } from "./types.js";

interface Prepared {
  source: BriefingSource;
  briefing?: Briefing;
  diagnostics: Diagnostic[];
}

/**
 * The whole build, as the CLI, the dev server and tests run it:
 * discover → parse → validate → render → (PDF) → write atomically → index.
 * Content problems are returned, never thrown; a failing briefing leaves
 * its previous output untouched and does not stop the others.
 */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const templates = loadTemplates(options.templatesDir);
  const discovery = discoverBriefings(options.contentDir, options.slugs ?? []);
  const themes = new Set(templates.themes.keys());
  // Cache hook (src/output/cache.ts): briefings whose inputs match their deck's are skipped before parsing.
  const cache = new BuildCache(cacheOptions(options), templates);
  const unchanged = options.checkOnly ? [] : (await cache.unchanged(discovery.sources)).map((deck) => cachedOutcome(deck, options.outDir));
  const toBuild = discovery.sources.filter((source) => !unchanged.some((outcome) => outcome.slug === source.slug));
  const prepared = await Promise.all(toBuild.map((source) => prepare(source, options.contentDir, themes)));
  // Offline check (src/offline/offline-check.ts): decks that would fetch from the network are refused before any is written.
  refuseRemoteReferences(prepared, templates);
  const diagnostics = [...discovery.diagnostics, ...prepared.flatMap((p) => p.diagnostics)];
  const report: BuildReport = { outcomes: [], diagnostics: sortDiagnostics(diagnostics) };

  if (options.checkOnly) {
    const outcomes = await Promise.all(prepared.map((item) => checkBriefing(item, templates, options)));
    report.outcomes.push(...outcomes);
    report.diagnostics = sortDiagnostics([...report.diagnostics, ...outcomes.flatMap((outcome) => outcome.diagnostics)]);
    return report;
  }

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
      report.indexPath = await writeIndex(options.outDir, options.contentDir, templates);
    } catch (error) {
      // A full disk or a folder gone read-only: the decks already written stand, the old index too.
      report.environmentFailure ??= `cannot write the index page: ${error instanceof Error ? error.message : String(error)}`;
    }
  } finally {
    unlock();
  }
  return report;
}

async function prepare(source: BriefingSource, contentDir: string, themes: ReadonlySet<string>): Promise<Prepared> {
  const text = await readFile(source.path, "utf8");
  const parsed = parseBriefing({ source: text, file: source.file, slug: source.slug, baseDir: source.baseDir, themes });
  const diagnostics = [...parsed.diagnostics];
  if (parsed.briefing) diagnostics.push(...validateBriefing(parsed.briefing, contentDir));
  const failed = diagnostics.some((d) => d.severity === "error");
  return failed || !parsed.briefing ? { source, diagnostics } : { source, briefing: parsed.briefing, diagnostics };
}

/** `check`: with a browser, lays the deck out in a throw-away folder to report what fitting would do. */
async function checkBriefing(item: Prepared, templates: TemplateSet, options: BuildOptions): Promise<BriefingOutcome> {
  const outcome: BriefingOutcome = { slug: item.source.slug, file: item.source.file, ok: item.briefing !== undefined, slides: 0, diagnostics: [], milliseconds: 0 };
  const { briefing } = item;
  if (!briefing || !options.pdfExporter) return outcome;
  const scratch = await mkdtemp(join(tmpdir(), "briefdeck-check-"));
  let session: PrintSession | undefined;
  try {
    const staged = await StagedFolder.create(join(scratch, briefing.slug));
    await staged.write(deckFiles(briefing, templates, options.contentDir));
    session = await options.pdfExporter.open(staged.path("index.html"), briefing.slug);
    const fitted = await renderFitted({ briefing, templates, staged, session });
    outcome.diagnostics.push(...strictly(fitted.diagnostics, options.strict));
    outcome.slides = fitted.deck.slides.length;
    outcome.ok = !outcome.diagnostics.some((d) => d.severity === "error");
  } finally {
    await session?.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return outcome;
}

/** With --strict, what fitting had to do counts as an error. */
function strictly(diagnostics: Diagnostic[], strict: boolean | undefined): Diagnostic[] {
  return strict ? diagnostics.map((d) => (d.severity === "note" ? { ...d, severity: "error" as const } : d)) : diagnostics;
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
  if (!briefing) return finish();

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
    if (pdfName && session) {
      await session.print(staged.path(pdfName), pdfInfo(briefing), outlineOf(fitted.deck.slides), { fragments: options.pdfFragments === true });
    }
    if (options.handout && session) outcome.handoutPath = join(finalPath, await printHandout(briefing, fitted.deck.slides, templates, staged, session, options.handout));
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
    outcome.failure = `${briefing.slug}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await session?.close();
    await staged?.discard();
  }
  return finish();
}

/** Everything of a deck but its HTML and summary, which depend on fitting. */
function deckFiles(briefing: Briefing, templates: TemplateSet, contentDir: string): OutputFile[] {
  const themeCss = templates.themes.get(briefing.meta.theme) ?? "";
  return [
    ...deckAssets(themeCss),
    ...briefing.images.map((image) => ({ path: image.outputPath, copyFrom: join(contentDir, ...image.contentPath.split("/")) })),
  ];
}

/** One bookmark per outline entry: the title, agenda, each section's first slide, the sources. */
function outlineOf(slides: SlideView[]): SlideBookmark[] {
  return slides.filter((slide) => slide.startsSection).map((slide) => ({ title: slide.heading, slideId: slide.id }));
}

/** What the index page lists of a deck: its front matter and the files to download beside it. */
function deckSummary(briefing: Briefing, slides: number, options: BuildOptions): DeckSummary {
  const { meta } = briefing;
  const names = outputNames(briefing.slug, options);
  const summary: DeckSummary = { slug: briefing.slug, title: meta.title, date: meta.date, lang: meta.lang, tags: meta.tags, slides };
  if (meta.classification) summary.classification = meta.classification;
  if (meta.summary) summary.summary = meta.summary;
  const pdf = names.find((name) => name === `${briefing.slug}.pdf`);
  const handout = names.find((name) => name.endsWith(HANDOUT_SUFFIX));
  const singleFile = names.find((name) => name === `${briefing.slug}.html`);
  if (pdf) summary.pdf = pdf;
  if (handout) summary.handout = handout;
  if (singleFile) summary.singleFile = singleFile;
  return summary;
}

/** The files of a deck folder besides its assets: the deck, and the PDF, handout and single file when asked for. */
function outputNames(slug: string, options: BuildOptions): string[] {
  return [
    "index.html",
    ...(options.pdf ? [`${slug}.pdf`] : []),
    ...(options.handout && options.pdfExporter ? [`${slug}${HANDOUT_SUFFIX}`] : []),
    ...(options.singleFile ? [`${slug}.html`] : []),
  ];
}

/** Build options that say where or what to build, or how to report: they leave each deck as it is. */
const NOT_OUTPUT = new Set<string>(["contentDir", "outDir", "templatesDir", "slugs", "checkOnly", "pdfExporter", "onBriefing", "force", "provisional"]);

function cacheOptions(options: BuildOptions): ConstructorParameters<typeof BuildCache>[0] {
  // Every option counts (pdf, strict, fit, handout, and any added later) except those that do not change a deck.
  const settings: Record<string, unknown> = Object.fromEntries(
    Object.entries(options).filter(([name, value]) => !NOT_OUTPUT.has(name) && typeof value !== "function"),
  );
  // Slides are measured (and split) only in a browser, which comes with the exporter.
  settings.measured = options.pdfExporter !== undefined || options.provisional === true;
  // The PDF's dates come from SOURCE_DATE_EPOCH when it is set.
  settings.epoch = options.pdf ? (process.env.SOURCE_DATE_EPOCH ?? "") : "";
  return {
    contentDir: options.contentDir,
    outDir: options.outDir,
    settings,
    ...(options.force ? { force: true } : {}),
    ...(options.provisional ? { provisional: true } : {}),
  };
}

/** A deck the cache found up to date, reported as built. */
function cachedOutcome(deck: CachedDeck, outDir: string): BriefingOutcome {
  const folder = join(outDir, deck.slug);
  const outcome: BriefingOutcome = {
    slug: deck.slug, file: deck.file, ok: true, cached: true, slides: deck.slides,
    deckPath: join(folder, "index.html"), diagnostics: [], milliseconds: deck.milliseconds,
  };
  const pdf = deck.outputs.find((file) => file === `${deck.slug}.pdf`);
  const handout = deck.outputs.find((file) => file.endsWith(HANDOUT_SUFFIX));
  const singleFile = deck.outputs.find((file) => file === `${deck.slug}.html`);
  if (pdf) outcome.pdfPath = join(folder, pdf);
  if (handout) outcome.handoutPath = join(folder, handout);
  if (singleFile) outcome.singleFilePath = join(folder, singleFile);
  return outcome;
}

async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new EnvironmentError(`cannot create the output folder ${displayPath(path)}: ${(error as Error).message}`, { cause: error });
  }
}
