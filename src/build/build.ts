import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoverBriefings, displayPath } from "../input/discover.js";
import type { BriefingSource } from "../input/discover.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { sortDiagnostics } from "../core/diagnostics.js";
import { ContentError, EnvironmentError } from "../core/errors.js";
import type { Briefing } from "../core/model.js";
import { parseBriefing } from "../input/parse/index.js";
import { deckAssets } from "../render/assets.js";
import { BuildCache } from "../output/cache.js";
import type { OutputFile } from "../render/assets.js";
import { StagedFolder } from "../output/atomic.js";
import { lockOutput } from "../output/lock.js";
import { refuseRemoteReferences } from "../offline/offline-check.js";
import { writeIndex, DECK_SUMMARY_FILE } from "../output/index-writer.js";
import type { DeckSummary } from "../render/index-page.js";
import { renderFitted } from "../fit/fit-deck.js";
import type { SlideMeasure } from "../fit/measure.js";
import type { PdfInfo } from "../exporters/pdf/finish-pdf.js";
import { pdfInfo } from "../exporters/pdf/pdf-info.js";
import { printHandout } from "../exporters/handout/print-handout.js";
import { renderSingleFile } from "../exporters/single-file/single-file.js";
import type { Paper } from "../exporters/handout/render-handout.js";
import type { SlideView } from "../render/slides.js";
import { loadTemplates } from "../render/templates.js";
import type { TemplateSet } from "../render/templates.js";
import { validateBriefing } from "../input/validate.js";
import { readDeckImage } from "../input/images/deck-image.js";

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** A folder whose files replace the built-in templates of the same name. */
  templatesDir?: string;
  /** Build only these briefings; all when empty. */
  slugs?: readonly string[];
  /** Write the PDF beside each deck. */
  pdf: boolean;
  /** Resolve, parse and validate only: write nothing. */
  checkOnly?: boolean;
  /**
   * Produces the PDFs; given by the caller so the HTML-only path never loads
   * a browser. The caller closes it: one exporter can serve many builds.
   */
  pdfExporter?: PdfExporter;
  /** Also print `<slug>-handout.pdf` on this paper (needs the PDF exporter). */
  handout?: Paper;
  /** One PDF page per fragment step instead of one per slide. */
  pdfFragments?: boolean;
  /** Also write `<slug>.html`, a deck with everything inlined. */
  singleFile?: boolean;
  /** False skips measuring and fitting slides (faster; long sections may overflow). */
  fit?: boolean;
  /** Turn fitting notes (splits, shrinks) into errors. */
  strict?: boolean;
  /** Rebuild briefings whose inputs are unchanged since their last build (the cache is still updated). */
  force?: boolean;
  /**
   * A quick HTML pass that a full build will follow (the dev server's): briefings
   * are judged unchanged as for that build, and nothing is recorded in the cache.
   */
  provisional?: boolean;
  /** Called as each briefing finishes, for progress output. */
  onBriefing?: (outcome: BriefingOutcome) => void;
}

/** Owns the browser for a whole build; each briefing gets a page of its own. */
export interface PdfExporter {
  open(deckPath: string, slug: string): Promise<PrintSession>;
  close(): Promise<void>;
  /** Kills the browser at once, for an interrupted build. */
  killNow?(): void;
  /** Kills the browser, waiting briefly for one still starting, and frees its profile. */
  abort?(): Promise<void>;
}

/** One briefing's browser page: measures the staged deck in print view and prints it. */
export interface PrintSession {
  /** Loads (or reloads) the staged deck in print view, with one page per fragment step if asked. */
  load(options?: { fragments?: boolean }): Promise<void>;
  /** Loads (or reloads) the staged deck in print view and measures every slide. */
  measure(): Promise<SlideMeasure[]>;
  /** Prints the deck (one page per slide, or per fragment step), with a bookmark per entry. */
  print(pdfPath: string, info: PdfInfo, outline: SlideBookmark[], options?: PrintOptions): Promise<void>;
  /** Prints the handout page (slides above their notes) on paper. */
  printHandout(handoutPath: string, pdfPath: string, info: PdfInfo, handout: HandoutOptions): Promise<void>;
  close(): Promise<void>;
}

export interface SlideBookmark {
  title: string;
  slideId: string;
}

export interface PrintOptions {
  /** One page per fragment step instead of one per slide. */
  fragments?: boolean;
}

export interface HandoutOptions {
  paper: "a4" | "letter";
  /** Chromium header and footer templates (title, classification, page numbers). */
  headerHtml: string;
  footerHtml: string;
}

