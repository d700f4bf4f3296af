import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "../build/build.js";
import type { BuildReport, BriefingOutcome, PdfExporter } from "../build/build.js";
import { displayPath } from "../input/discover.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import { BriefdeckError, ExitCode, UsageError, describeError } from "../core/errors.js";
import type { ExitCodeValue } from "../core/errors.js";
import type { Paper } from "../exporters/handout/render-handout.js";
import type { DevCommand } from "./dev-command.js";
import { guardInterrupts } from "../build/interrupt.js";
import { scaffoldBriefing, scaffoldConfig } from "./scaffold.js";
import { ConfigError, applyConfig, configPath, loadProjectConfig } from "./config.js";
import { VERSION } from "../core/version.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only there). */
  isTty: boolean;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

export const HELP = `briefdeck ${VERSION}: Markdown policy briefings → reveal.js decks and PDFs

Usage:
  briefdeck build [SLUG…]   build every briefing (or the named ones): deck + PDF
  briefdeck check [SLUG…]   validate the content without writing anything
  briefdeck dev             build, serve on http://127.0.0.1:4321 and rebuild on
                            every edit; open decks reload on the slide they showed
  briefdeck new SLUG        scaffold content/SLUG.md

Options:
  --config PATH      settings file (default: briefdeck.yaml beside the content folder);
                     its keys are the long options below, and flags override it
  --content DIR      briefings folder (default: content)
  --out DIR          output folder (default: dist)
  --templates DIR    files here replace the built-in templates of the same name
  --no-pdf           HTML only; needs no browser
  --browser PATH     Chrome or Chromium to print PDFs with
  --install-browser  when no browser is found, install the OS package
                     (Linux as root with apt-get), else say what to run
  --concurrency N    briefings printed at once (default: number of cores)
  --strict           fail when a slide had to be split or shrunk to fit
  --timeout SECONDS  how long the browser may take for one step (default: 60)
  --no-fit           do not measure slides (faster; long sections may overflow)
  --handout          also write <slug>-handout.pdf: each slide above its notes
  --paper SIZE       handout paper: a4 (default) or letter
  --single-file      also write <slug>.html: the deck in one file, for email
  --pdf-fragments    one PDF page per fragment step (default: one per slide)
  --force            rebuild every briefing, even those unchanged since the last build
  --port N           dev: the port to serve on (default: 4321)
  --host NAME        dev: the address to serve on (default: 127.0.0.1, this machine only)
  --quiet            print only errors and warnings
  --pdf, --fit, --no-strict, --no-handout, --no-single-file, --no-pdf-fragments
                     turn off (or back on) what briefdeck.yaml turned on (or off)
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 success, 1 content errors, 2 wrong usage, 3 environment problem
(no usable browser, unwritable output).
`;

