import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { build } from "../build/build.js";
import type { BriefingOutcome, DeckSettings } from "../build/types.js";
import type { PdfExporter, PrintSession } from "../exporters/contracts.js";
import { problems } from "./problems.js";
import { messageOf } from "../core/errors.js";

export interface PdfFollowerOptions {
  /** How the decks are built, as for the HTML pass. */
  settings: DeckSettings;
  /** The browser the dev server keeps open; it closes it. */
  exporter: PdfExporter;
  /** Whether the HTML pass that asked for this PDF is still the latest for its briefing. */
  isCurrent: (slug: string, stamp: number) => boolean;
  /** A full deck (fitted HTML and PDF) is in place; `htmlChanged` when its page must reload. */
  onLanded: (outcome: BriefingOutcome, htmlChanged: boolean) => void;
  onFailed: (slug: string, lines: string[]) => void;
  log: (line: string) => void;
}

/**
 * The background PDF build that follows each HTML pass. It builds into a
 * private folder with the browser kept open, then swaps the whole deck in
 * with two synchronous renames, only if no newer edit came meanwhile:
 * nothing else can write that deck between the check and the swap. Work
 * for an outdated edit stops at its next step (open, measure, print).
 * The last complete PDFs are kept aside so the HTML pass can put them
 * back at once: the deck's PDF link always gives a complete file.
 */
export class PdfFollower {
  private readonly wanted = new Map<string, number>();
  private readonly work: string;
  private readonly held: string;
  private running: Promise<void> | undefined;
  private closed = false;
  private runs = 0;

  constructor(private readonly options: PdfFollowerOptions) {
    this.work = join(options.settings.outDir, ".briefdeck-dev");
    this.held = join(this.work, "pdf");
  }

  /** Keeps aside the PDFs already in the output folder. */
  holdExisting(): void {
    const { outDir } = this.options.settings;
    if (!existsSync(outDir)) return;
    for (const entry of readdirSync(outDir, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith(".") && !entry.name.startsWith("_")) this.hold(entry.name);
    }
  }

  /** The last complete copy of a deck's PDF (`<out>/<slug>/<name>.pdf`), while the deck has none. */
  heldCopy(path: string): string | undefined {
    const inside = relative(this.options.settings.outDir, path).split(sep);
    if (inside.length !== 2 || !inside[1]?.endsWith(".pdf") || inside[0]?.startsWith(".")) return undefined;
    const kept = join(this.held, ...inside);
    return existsSync(kept) ? kept : undefined;
  }

  /** The HTML pass just put a deck without PDF in place: give it back its last complete one. */
  restore(slug: string): void {
    const deck = join(this.options.settings.outDir, slug);
    const kept = join(this.held, slug);
    if (!existsSync(kept) || !existsSync(deck)) return;
    for (const name of readdirSync(kept)) {
      if (!existsSync(join(deck, name))) placeAtomically(join(kept, name), join(deck, name));
    }
  }

  /** Prints `slug` anew, for the edit numbered `stamp`. */
  request(slug: string, stamp: number): void {
    this.wanted.set(slug, stamp);
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no PDF build is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking work; a running build stops at its next step once the browser is closed. */
  async close(): Promise<void> {
    this.closed = true;
    this.wanted.clear();
    await this.idle();
    await rm(this.work, { recursive: true, force: true });
  }

  private async run(): Promise<void> {
    while (this.wanted.size > 0 && !this.closed) {
      const batch = new Map([...this.wanted].filter(([slug, stamp]) => this.options.isCurrent(slug, stamp)));
      this.wanted.clear();
      if (batch.size > 0) await this.print(batch);
    }
  }

  private async print(batch: Map<string, number>): Promise<void> {
    const scratch = join(this.work, `print-${process.pid}-${++this.runs}`);
    try {
      const report = await build({
        ...this.options.settings, outDir: scratch, slugs: [...batch.keys()], pdf: true, force: true, pdfExporter: this.guard(batch),
      });
      for (const outcome of report.outcomes) {
        const stamp = batch.get(outcome.slug);
        // Superseded: the newer edit's own PDF build follows.
        if (stamp === undefined || this.closed || !this.options.isCurrent(outcome.slug, stamp)) continue;
        if (outcome.ok) await this.land(scratch, outcome);
        else this.options.onFailed(outcome.slug, problems(report, outcome));
      }
    } catch (error) {
      if (!this.closed) this.options.log(`briefdeck: PDF build failed: ${messageOf(error)}`);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private async land(scratch: string, outcome: BriefingOutcome): Promise<void> {
    const target = join(this.options.settings.outDir, outcome.slug);
    const before = readOrUndefined(join(target, "index.html"));
    const retired = swapIn(join(scratch, outcome.slug), target);
    this.hold(outcome.slug);
    this.options.onLanded(outcome, readOrUndefined(join(target, "index.html")) !== before);
    if (retired) await rm(retired, { recursive: true, force: true });
  }

  private hold(slug: string): void {
    const deck = join(this.options.settings.outDir, slug);
    for (const name of readdirSync(deck).filter((file) => file.endsWith(".pdf"))) {
      mkdirSync(join(this.held, slug), { recursive: true });
      placeAtomically(join(deck, name), join(this.held, slug, name));
    }
  }

  /** The real exporter, refusing work for a briefing edited since its HTML pass. */
  private guard(batch: Map<string, number>): PdfExporter {
    const check = (slug: string): void => {
      const stamp = batch.get(slug);
      if (this.closed || stamp === undefined || !this.options.isCurrent(slug, stamp)) {
        throw new Error(`${slug}: PDF superseded by a newer edit`);
      }
    };
    const real = this.options.exporter;
    return {
      async open(deckPath, slug) {
        check(slug);
        return guardSession(await real.open(deckPath, slug), () => check(slug));
      },
      // The dev server owns the browser and closes it itself.
      close: async () => undefined,
    };
  }
}

/**
 * The session with `check` run before each step (load, measure, print…) but
 * `close`. A proxy, so every step the session has, now or later, is covered.
 */
function guardSession(session: PrintSession, check: () => void): PrintSession {
  return new Proxy(session, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      // Called on the session itself, so its own inner calls are not checked again.
      if (property === "close") return (...args: unknown[]): unknown => Reflect.apply(value, target, args);
      return (...args: unknown[]): unknown => {
        try {
          check();
        } catch (error) {
          return Promise.reject(error);
        }
        return Reflect.apply(value, target, args);
      };
    },
  });
}

/** Replaces `target` by the folder `from` with two renames and no await between them; returns the old folder. */
function swapIn(from: string, target: string): string | undefined {
  const retired = join(dirname(target), `.${basename(target)}.retired-${process.pid}-${randomBytes(4).toString("hex")}`);
  let hadTarget = true;
  try {
    renameSync(target, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadTarget = false;
  }
  try {
    renameSync(from, target);
  } catch (error) {
    if (hadTarget) renameSync(retired, target);
    throw error;
  }
  return hadTarget ? retired : undefined;
}

/** Puts a copy of `from` at `to` in one rename: readers see the old file or the new one. PDFs are never edited in place, so a hard link will do. */
function placeAtomically(from: string, to: string): void {
  const temporary = `${to}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    linkSync(from, temporary);
  } catch (error) {
    // Some file systems have no hard links; a copy does the same job.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
    copyFileSync(from, temporary);
  }
  renameSync(temporary, to);
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    // No deck there yet: anything new counts as a change.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