export interface BriefingOutcome {
  slug: string;
  file: string;
  ok: boolean;
  slides: number;
  /** Where the deck was written (absent for check runs and failures). */
  deckPath?: string;
  pdfPath?: string;
  handoutPath?: string;
  singleFilePath?: string;
  /** Problems found while laying the deck out (splits, shrinks, what cannot fit). */
  diagnostics: Diagnostic[];
  /** Why the briefing failed when it is not a content error. */
  failure?: string;
  /** Skipped: its inputs are those of the deck already in the output folder. */
  cached?: boolean;
  milliseconds: number;
}

export interface BuildReport {
  outcomes: BriefingOutcome[];
  /** Every error, warning and note, sorted by file and line. */
  diagnostics: Diagnostic[];
  indexPath?: string;
  /** Set when a failure came from the machine (unwritable output, no browser), not from content. */
  environmentFailure?: string;
}

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
  const cache = new BuildCache(options, templates);
  const unchanged = options.checkOnly ? [] : await cache.unchanged(discovery.sources);
  const toBuild = discovery.sources.filter((source) => !unchanged.some((outcome) => outcome.slug === source.slug));
  const prepared = await Promise.all(toBuild.map((source) => prepare(source, options.contentDir, themes)));
  // Offline check (src/output/offline-check.ts): decks that would fetch from the network are refused before any is written.
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
  let slides: SlideView[] = [];
  try {
    staged = await StagedFolder.create(finalPath);
    await staged.write(deckFiles(briefing, templates, options.contentDir));
    session = options.pdfExporter ? await options.pdfExporter.open(staged.path("index.html"), briefing.slug) : undefined;
    const fitted = await renderFitted({ briefing, templates, staged, measure: options.fit !== false, ...(session ? { session } : {}), ...(pdfName ? { pdfName } : {}) });
    slides = fitted.deck.slides;
    const fitDiagnostics = strictly(fitted.diagnostics, options.strict);
    outcome.diagnostics.push(...fitDiagnostics);
    if (fitDiagnostics.some((d) => d.severity === "error")) return finish();
    await staged.write([
      { path: DECK_SUMMARY_FILE, text: `${JSON.stringify(deckSummary(briefing, fitted.deck.slides.length, pdfName), null, 2)}\n` },
      // Cache hook: the record of this deck's inputs is committed with it, or not at all.
      ...(await cache.record(briefing, fitted.deck.slides, pdfName ? ["index.html", pdfName] : ["index.html"], staged)),
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
    if (error instanceof ContentError) outcome.diagnostics.push(unprintable(briefing, slides, error));
    else outcome.failure = `${briefing.slug}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await session?.close();
    await staged?.discard();
  }
  return finish();
}

/** A deck the browser could not print in time, as an error at its heaviest slide: the one to cut first. */
function unprintable(briefing: Briefing, slides: readonly SlideView[], error: ContentError): Diagnostic {
  const heaviest = slides.reduce<SlideView | undefined>((best, slide) => (!best || weight(slide) > weight(best) ? slide : best), undefined);
  const where = heaviest ? `; its heaviest slide is ${heaviest.number}, "${heaviest.heading}"` : "";
  return {
    file: briefing.file, line: Math.max(1, heaviest?.line ?? 1), column: 1, severity: "error",
    message: `${error.message}${where}: shorten that slide or split the briefing (or raise --timeout on a slow machine)`,
  };
}

function weight(slide: SlideView): number {
  return JSON.stringify(slide.content).length + slide.notesHtml.length;
}

/** Everything of a deck but its HTML and summary, which depend on fitting. */
function deckFiles(briefing: Briefing, templates: TemplateSet, contentDir: string): OutputFile[] {
  const themeCss = templates.themes.get(briefing.meta.theme) ?? "";
  return [
    ...deckAssets(themeCss),
    // Read and sniffed again as written: a file swapped for a non-image since validation is refused, and SVG is sanitised.
    ...briefing.images.map((image) => ({ path: image.outputPath, bytes: readDeckImage(join(contentDir, ...image.contentPath.split("/"))).bytes })),
  ];
}

/** One bookmark per outline entry: the title, agenda, each section's first slide, the sources. */
function outlineOf(slides: SlideView[]): SlideBookmark[] {
  return slides.filter((slide) => slide.startsSection).map((slide) => ({ title: slide.heading, slideId: slide.id }));
}

function deckSummary(briefing: Briefing, slides: number, pdf?: string): DeckSummary {
  const { meta } = briefing;
  const summary: DeckSummary = { slug: briefing.slug, title: meta.title, date: meta.date, lang: meta.lang, tags: meta.tags, slides };
  if (meta.classification) summary.classification = meta.classification;
  if (meta.summary) summary.summary = meta.summary;
  if (pdf) summary.pdf = pdf;
  return summary;
}

async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new EnvironmentError(`cannot create the output folder ${displayPath(path)}: ${(error as Error).message}`, { cause: error });
  }
}