const OPTIONS = {
  config: { type: "string" },
  content: { type: "string" },
  out: { type: "string" },
  templates: { type: "string" },
  "no-pdf": { type: "boolean" },
  "install-browser": { type: "boolean" },
  strict: { type: "boolean" },
  "no-fit": { type: "boolean" },
  timeout: { type: "string" },
  handout: { type: "boolean" },
  paper: { type: "string" },
  "single-file": { type: "boolean" },
  "pdf-fragments": { type: "boolean" },
  browser: { type: "string" },
  concurrency: { type: "string" },
  force: { type: "boolean" },
  // The opposites, to override briefdeck.yaml for one run.
  pdf: { type: "boolean" },
  fit: { type: "boolean" },
  "no-strict": { type: "boolean" },
  "no-handout": { type: "boolean" },
  "no-single-file": { type: "boolean" },
  "no-pdf-fragments": { type: "boolean" },
  port: { type: "string" },
  host: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Runs the CLI in-process; returns the exit code instead of exiting. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<ExitCodeValue> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.message.split("\n")) io.stderr(`${line}\n`);
      return error.exitCode;
    }
    if (error instanceof BriefdeckError) {
      io.stderr(`briefdeck: ${error.message}\n`);
      if (error.exitCode === ExitCode.usage) io.stderr("Run briefdeck --help for usage.\n");
      return error.exitCode;
    }
    io.stderr(`briefdeck: internal error, please report it with the steps to reproduce:\n${describeError(error)}\n`);
    return ExitCode.environment;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const { values: flags, positionals } = parseCommandLine(argv);
  if (flags.version) {
    io.stdout(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const [command, ...args] = positionals;
  if (flags.help || command === undefined || command === "help") {
    io.stdout(HELP);
    return command === undefined && !flags.help ? ExitCode.usage : ExitCode.ok;
  }
  // Settings of briefdeck.yaml fill in what the command line leaves out.
  const values = applyConfig(flags, loadProjectConfig({ configFlag: flags.config, contentFlag: flags.content }));
  const contentDir = resolve(values.content ?? "content");
  const outDir = resolve(values.out ?? "dist");
  const templatesDir = values.templates === undefined ? undefined : resolve(values.templates);
  switch (command) {
    case "build":
      return runBuild(io, { contentDir, outDir, templatesDir, slugs: args, pdf: !values["no-pdf"], quiet: Boolean(values.quiet), browser: values.browser, installBrowser: Boolean(values["install-browser"]), strict: Boolean(values.strict), fit: !values["no-fit"], concurrency: parseConcurrency(values.concurrency), timeoutMs: parseTimeout(values.timeout), force: Boolean(values.force), ...extras(values) });
    case "dev": {
      const where = { configFlag: flags.config, contentFlag: flags.content };
      const devCommand = (merged: typeof values): DevCommand => ({
        contentDir: resolve(merged.content ?? "content"), outDir: resolve(merged.out ?? "dist"),
        templatesDir: merged.templates === undefined ? undefined : resolve(merged.templates),
        pdf: !merged["no-pdf"], quiet: Boolean(merged.quiet), browser: merged.browser, installBrowser: Boolean(merged["install-browser"]),
        strict: Boolean(merged.strict), fit: !merged["no-fit"], concurrency: parseConcurrency(merged.concurrency), port: merged.port, host: merged.host,
        ...extras(merged),
        // The settings file is watched: an edit to it is read again, over the same command line.
        configFile: configPath(where),
        reread: () => devCommand(applyConfig(flags, loadProjectConfig(where))),
      });
      // Loaded only for dev: the server, watcher and WebSocket code are not needed to build.
      return (await import("./dev-command.js")).runDev(io, devCommand(values));
    }
    case "check":
      return runCheck(io, { contentDir, outDir, templatesDir, slugs: args, quiet: Boolean(values.quiet), browser: values.browser, strict: Boolean(values.strict), concurrency: parseConcurrency(values.concurrency) });
    case "new": {
      if (args.length !== 1) throw new UsageError("new takes one briefing name, e.g. briefdeck new gas-transit");
      const path = await scaffoldBriefing(contentDir, args[0] ?? "");
      if (!values.quiet) io.stdout(`created ${displayPath(path)}: edit it, then run briefdeck build\n`);
      const settings = await scaffoldConfig(configPath({ configFlag: flags.config, contentFlag: flags.content }));
      if (settings && !values.quiet) io.stdout(`created ${displayPath(settings)}: project settings (PDF, handout, folders…), all commented out\n`);
      return ExitCode.ok;
    }
    default:
      throw new UsageError(`unknown command "${command}"; use build, check, dev or new`);
  }
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ""));
  }
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 60_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a number of seconds above 0, not "${value}"`);
  return Math.round(seconds * 1000);
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return Math.max(1, availableParallelism());
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--concurrency must be a whole number of 1 or more, not "${value}"`);
  return number;
}

/** What `build` and `dev` both take from the command line. */
export interface OutputCommand {
  contentDir: string;
  outDir: string;
  templatesDir: string | undefined;
  pdf: boolean;
  quiet: boolean;
  browser: string | undefined;
  installBrowser: boolean;
  strict: boolean;
  fit: boolean;
  concurrency: number;
  handout?: Paper;
  singleFile?: boolean;
  pdfFragments?: boolean;
}

interface BuildCommand extends OutputCommand {
  slugs: string[];
  timeoutMs: number;
  /** Rebuild briefings the cache says are unchanged. */
  force?: boolean;
}

/** The folders and briefings a build or check works on, as build() takes them. */
function sourceOptions(command: Pick<BuildCommand, "contentDir" | "outDir" | "templatesDir" | "slugs">) {
  return {
    contentDir: command.contentDir,
    outDir: command.outDir,
    ...(command.templatesDir === undefined ? {} : { templatesDir: command.templatesDir }),
    slugs: command.slugs,
  };
}

