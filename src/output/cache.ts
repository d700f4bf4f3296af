import { createHash } from "node:crypto";
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BriefingSource } from "../input/discover.js";
import type { Briefing } from "../core/model.js";
import { chartDataFiles } from "../input/chart-data.js";
import type { SlideView } from "../render/slide-views.js";
import type { TemplateSet } from "../render/templates.js";
import { VERSION } from "../core/version.js";
import type { OutputFile } from "../core/files.js";
import type { StagedFolder } from "./atomic.js";
import { HANDOUT_SUFFIX } from "../exporters/handout/print-handout.js";

/**
 * Cached builds. Each deck folder holds a record of what it was built from;
 * it is staged and committed with the deck, so a deck whose folder was
 * deleted has no record and is rebuilt, and a failed build records nothing.
 */
export const CACHE_FILE = ".briefdeck-cache.json";

/** What the cache needs to know of a build. */
export interface CacheOptions {
  contentDir: string;
  outDir: string;
  /**
   * Every setting that changes what is written (pdf, strict, fit, handout…,
   * whether slides are measured), by name: any change rebuilds every deck.
   */
  settings: Record<string, unknown>;
  /** Treat every deck as changed (the record is still written). */
  force?: boolean;
  /** A quick pass a full build follows: nothing is recorded. */
  provisional?: boolean;
}

/** A deck found up to date, as the cache recorded it. */
export interface CachedDeck {
  slug: string;
  file: string;
  slides: number;
  /** Files of the deck folder, e.g. `index.html`, `<slug>.pdf`. */
  outputs: string[];
  /** How long checking took. */
  milliseconds: number;
}

interface CacheRecord {
  format: typeof FORMAT;
  key: string;
  /** What parsing found, so that an unchanged briefing is checked without being parsed again. */
  images: string[];
  theme: string;
  layouts: string[];
  /** Files of the deck folder that must still exist, e.g. `index.html`, `<slug>.pdf`. */
  outputs: string[];
  slides: number;
}

const FORMAT = 1;
const sha256 = (...parts: (string | Buffer)[]): string => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
};

