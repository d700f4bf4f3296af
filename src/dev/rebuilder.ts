import { existsSync } from "node:fs";
import { relative, sep } from "node:path";
import { build } from "../build/build.js";
import type { BuildReport, DeckSettings } from "../build/types.js";
import { removedOutputLine } from "../build/outputs.js";
import type { PdfExporter } from "../exporters/contracts.js";
import { SLUG_PATTERN, displayPath } from "../input/discover.js";
import { briefingFormat } from "../input/read-briefing.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import { writeIndex } from "../output/index-writer.js";
import { BUILT_IN_TEMPLATES, loadTemplates } from "../render/templates.js";
import type { ChangesLog } from "./changes-log.js";
import type { LiveReload } from "./live.js";
import type { PdfFollower } from "./pdf-follower.js";
import { problems } from "./problems.js";
import type { Change } from "./watcher.js";
import { isInside } from "../core/paths.js";
import { messageOf } from "../core/errors.js";

export interface RebuilderOptions {
  settings: DeckSettings;
  /** Whether decks get a PDF (printed afterwards by `follower`). */
  pdf: boolean;
  live: LiveReload;
  /** What was printed for each briefing, so each save prints only what changed. */
  changes: ChangesLog;
  follower?: PdfFollower;
  /** The browser the server keeps open: with it each deck is fitted before its pages reload. */
  measurer?: PdfExporter;
  log: (line: string) => void;
}

/** Everything, or the briefings named. */
type Target = "all" | Set<string>;

/**
 * The HTML pass: turns batches of changed files into the briefings they
 * affect, rebuilds those (the build cache skips what did not change, so a
 * template edit rebuilds exactly the decks using it), reloads their pages
 * or shows their errors, then hands them to the PDF follower.
 */
export class Rebuilder {
  private pending: Target | undefined;
  private indexStale = false;
  private running: Promise<void> | undefined;
  private closed = false;
  /** Edit counter: a briefing's stamp is the number of the last edit that touched it. */
  private edits = 0;
  private allStamp = 0;
  private readonly stamps = new Map<string, number>();
  private known = "";

  constructor(private readonly options: RebuilderOptions) {}

  /** The stamp of a briefing's latest edit; a PDF may land only if it is still the one it was built for. */
  stamp(slug: string): number {
    return Math.max(this.stamps.get(slug) ?? 0, this.allStamp);
  }

  /** A deck's summary changed outside a pass (its PDF build fitted it anew): rewrite the index in turn. */
  refreshIndex(): void {
    this.indexStale = true;
    this.kick();
  }

  /** Builds everything once; resolves when the HTML is written. A missing content or templates folder throws. */
  async start(): Promise<void> {
    await this.pass("all", true);
  }

  /** A debounced batch of changed paths from the watcher. */
  changed(changes: readonly Change[]): void {
    for (const { path, folder } of changes) {
      const target = this.targetOf(path, folder);
      if (target !== undefined) this.queue(target);
    }
  }

  /** Everything, with the settings as they now are (the build cache skips what they leave unchanged). */
  rebuildAll(): void {
    this.queue("all");
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending = undefined;
    await this.idle();
  }

  /** Which briefing a changed file belongs to: a briefing file (Markdown, JSON, YAML) is its own; anything else may be shared. */
  private targetOf(path: string, folder: boolean): string | undefined {
    const { contentDir, templatesDir, outDir } = this.options.settings;
    // The build's own writes, when the output folder sits inside a watched one, are not edits.
    if (path === outDir || isInside(outDir, path)) return undefined;
    if ([BUILT_IN_TEMPLATES, templatesDir].some((root) => root !== undefined && isInside(root, path))) return "all";
    if (!isInside(contentDir, path)) return undefined;
    const parts = relative(contentDir, path).split(sep);
    const last = parts[parts.length - 1] ?? "";
    // Editors' swap and backup files never hold a briefing.
    if (parts.some((part) => part.startsWith(".")) || last.endsWith("~")) return undefined;
    // Editors' and tools' temporary files (sed's "sedAbC123", "x.md.tmp", vim's "4913") are neither briefings, images nor chart data.
    const briefing = briefingFormat(last) !== undefined;
    if (!briefing && !IMAGE.test(last) && !CHART_DATA.test(last) && !folder) return undefined;
    const slug = parts.length === 1 && briefing ? last.replace(/\.[a-z]+$/, "") : parts.length === 2 && briefing && last.startsWith("index.") ? parts[0] : undefined;
    // A new, renamed or deleted briefing changes the index and maybe other decks' names: rebuild all.
    return slug !== undefined && SLUG_PATTERN.test(slug) && existsSync(path) ? slug : "all";
  }

  private queue(target: "all" | string): void {
    if (this.closed) return;
    this.edits++;
    if (target === "all") {
      this.allStamp = this.edits;
      this.pending = "all";
    } else {
      this.stamps.set(target, this.edits);
      if (this.pending !== "all") this.pending = new Set([...(this.pending ?? []), target]);
    }
    this.kick();
  }