/** The outputs beyond deck and PDF; the handout and fragment pages need the browser. */
function extras(values: { handout?: boolean; paper?: string; "single-file"?: boolean; "pdf-fragments"?: boolean; "no-pdf"?: boolean }): Pick<BuildCommand, "handout" | "singleFile" | "pdfFragments"> {
  if (values.paper !== undefined && values.paper !== "a4" && values.paper !== "letter") {
    throw new UsageError(`--paper must be a4 or letter, not "${values.paper}"`);
  }
  if (values["no-pdf"] && (values.handout || values["pdf-fragments"])) {
    throw new UsageError("--handout and --pdf-fragments print with the browser: drop --no-pdf");
  }
  return {
    ...(values.handout ? { handout: (values.paper ?? "a4") as Paper } : {}),
    ...(values["single-file"] ? { singleFile: true } : {}),
    ...(values["pdf-fragments"] ? { pdfFragments: true } : {}),
  };
}

async function runBuild(io: CliIo, command: BuildCommand): Promise<ExitCodeValue> {
  const started = performance.now();
  const interrupts = guardInterrupts((text) => io.stderr(text));
  let pdfExporter: PdfExporter | undefined;
  // Loaded and started only when a deck must be printed: the HTML-only path, and a build with nothing to do, never touch a browser.
  const openPdfExporter = async (): Promise<PdfExporter> => {
    const { createPdfExporter } = await import("../exporters/pdf/exporter.js");
    pdfExporter = await createPdfExporter({
      browserPath: command.browser,
      concurrency: command.concurrency,
      installBrowser: command.installBrowser,
      timeoutMs: command.timeoutMs,
      log: (line) => io.stderr(`${line}\n`),
    });
    interrupts.exporter = pdfExporter;
    return pdfExporter;
  };
  let report: BuildReport;
  try {
    report = await build({
      ...sourceOptions(command),
      pdf: command.pdf,
      strict: command.strict,
      fit: command.fit,
      ...(command.handout ? { handout: command.handout } : {}),
      ...(command.singleFile ? { singleFile: true } : {}),
      ...(command.pdfFragments ? { pdfFragments: true } : {}),
      ...(command.pdf ? { openPdfExporter } : {}),
      ...(command.force ? { force: true } : {}),
      onBriefing: (outcome) => {
        if (!command.quiet && outcome.ok) io.stdout(`${describeOutcome(outcome)}\n`);
        else if (!command.quiet && io.isTty) io.stderr(`failed ${outcome.slug}\n`);
      },
    });
  } finally {
    await pdfExporter?.close();
    interrupts.dispose();
  }
  if (!command.quiet) {
    for (const slug of report.removed) io.stdout(`${removedLine(command.outDir, command.contentDir, slug)}\n`);
  }
  printDiagnostics(io, report, command.quiet);
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

async function runCheck(io: CliIo, command: Omit<BuildCommand, "pdf" | "installBrowser" | "fit" | "handout" | "singleFile" | "pdfFragments" | "timeoutMs">): Promise<ExitCodeValue> {
  // Measuring needs a browser; without one, check still validates the content.
  const { createPdfExporter } = await import("../exporters/pdf/exporter.js");
  const pdfExporter = await createPdfExporter({ browserPath: command.browser, concurrency: command.concurrency }).catch((error: unknown) => {
    if (!command.quiet) io.stderr(`briefdeck: slides not measured (${error instanceof Error ? error.message.split(":")[0] : "no browser"}); content checked only\n`);
    return undefined;
  });
  let report: BuildReport;
  try {
    report = await build({
      ...sourceOptions(command),
      pdf: false,
      checkOnly: true,
      strict: command.strict,
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
export function removedLine(outDir: string, contentDir: string, slug: string): string {
  return `removed ${displayPath(join(outDir, slug))}/: its briefing (${displayPath(join(contentDir, `${slug}.md`))}) is gone`;
}

function describeOutcome(outcome: BriefingOutcome): string {
  if (outcome.cached) return `unchanged ${outcome.slug} (cached)`;
  const where = outcome.deckPath ? displayPath(outcome.deckPath) : outcome.slug;
  const others = [outcome.pdfPath, outcome.handoutPath, outcome.singleFilePath].filter((path): path is string => path !== undefined);
  const also = others.map((path) => ` + ${displayPath(path)}`).join("");
  return `built ${outcome.slug}: ${outcome.slides} slides → ${where}${also} (${(outcome.milliseconds / 1000).toFixed(2)} s)`;
}