export class BuildCache {
  /** Markdown digests taken before parsing: an edit made during the build then forces the next one. */
  private readonly markdown = new Map<string, string>();
  private readonly files = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly options: CacheOptions,
    private readonly templates: TemplateSet,
  ) {}

  /** The briefings whose deck is up to date; the others must be built. */
  async unchanged(sources: readonly BriefingSource[]): Promise<CachedDeck[]> {
    const started = performance.now();
    const fresh = await Promise.all(sources.map((source) => this.check(source)));
    const milliseconds = Math.round(performance.now() - started);
    return fresh.flatMap((record, index) => {
      const source = sources[index];
      if (!record || !source) return [];
      return [{ slug: source.slug, file: source.file, slides: record.slides, outputs: record.outputs, milliseconds }];
    });
  }

  /**
   * The record to stage with a deck being built; none when an input went missing meanwhile.
   * Images are hashed as copied into `staged`: an image edited during the build is seen as changed next time.
   */
  async record(briefing: Briefing, slides: readonly SlideView[], outputs: string[], staged: Pick<StagedFolder, "path">): Promise<OutputFile[]> {
    const markdown = this.markdown.get(briefing.slug);
    // A provisional deck is not the final one: recording it would let a later build skip the real thing.
    if (markdown === undefined || this.options.provisional) return [];
    const inputs = {
      // Chart data files are inputs like images: a changed CSV makes the deck stale.
      images: [...new Set([...briefing.images.map((image) => image.contentPath), ...chartDataFiles(briefing)])].sort(),
      theme: briefing.meta.theme,
      layouts: [...new Set(slides.map((slide) => slide.partial.replace(/^layout-/, "")))].sort(),
    };
    const copies = new Map(briefing.images.map((image) => [image.contentPath, staged.path(image.outputPath)]));
    const key = await this.key(markdown, { ...inputs, outputs }, (image) => copies.get(image));
    if (key === undefined) return [];
    const record: CacheRecord = { format: FORMAT, key, ...inputs, outputs, slides: slides.length };
    return [{ path: CACHE_FILE, text: `${JSON.stringify(record, null, 1)}\n` }];
  }

  private async check(source: BriefingSource): Promise<CacheRecord | undefined> {
    const [text, record] = await Promise.all([readFile(source.path), readRecord(join(this.options.outDir, source.slug, CACHE_FILE))]);
    const markdown = sha256("markdown", source.path.slice(this.options.contentDir.length), text);
    this.markdown.set(source.slug, markdown);
    if (!record || this.options.force) return undefined;
    const present = await Promise.all(record.outputs.map((file) => isFile(join(this.options.outDir, source.slug, file))));
    if (present.includes(false)) return undefined;
    return (await this.key(markdown, record)) === record.key ? record : undefined;
  }

  /** One digest of everything a deck is made from; undefined when an input is missing. */
  private async key(
    markdown: string,
    inputs: Pick<CacheRecord, "images" | "theme" | "layouts" | "outputs">,
    copyOf: (image: string) => string | undefined = () => undefined,
  ): Promise<string | undefined> {
    const parts = [await fingerprint(this.options.settings), markdown];
    for (const image of inputs.images) {
      const digest = await this.fileDigest(copyOf(image) ?? join(this.options.contentDir, ...image.split("/")));
      if (digest === undefined) return undefined;
      parts.push(`image ${image} ${digest}`);
    }
    const { digests } = this.templates;
    const used = [
      "deck.hbs", `themes/${inputs.theme}.css`,
      ...inputs.layouts.map((layout) => `layouts/${layout}.hbs`),
      // The handout is printed from its own page and stylesheet.
      ...(inputs.outputs.some((file) => file.endsWith(HANDOUT_SUFFIX)) ? ["handout.hbs", "handout.css"] : []),
      ...[...digests.keys()].filter((name) => name.startsWith("partials/")).sort(),
    ];
    for (const name of used) {
      const digest = digests.get(name);
      if (digest === undefined) return undefined;
      parts.push(`template ${name} ${digest}`);
    }
    return sha256(...parts);
  }

  private fileDigest(path: string): Promise<string | undefined> {
    let digest = this.files.get(path);
    if (!digest) {
      // A missing image is not an error here: the build reports it; the deck simply is not fresh.
      digest = readFile(path).then((data) => sha256(data), () => undefined);
      this.files.set(path, digest);
    }
    return digest;
  }
}

async function readRecord(path: string): Promise<CacheRecord | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    // No record (never built, folder deleted) or a damaged one: either way the deck is rebuilt.
    if (isMissing(error) || error instanceof SyntaxError) return undefined;
    throw error;
  }
  return isRecord(parsed) ? parsed : undefined;
}

function isRecord(value: unknown): value is CacheRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  const strings = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === "string");
  return record.format === FORMAT && typeof record.key === "string" && typeof record.theme === "string" &&
    typeof record.slides === "number" && strings(record.images) && strings(record.layouts) && strings(record.outputs) &&
    (record.outputs as string[]).every((file) => !file.includes("..") && !file.startsWith("/"));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    // Gone output means the deck must be rebuilt; anything else is a real problem.
    if (isMissing(error)) return false;
    throw error;
  }
}

/** Not there: no such file, or a file where a folder should be (the build then reports the folder itself). */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

let code: Promise<string> | undefined;

/**
 * What else decides the output: briefdeck's own code (its version, and the
 * files actually running, so a rebuilt briefdeck never serves stale decks),
 * its pinned dependencies, and the settings that change what is written.
 */
export async function fingerprint(settings: Record<string, unknown>): Promise<string> {
  code ??= codeDigest();
  const sorted = Object.fromEntries(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)));
  return sha256(`format ${FORMAT}`, `briefdeck ${VERSION}`, await code, JSON.stringify(sorted));
}
async function codeDigest(): Promise<string> {
  const root = fileURLToPath(new URL("../", import.meta.url));
  const packageJson = fileURLToPath(new URL("../../package.json", import.meta.url));
  const files = (await readdir(root, { recursive: true })).filter((name) => /\.(?:js|ts|mjs)$/.test(name)).sort();
  const parts = await Promise.all([
    readFile(packageJson).then((text) => `package.json ${sha256(text)}`),
    ...files.map(async (name) => `${name} ${sha256(await readFile(join(root, name)))}`),
  ]);
  return sha256(...parts);
}
