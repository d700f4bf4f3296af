import { join } from "node:path";
import { build } from "../build/build.js";
import type { BriefingOutcome, BuildReport } from "../build/types.js";
import { removedOutputLine } from "../build/outputs.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import { ExitCode } from "../core/errors.js";
import type { ExitCodeValue } from "../core/errors.js";
import type { PdfExporter } from "../exporters/contracts.js";
import type { ExporterChoice } from "../exporters/pdf/open-exporter.js";
import { NoBrowserFoundError, UnusableBrowserError } from "../exporters/pdf/browser-finder.js";
import { displayPath } from "../input/discover.js";
import { guardInterrupts } from "../build/interrupt.js";
import type { BrowserChoice, BuildCommand, CheckCommand, CliIo } from "./types.js";

/** The exporter's settings from the shared browser options. */
export function exporterOptions(command: BrowserChoice): ExporterChoice {
  return {
    browserUrls: command.browserUrls,
    serveHost: command.serveHost,
    browserPath: command.browser,
    concurrency: command.concurrency,
    installBrowser: command.installBrowser,
    timeoutMs: command.timeoutMs,
  };
}

/** `briefdeck build`: the whole build; the exit code says how it went. */
export async function runBuild(io: CliIo, command: BuildCommand): Promise<ExitCodeValue> {
  const started = performance.now();
  const interrupts = guardInterrupts((text) => io.stderr(text));
  let pdfExporter: PdfExporter | undefined;
  let unfittedBecause = command.fit ? undefined : "--no-fit";
  // With PDFs: loaded and started only when a deck must be printed, so a build with nothing to do never touches a browser.
  const openPdfExporter = async (): Promise<PdfExporter> => {
    const { openPdfExporter: openExporter } = await import("../exporters/pdf/open-exporter.js");
    pdfExporter = await openExporter({ ...exporterOptions(command), log: (line) => io.stderr(`${line}\n`) });
    interrupts.exporter = pdfExporter;
    return pdfExporter;
  };
  if (!command.pdf && command.fit) {
    // HTML only, fitted: the browser is found now (it starts only if a deck needs measuring); `--no-pdf --no-fit` never touches one.
    const { openPdfExporter: openExporter } = await import("../exporters/pdf/open-exporter.js");
    pdfExporter = await openExporter({ ...exporterOptions(command), log: (line) => io.stderr(`${line}\n`) }).catch((error: unknown) => {
      // Without a PDF to print, no browser anywhere only means the slides go unmeasured.
      if (error instanceof NoBrowserFoundError) {
        unfittedBecause = "no browser found";
        return undefined;
      }
      // An environment variable set for PDFs names a browser that does not run: HTML-only still builds, unfitted.
      // A browser named with --browser for this very command must work.
      if (error instanceof UnusableBrowserError && error.source !== "--browser") {
        unfittedBecause = `the browser ${error.source} names cannot be run`;
        return undefined;
      }
      interrupts.dispose();
      throw error;
    });
    if (pdfExporter) interrupts.exporter = pdfExporter;
  }
  let report: BuildReport;
  try {
    report = await build({
      contentDir: command.contentDir,
      outDir: command.outDir,
      ...(command.templatesDir === undefined ? {} : { templatesDir: command.templatesDir }),
      slugs: command.slugs,
      pdf: command.pdf,
      strict: command.strict,
      ...(command.branding ? { branding: command.branding } : {}),
      fit: command.fit,
      ...(command.handout ? { handout: command.handout } : {}),
      ...(command.singleFile ? { singleFile: true } : {}),
      ...(command.pptx ? { pptx: true } : {}),
      ...(command.pdfFragments ? { pdfFragments: true } : {}),
      ...(command.pdf ? { openPdfExporter } : pdfExporter ? { pdfExporter } : {}),
      ...(command.force ? { force: true } : {}),
      ...(command.shard ? { shard: command.shard } : {}),
      onBriefing: (outcome) => {
        if (!command.quiet && outcome.ok) io.stdout(`${describeOutcome(outcome)}\n`);
        else if (!command.quiet && io.isTty) io.stderr(`failed ${outcome.slug}\n`);
        // Even with --quiet: a file the user had is gone, and this line is the only place that says so.
        for (const removed of outcome.removedOutputs ?? []) io.stdout(`${removedOutputLine(removed, displayPath)}\n`);
      },
    });
  } finally {
    await pdfExporter?.close();
    interrupts.dispose();
  }
  if (!command.quiet) {
    for (const slug of report.removed ?? []) io.stdout(`${removedLine(command.outDir, command.contentDir, slug)}\n`);
  }
  printDiagnostics(io, report, command.quiet);
  for (const outcome of report.outcomes.filter((o) => o.markedFailed && !command.quiet)) {
    io.stderr(`kept ${displayPath(join(command.outDir, outcome.slug))}/ from its last good build: ${outcome.slug} failed; the index marks it as from that build until it builds again\n`);
  }
  const unfitted = report.outcomes.filter((o) => o.ok).map((o) => o.slug);
  if (unfittedBecause && unfitted.length > 0 && !command.quiet) {
    io.stderr(`briefdeck: slides not fitted (${unfittedBecause}), long sections may overflow: ${unfitted.join(", ")}\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const built = report.outcomes.filter((o) => o.ok).length;
  const failed = report.outcomes.length - built;
  const unchanged = report.outcomes.filter((o) => o.cached).length;
  if (!command.quiet) {
    const counts = `${built - unchanged} built, ${unchanged > 0 ? `${unchanged} unchanged, ` : ""}${failed} failed`;
    io.stdout(`${counts} in ${seconds} s${report.indexPath ? ` · index: ${displayPath(report.indexPath)}` : ""}\n`);
  }
  if (report.environmentFailure) {
    io.stderr(`briefdeck: ${report.environmentFailure}\n`);
    return ExitCode.environment;
  }
  return failed > 0 || report.diagnostics.some((d) => d.severity === "error") ? ExitCode.content : ExitCode.ok;
}

/** `briefdeck check`: validates, and measures the slides when a browser is at hand (not with --no-fit). */
export async function runCheck(io: CliIo, command: CheckCommand): Promise<ExitCodeValue> {
  // Measuring needs a browser; without one, check still validates the content.
  const { openPdfExporter: openExporter } = await import("../exporters/pdf/open-exporter.js");
  const pdfExporter = !command.fit ? undefined : await openExporter({ ...exporterOptions(command), log: (line) => io.stderr(`${line}\n`) }).catch((error: unknown) => {
    if (!command.quiet) io.stderr(`briefdeck: slides not measured (${error instanceof Error ? error.message.split(":")[0] : "no browser"}); content checked only\n`);
    return undefined;
  });
  let report: BuildReport;
  try {
    report = await (await import("../build/check.js")).check({
      contentDir: command.contentDir,
      ...(command.templatesDir === undefined ? {} : { templatesDir: command.templatesDir }),
      slugs: command.slugs,
      strict: command.strict,
      ...(command.branding ? { branding: command.branding } : {}),
      ...(pdfExporter ? { pdfExporter } : {}),
    });
  } finally {
    await pdfExporter?.close();
  }
  printDiagnostics(io, report, command.quiet);
  const failed = report.outcomes.filter((o) => !o.ok).length;
  if (!command.quiet) io.stdout(`${report.outcomes.length - failed} valid, ${failed} with errors\n`);
  return failed > 0 || report.diagnostics.some((d) => d.severity === "error") ? ExitCode.content : ExitCode.ok;
}

function printDiagnostics(io: CliIo, report: BuildReport, quiet: boolean): void {
  for (const diagnostic of report.diagnostics) {
    if (quiet && diagnostic.severity === "note") continue;
    io.stderr(`${formatDiagnostic(diagnostic)}\n`);
  }
}

/** The line that says a deck folder went, and why. */
function removedLine(outDir: string, contentDir: string, slug: string): string {
  // Whatever form it had (Markdown, JSON, YAML, a folder): none of them is there now.
  return `removed ${displayPath(join(outDir, slug))}/: no briefing named ${slug} is left in ${displayPath(contentDir)}/`;
}

function describeOutcome(outcome: BriefingOutcome): string {
  if (outcome.cached) return `unchanged ${outcome.slug} (cached)`;
  const where = outcome.deckPath ? displayPath(outcome.deckPath) : outcome.slug;
  const others = [outcome.pdfPath, outcome.handoutPath, outcome.singleFilePath, outcome.pptxPath].filter((path): path is string => path !== undefined);
  const also = others.map((path) => ` + ${displayPath(path)}`).join("");
  return `built ${outcome.slug}: ${outcome.slides} slides → ${where}${also} (${(outcome.milliseconds / 1000).toFixed(2)} s)`;
}
