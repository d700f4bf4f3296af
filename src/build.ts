import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { discoverBriefings, displayPath } from "./content.js";
import type { BriefingSource } from "./content.js";
import type { Diagnostic } from "./diagnostics.js";
import { sortDiagnostics } from "./diagnostics.js";
import { EnvironmentError } from "./errors.js";
import type { Briefing } from "./model.js";
import { parseBriefing } from "./parse/index.js";
import { deckAssets } from "./output/assets.js";
import type { OutputFile } from "./output/assets.js";
import { StagedFolder } from "./output/atomic.js";
import { writeIndex, DECK_SUMMARY_FILE } from "./output/index-writer.js";
import type { DeckSummary } from "./render/index-page.js";
import { renderDeck } from "./render/deck.js";
import type { SlideView } from "./render/slides.js";
import { loadTemplates } from "./render/templates.js";
import type { TemplateSet } from "./render/templates.js";
import { validateBriefing } from "./validate.js";

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
  /** Called as each briefing finishes, for progress output. */
  onBriefing?: (outcome: BriefingOutcome) => void;
}

/** Turns a staged deck folder into its PDF. Owns the browser for the whole build. */
export interface PdfExporter {
  export(job: PdfJob): Promise<void>;
  close(): Promise<void>;
}

export interface PdfJob {
  briefing: Briefing;
  slides: SlideView[];
  /** Absolute path of the staged deck's index.html. */
  deckPath: string;
  /** Absolute path the PDF must be written to. */
  pdfPath: string;
}

export interface BriefingOutcome {
  slug: string;
  file: string;
  ok: boolean;
  slides: number;
  /** Where the deck was written (absent for check runs and failures). */
  deckPath?: string;
  pdfPath?: string;
  /** Why the briefing failed when it is not a content error. */
  failure?: string;
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
  const prepared = await Promise.all(discovery.sources.map((source) => prepare(source, options.contentDir, themes)));
  const diagnostics = [...discovery.diagnostics, ...prepared.flatMap((p) => p.diagnostics)];
  const report: BuildReport = { outcomes: [], diagnostics: sortDiagnostics(diagnostics) };

  if (options.checkOnly) {
    for (const item of prepared) report.outcomes.push(checkOutcome(item));
    return report;
  }

  await ensureFolder(options.outDir);
  // The exporter belongs to the caller (the CLI closes it; the dev server keeps it open).
  const results = await Promise.all(prepared.map((item) => writeBriefing(item, templates, options)));
  for (const outcome of results) report.outcomes.push(outcome);
  const environmentFailure = report.outcomes.find((o) => o.failure !== undefined)?.failure;
  if (environmentFailure) report.environmentFailure = environmentFailure;
  report.indexPath = await writeIndex(options.outDir, options.contentDir, templates);
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

function checkOutcome(item: Prepared): BriefingOutcome {
  return { slug: item.source.slug, file: item.source.file, ok: item.briefing !== undefined, slides: 0, milliseconds: 0 };
}

async function writeBriefing(item: Prepared, templates: TemplateSet, options: BuildOptions): Promise<BriefingOutcome> {
  const started = performance.now();
  const outcome: BriefingOutcome = { slug: item.source.slug, file: item.source.file, ok: false, slides: 0, milliseconds: 0 };
  const finish = (): BriefingOutcome => {
    outcome.milliseconds = Math.round(performance.now() - started);
    options.onBriefing?.(outcome);
    return outcome;
  };
  const briefing = item.briefing;
  if (!briefing) return finish();

  const finalPath = join(options.outDir, briefing.slug);
  const pdfName = `${briefing.slug}.pdf`;
  const deck = renderDeck(briefing, templates, options.pdf ? { pdfName } : {});
  const summary: DeckSummary = deckSummary(briefing, deck.slides.length, options.pdf ? pdfName : undefined);
  let staged: StagedFolder | undefined;
  try {
    staged = await StagedFolder.create(finalPath);
    await staged.write(deckFiles(briefing, deck.html, templates, options.contentDir, summary));
    if (options.pdf && options.pdfExporter) {
      await options.pdfExporter.export({ briefing, slides: deck.slides, deckPath: staged.path("index.html"), pdfPath: staged.path(pdfName) });
    }
    await staged.commit();
    staged = undefined;
    outcome.ok = true;
    outcome.slides = deck.slides.length;
    outcome.deckPath = join(finalPath, "index.html");
    if (options.pdf) outcome.pdfPath = join(finalPath, pdfName);
  } catch (error) {
    outcome.failure = `${briefing.slug}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await staged?.discard();
  }
  return finish();
}

function deckFiles(briefing: Briefing, html: string, templates: TemplateSet, contentDir: string, summary: DeckSummary): OutputFile[] {
  const themeCss = templates.themes.get(briefing.meta.theme) ?? "";
  return [
    { path: "index.html", text: html },
    { path: DECK_SUMMARY_FILE, text: `${JSON.stringify(summary, null, 2)}\n` },
    ...deckAssets(themeCss),
    ...briefing.images.map((image) => ({ path: image.outputPath, copyFrom: join(contentDir, ...image.contentPath.split("/")) })),
  ];
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
