import { rm } from "node:fs/promises";
import { join } from "node:path";
import { sortDiagnostics } from "../core/diagnostics.js";
import { discoverBriefings } from "../input/discover.js";
import { loadTemplates } from "../render/templates.js";
import type { TemplateSet } from "../render/templates.js";
import { renderFitted } from "../fit/fit-deck.js";
import { refuseRemoteReferences } from "../offline/offline-check.js";
import type { PrintSession } from "../exporters/contracts.js";
import { StagedFolder } from "../output/atomic.js";
import { createScratchFolder, sweepDeadScratchFolders } from "../output/scratch.js";
import { deckFiles, prepare, strictly } from "./prepare.js";
import type { Prepared } from "./prepare.js";
import { draftFitErrors } from "./draft-fit.js";
import type { BriefingOutcome, BuildReport, CheckOptions } from "./types.js";

/**
 * Validates briefings without writing any output: discover → parse →
 * validate → offline check, then, given a PDF exporter, lays each deck out
 * in a throw-away folder to report what fitting would do.
 */
export async function check(options: CheckOptions): Promise<BuildReport> {
  // What killed runs left in the temporary folder goes first, as a build sweeps its output folder.
  if (options.pdfExporter) await sweepDeadScratchFolders();
  const templates = loadTemplates(options.templatesDir);
  const discovery = discoverBriefings(options.contentDir, options.slugs ?? []);
  const prepared = await Promise.all(discovery.sources.map((source) => prepare(source, options.contentDir, templates, options.branding)));
  refuseRemoteReferences(prepared, templates);
  const outcomes = await Promise.all(prepared.map((item) => checkBriefing(item, templates, options)));
  const diagnostics = [...discovery.diagnostics, ...prepared.flatMap((p) => p.diagnostics), ...outcomes.flatMap((outcome) => outcome.diagnostics)];
  return { outcomes, diagnostics: sortDiagnostics(diagnostics) };
}

async function checkBriefing(item: Prepared, templates: TemplateSet, options: CheckOptions): Promise<BriefingOutcome> {
  const outcome: BriefingOutcome = { slug: item.source.slug, file: item.source.file, ok: item.briefing !== undefined, slides: 0, diagnostics: [], milliseconds: 0 };
  const { briefing } = item;
  if (!briefing) {
    outcome.diagnostics.push(...(await draftFitErrors(item, templates, options)));
    return outcome;
  }
  if (!options.pdfExporter) return outcome;
  const scratch = await createScratchFolder("check");
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
