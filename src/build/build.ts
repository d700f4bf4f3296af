import { mkdir } from "node:fs/promises";
import { formatDiagnostic, sortDiagnostics } from "../core/diagnostics.js";
import { EnvironmentError, messageOf } from "../core/errors.js";
import { discoverBriefings, displayPath } from "../input/discover.js";
import { loadTemplates } from "../render/templates.js";
import { BuildCache } from "../output/cache.js";
import { writeIndex } from "../output/index-writer.js";
import { lockOutput } from "../output/lock.js";
import { recoverOutput } from "../output/recover.js";
import { sweepDeadScratchFolders } from "../output/scratch.js";
import { removeOrphanDecks } from "../output/orphans.js";
import { clearFailure, recordFailure } from "../output/build-failure.js";
import { cacheOptions, cachedOutcome } from "./outputs.js";
import type { BriefingOutcome, BuildOptions, BuildReport } from "./types.js";
import type { Prepared } from "./prepare.js";
import { inShard } from "./shard.js";
import type { Shard } from "./shard.js";

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
  // Loaded only for what is asked: checking, or building decks that are not up to date, needs the parser and renderer.
  if (options.checkOnly) return (await import("./check.js")).check(options);
  const templates = loadTemplates(options.templatesDir);
  const everything = discoverBriefings(options.contentDir, options.slugs ?? []);
  const discovery = inShardOnly(everything, options.shard);
  // Cache hook (src/output/cache.ts): briefings whose inputs match their deck's are skipped before parsing.
  const cache = new BuildCache(cacheOptions(options), templates);
  const unchanged = (await cache.unchanged(discovery.sources)).map((deck) => cachedOutcome(deck, options.outDir));
  const toBuild = discovery.sources.filter((source) => !unchanged.some((outcome) => outcome.slug === source.slug));
  // Only now is the browser needed, and only if a deck must be built.
  if (toBuild.length > 0 && !options.pdfExporter && options.openPdfExporter) options = { ...options, pdfExporter: await options.openPdfExporter() };
  if (toBuild.length > 0) options.pdfExporter?.start?.();
  const work = toBuild.length > 0 ? await loadWork() : undefined;
  const prepared = work ? await Promise.all(toBuild.map((source) => work.prepare(source, options.contentDir, templates, options.branding))) : [];
  // Offline check (src/offline/offline-check.ts): decks that would fetch from the network are refused before any is written.
  work?.refuseRemoteReferences(prepared, templates);
  const diagnostics = [...discovery.diagnostics, ...prepared.flatMap((p) => p.diagnostics)];
  const report: BuildReport = { outcomes: [], diagnostics: sortDiagnostics(diagnostics) };

  await ensureFolder(options.outDir);
  const unlock = lockOutput(options.outDir);
  try {
    // Builds killed earlier (kill -9, a closed laptop) left half-done commits and staging folders: finish and sweep them.
    recoverOutput(options.outDir);
    // Likewise the throw-away layout folders of killed runs in the temporary folder (only a browser run makes them).
    if (options.pdfExporter) await sweepDeadScratchFolders();
    for (const outcome of unchanged) options.onBriefing?.(outcome);
    report.outcomes.push(...unchanged);
    // The exporter belongs to the caller (the CLI closes it; the dev server keeps it open).
    const results = work ? await Promise.all(prepared.map((item) => work.writeBriefing(item, templates, options, cache))) : [];
    for (const outcome of results) report.outcomes.push(outcome);
    // A briefing that failed keeps its previous deck, marked on the index as from that build; one that built or was unchanged is current again.
    try {
      await markFailures(options.outDir, prepared, results, unchanged);
    } catch (error) {
      report.environmentFailure ??= `cannot mark failed briefings in ${displayPath(options.outDir)}: ${messageOf(error)}`;
    }
    report.diagnostics = sortDiagnostics([...report.diagnostics, ...results.flatMap((outcome) => outcome.diagnostics)]);
    const environmentFailure = report.outcomes.find((o) => o.failure !== undefined)?.failure;
    if (environmentFailure) report.environmentFailure = environmentFailure;
    // A whole build that found every briefing cleanly knows which decks have lost their source.
    if ((options.slugs ?? []).length === 0 && !discovery.diagnostics.some((d) => d.severity === "error")) {
      // Every briefing of the folder counts, not only this shard's: the other shards' decks are not orphans.
      report.removed = await removeOrphanDecks(options.outDir, new Set(everything.sources.map((source) => source.slug)));
    }
    try {
      const index = await writeIndex(options.outDir, options.contentDir, templates);
      // A template that would load from the network is a content error at its line, as in a deck.
      report.diagnostics = sortDiagnostics([...report.diagnostics, ...index.diagnostics]);
      if (index.path) report.indexPath = index.path;
      if (index.changed) report.indexChanged = true;
    } catch (error) {
      // A full disk or a folder gone read-only: the decks already written stand, the old index too.
      report.environmentFailure ??= `cannot write the index page: ${messageOf(error)}`;
    }
  } finally {
    unlock();
  }
  return report;
}

/** Records each failed briefing's first error beside its previous output; clears the record of every briefing now current. */
async function markFailures(outDir: string, prepared: readonly Prepared[], results: BriefingOutcome[], unchanged: readonly BriefingOutcome[]): Promise<void> {
  await Promise.all(unchanged.map((outcome) => clearFailure(outDir, outcome.slug)));
  await Promise.all(results.map(async (outcome, index) => {
    if (outcome.ok) return;
    const errors = [...(prepared[index]?.diagnostics ?? []), ...outcome.diagnostics].filter((d) => d.severity === "error");
    const first = sortDiagnostics(errors)[0];
    const error = first ? formatDiagnostic(first) : outcome.failure ?? "the build stopped before the deck was written";
    if (await recordFailure(outDir, outcome.slug, error)) outcome.markedFailed = true;
  }));
}

/** What parses, lays out and prints decks: loaded only when a deck must be built. */
async function loadWork() {
  const [{ prepare }, { writeBriefing }, { refuseRemoteReferences }] = await Promise.all([
    import("./prepare.js"), import("./write-briefing.js"), import("../offline/offline-check.js"),
  ]);
  return { prepare, writeBriefing, refuseRemoteReferences };
}

async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new EnvironmentError(`cannot create the output folder ${displayPath(path)}: ${(error as Error).message}`, { cause: error });
  }
}

/** With `--shard`, only this shard's briefings are built; the others are left as they are in the output. */
function inShardOnly<T extends { sources: Array<{ slug: string }> }>(discovery: T, shard: Shard | undefined): T {
  return shard ? { ...discovery, sources: discovery.sources.filter((source) => inShard(source.slug, shard)) } : discovery;
}
