import { join } from "node:path";
import type { Briefing } from "../core/model.js";
import type { DeckSummary } from "../render/index-page.js";
import type { DeckFolder } from "../core/files.js";
import { OUTPUT_KINDS, OUTPUT_LABELS, isFile, outputFile, outputsIn } from "../output/deck-outputs.js";
import type { OutputKind } from "../output/deck-outputs.js";
import type { CacheOptions, CachedDeck } from "../output/cache.js";
import type { BriefingOutcome, BuildOptions, RemovedOutput } from "./types.js";

/** What the index page lists of a deck: its front matter and the files to download beside it. */
export function deckSummary(briefing: Briefing, slides: number, options: BuildOptions): DeckSummary {
  const { meta } = briefing;
  const summary: DeckSummary = { slug: briefing.slug, title: meta.title, date: meta.date, lang: meta.lang, tags: meta.tags, slides };
  if (meta.classification) summary.classification = meta.classification;
  if (meta.summary) summary.summary = meta.summary;
  for (const kind of madeOutputs(options)) summary[kind] = outputFile(kind, briefing.slug);
  return summary;
}

/** The files of a deck folder besides its assets: the deck, and the PDF, handout, single file and PowerPoint when asked for. */
export function outputNames(slug: string, options: BuildOptions): string[] {
  return ["index.html", ...madeOutputs(options).map((kind) => outputFile(kind, slug))];
}

/** The outputs a build with these options makes beside each deck (the handout and PowerPoint are laid out in the browser). */
function madeOutputs(options: BuildOptions): OutputKind[] {
  return OUTPUT_KINDS.filter((kind) => askedFor(kind, options) && (options.pdfExporter !== undefined || (kind !== "handout" && kind !== "pptx")));
}

function askedFor(kind: OutputKind, options: BuildOptions): boolean {
  // Each kind is also the name of its option: a flag, or the handout's settings.
  return Boolean(options[kind]);
}

/**
 * The outputs a deck folder held that its new build, about to be swapped in,
 * does not: each is reported, never dropped silently. A provisional pass is
 * followed by the full build that makes what it skips, so those do not count.
 */
export async function droppedOutputs(finalPath: string, slug: string, staged: Pick<DeckFolder, "path">, options: BuildOptions): Promise<RemovedOutput[]> {
  const before = await outputsIn(finalPath, slug);
  const dropped: RemovedOutput[] = [];
  for (const kind of before) {
    const file = outputFile(kind, slug);
    if (await isFile(staged.path(file))) continue;
    const asked = askedFor(kind, options);
    if (asked && options.provisional) continue;
    dropped.push({ kind, path: join(finalPath, file), because: asked ? "not-laid-out" : "not-asked" });
  }
  return dropped;
}

/** How to ask for each output again. */
const BRING_BACK: Readonly<Record<OutputKind, string>> = {
  pdf: "this build has --no-pdf; build without it (or with pdf: true in briefdeck.yaml) to get the PDF back",
  handout: "this build has no --handout; build with --handout (or handout: true in briefdeck.yaml) to get the handout PDF back",
  singleFile: "this build has no --single-file; build with --single-file (or single-file: true in briefdeck.yaml) to get the single-file deck back",
  pptx: "this build has no --pptx; build with --pptx (or pptx: true in briefdeck.yaml) to get the PowerPoint file back",
};

/** The line that says an output went: what, why, and how to get it back. */
export function removedOutputLine(removed: RemovedOutput, display: (path: string) => string): string {
  const why = removed.because === "not-asked"
    ? BRING_BACK[removed.kind]
    : `this build had no browser to lay it out; build with the PDF on (no --no-pdf) to get the ${OUTPUT_LABELS[removed.kind]} back`;
  return `removed ${display(removed.path)}: ${why}`;
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
  const paths = { pdf: "pdfPath", handout: "handoutPath", singleFile: "singleFilePath", pptx: "pptxPath" } as const;
  for (const kind of OUTPUT_KINDS) {
    const file = outputFile(kind, deck.slug);
    if (deck.outputs.includes(file)) outcome[paths[kind]] = join(folder, file);
  }
  return outcome;
}
