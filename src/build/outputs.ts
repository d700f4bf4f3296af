import { join } from "node:path";
import type { Briefing } from "../core/model.js";
import type { DeckSummary } from "../render/index-page.js";
import { HANDOUT_SUFFIX } from "../exporters/handout/print-handout.js";
import type { CacheOptions, CachedDeck } from "../output/cache.js";
import type { BriefingOutcome, BuildOptions } from "./types.js";

/** What the index page lists of a deck: its front matter and the files to download beside it. */
export function deckSummary(briefing: Briefing, slides: number, options: BuildOptions): DeckSummary {
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
export function outputNames(slug: string, options: BuildOptions): string[] {
  return [
    "index.html",
    ...(options.pdf ? [`${slug}.pdf`] : []),
    ...(options.handout && options.pdfExporter ? [`${slug}${HANDOUT_SUFFIX}`] : []),
    ...(options.singleFile ? [`${slug}.html`] : []),
    ...(options.pptx && options.pdfExporter ? [`${slug}.pptx`] : []),
  ];
}

/** Build options that say where or what to build, or how to report: they leave each deck as it is. */
const NOT_OUTPUT = new Set<string>(["contentDir", "outDir", "templatesDir", "slugs", "shard", "checkOnly", "pdfExporter", "openPdfExporter", "onBriefing", "force", "provisional", "fitMemory", "branding"]);

/** What the cache is told of a build; `env` for SOURCE_DATE_EPOCH. */
export function cacheOptions(options: BuildOptions, env: NodeJS.ProcessEnv = process.env): CacheOptions {
  // Every option counts (pdf, strict, fit, handout, and any added later) except those that do not change a deck.
  const settings: Record<string, unknown> = Object.fromEntries(
    Object.entries(options).filter(([name, value]) => !NOT_OUTPUT.has(name) && typeof value !== "function"),
  );
  // The project's logo is keyed by its path here and by its bytes with the deck's images; its line in the project file does not matter.
  const { logo, accent } = options.branding ?? {};
  if (logo !== undefined || accent !== undefined) settings.branding = { logo: logo?.contentPath ?? "", accent: accent ?? "" };
  // Slides are measured (and split) only in a browser, which comes with the exporter.
  settings.measured = options.pdfExporter !== undefined || options.openPdfExporter !== undefined || options.provisional === true;
  // The PDF's dates come from SOURCE_DATE_EPOCH when it is set.
  settings.epoch = options.pdf ? (env.SOURCE_DATE_EPOCH ?? "") : "";
  return {
    contentDir: options.contentDir,
    outDir: options.outDir,
    settings,
    ...(options.force ? { force: true } : {}),
    ...(options.provisional ? { provisional: true } : {}),
  };
}

/** A deck the cache found up to date, reported as built. */
export function cachedOutcome(deck: CachedDeck, outDir: string): BriefingOutcome {
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