  /** One loop at a time writes to the output folder's decks and index. */
  private kick(): void {
    if (this.closed) return;
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
  }

  private async run(): Promise<void> {
    while ((this.pending !== undefined || this.indexStale) && !this.closed) {
      const target = this.pending;
      this.pending = undefined;
      if (target !== undefined) await this.pass(target);
      else await this.writeIndexOnly();
    }
  }

  private async writeIndexOnly(): Promise<void> {
    this.indexStale = false;
    const { contentDir, outDir, templatesDir } = this.options.settings;
    try {
      const index = await writeIndex(outDir, contentDir, loadTemplates(templatesDir));
      for (const diagnostic of index.diagnostics) this.options.log(formatDiagnostic(diagnostic));
      if (index.path) this.options.live.reload("index");
    } catch (error) {
      // The next pass writes the index again and reports what is wrong with the templates.
      this.options.log(`briefdeck: index not updated: ${messageOf(error)}`);
    }
  }

  private async pass(target: Target, first = false): Promise<void> {
    const { live, log, follower } = this.options;
    const started = performance.now();
    const slugs = target === "all" ? [] : [...target];
    // Taken before building: an edit made during the build makes this pass's PDFs outdated.
    const allStamp = this.allStamp;
    const stamps = new Map(this.stamps);
    const stampAtStart = (slug: string): number => Math.max(stamps.get(slug) ?? 0, allStamp);
    let report: BuildReport;
    this.indexStale = false;
    try {
      report = await build({
        ...this.options.settings, slugs, pdf: this.options.pdf, provisional: this.options.pdf,
        ...(this.options.measurer ? { pdfExporter: this.options.measurer } : {}),
        // Right after each deck is swapped in, before the index is written: its PDF link works at once.
        onBriefing: (outcome) => {
          if (outcome.ok && !outcome.cached) follower?.restore(outcome.slug);
        },
      });
    } catch (error) {
      // Before serving: wrong usage (no content folder) ends the command with its exit code.
      if (first) throw error;
      // A template that does not compile, a content folder that vanished: say so everywhere, keep serving.
      const message = `briefdeck: ${messageOf(error)}`;
      log(message);
      live.showErrors(undefined, [message]);
      return;
    }
    live.clearErrors(undefined);
    const { changes } = this.options;
    for (const slug of report.removed ?? []) {
      follower?.forget(slug);
      changes.forget(slug);
      live.clearErrors(slug);
      log(`removed ${slug}: its briefing is gone from ${displayPath(this.options.settings.contentDir)}/`);
    }
    const files = new Set(report.outcomes.filter((outcome) => !outcome.cached).map((outcome) => outcome.file));
    for (const diagnostic of report.diagnostics) {
      // Problems outside the briefings built (a duplicate name, an index template) are printed as they come.
      if (diagnostic.severity !== "note" && !files.has(diagnostic.file)) log(formatDiagnostic(diagnostic));
    }
    let built = 0;
    for (const outcome of report.outcomes) {
      if (!outcome.cached) {
        const own = [...new Map([...report.diagnostics, ...outcome.diagnostics].filter((d) => d.file === outcome.file).map((d) => [formatDiagnostic(d), d])).values()];
        for (const line of changes.lines(outcome.slug, own)) log(line);
      }
      if (!outcome.ok) {
        live.showErrors(outcome.slug, problems(report, outcome));
        // Content errors were printed with the diagnostics above; a failure of the machine (a browser that hung) is said here.
        if (outcome.failure) log(`briefdeck: ${outcome.failure}`);
        continue;
      }
      live.clearErrors(outcome.slug);
      for (const removed of outcome.removedOutputs ?? []) log(removedOutputLine(removed, displayPath));
      if (outcome.cached) continue;
      built++;
      const pages = live.reload(outcome.slug);
      log(`rebuilt ${outcome.slug} (${changes.slideCount(outcome.slug, outcome.slides)}) in ${outcome.milliseconds} ms${pages > 0 ? `: ${pages} ${pages === 1 ? "page" : "pages"} reloaded` : ""}`);
      follower?.request(outcome.slug, stampAtStart(outcome.slug));
    }
    const known = report.outcomes.map((outcome) => outcome.slug).join(" ");
    const listChanged = target === "all" && known !== this.known;
    if (target === "all") this.known = known;
    // A failed briefing's card is flagged, and a fixed one's flag cleared, without any deck being built.
    if (built > 0 || listChanged || report.indexChanged === true) live.reload("index");
    if (target === "all" && built === 0 && report.outcomes.length > 0 && report.outcomes.every((outcome) => outcome.ok)) {
      log(`up to date (${Math.round(performance.now() - started)} ms)`);
    }
  }
}

/** What a briefing can show: the image types the parser accepts. */
const IMAGE = /\.(?:png|jpe?g|gif|svg|webp|avif)$/i;
/** What a chart reads its numbers from (`data=file.csv`). */
const CHART_DATA = /\.csv$/i;
