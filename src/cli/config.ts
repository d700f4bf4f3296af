import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { createRequire } from "node:module";
import type { Node, Scalar } from "yaml";
import type * as Yaml from "yaml";
import type { Diagnostic } from "../core/diagnostics.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import { UsageError } from "../core/errors.js";
import { readAccent } from "../core/colour.js";
import type { ProjectBranding } from "../core/model.js";
import { closest } from "../core/suggest.js";
import { displayPath } from "../input/discover.js";
import { imageProblem } from "../input/images/deck-image.js";
import { sniffImage } from "../input/images/sniff.js";
import type { OptionValues } from "./options.js";

/** The project file, looked for beside the content folder. */
export const CONFIG_FILE = "briefdeck.yaml";

/** What `briefdeck.yaml` may set; each key is the long command-line option of the same name. */
export interface ConfigSettings {
  pdf: boolean;
  handout: boolean;
  paper: "a4" | "letter";
  "single-file": boolean;
  "pdf-fragments": boolean;
  pptx: boolean;
  /** Folders and the browser: absolute, resolved against the folder holding the file. */
  content: string;
  out: string;
  templates: string;
  browser: string;
  /** Running browsers to print on (`--browser-url`, repeatable): one address or a list. */
  "browser-url": string[];
  "serve-host": string;
  concurrency: number;
  strict: boolean;
  fit: boolean;
  port: number;
  host: string;
  /** Every briefing's logo unless its front matter names one: an image inside the content folder. */
  logo: ConfigLogo;
  /** Every briefing's accent colour unless its front matter gives one. */
  accent: string;
}

/** The project's logo as the file gives it: where it is, how it was written, and at which line. */
export interface ConfigLogo {
  /** Absolute, resolved against the folder holding the file. */
  path: string;
  src: string;
  line: number;
  column: number;
}

/** The settings a project file gives, and where it is. */
export type ProjectConfig = Partial<ConfigSettings> & { file: string };

/** One or more mistakes in the project file, each `file:line:col: error: …`; exit code 2. */
export class ConfigError extends UsageError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
  }
}

/** Loaded only when there is a settings file to read: most commands never need a YAML parser. */
const loadYaml = (): typeof Yaml => createRequire(import.meta.url)("yaml") as typeof Yaml;
const isScalar = (node: unknown): node is Scalar => loadYaml().isScalar(node);

/** Reads one value: the value, a problem (reported after the key's name), or a whole message. */
type Reader<T> = (node: Node | null, baseDir: string, at?: (node: Node | null) => { line: number; column: number }) => T | { problem: string } | { message: string };

const boolean: Reader<boolean> = (node) =>
  isScalar(node) && typeof node.value === "boolean" ? node.value : { problem: "must be true or false" };

const text: Reader<string> = (node) =>
  isScalar(node) && typeof node.value === "string" && node.value.trim() !== "" ? node.value.trim() : { problem: "must be text on one line" };

const path: Reader<string> = (node, baseDir) => {
  const value = text(node, baseDir);
  return typeof value === "string" ? resolve(baseDir, value) : { problem: "must be a path, relative to the folder holding this file" };
};

const wholeNumber = (min: number, max: number): Reader<number> => (node) =>
  isScalar(node) && typeof node.value === "number" && Number.isInteger(node.value) && node.value >= min && node.value <= max
    ? node.value
    : { problem: `must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}` };

const accent: Reader<string> = (node, baseDir) => {
  const value = text(node, baseDir);
  if (typeof value !== "string") return { problem: 'must be a colour, e.g. "#1d4f91" (in quotes: # starts a YAML comment)' };
  const read = readAccent(value);
  return "colour" in read ? read.colour : { message: `accent "${value}" ${read.problem}` };
};

/** A logo: an image file, checked as the briefings' images are (visible, and an image by its bytes). */
const logo: Reader<ConfigLogo> = (node, baseDir, at) => {
  const value = text(node, baseDir);
  if (typeof value !== "string") return { problem: "must be the path of an image, relative to the folder holding this file" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) {
    return { message: `logo "${value}" is not a local file: decks must work offline, so save the image inside the content folder and give its path` };
  }
  const path = resolve(baseDir, value);
  if (relative(baseDir, path).split(sep).some((segment) => segment.startsWith(".") && segment !== "..")) {
    return { message: `logo "${value}" is a hidden file or inside a hidden folder: move the image out of it` };
  }
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) return { message: `logo "${value}" is a folder, not a file: point to the image file itself` };
    bytes = readFileSync(path);
  } catch {
    return { message: `logo "${value}" not found (looked for ${displayPath(path)}): give its path relative to ${CONFIG_FILE}` };
  }
  const problem = imageProblem(path, sniffImage(bytes));
  if (problem !== undefined) return { message: `logo "${value}" ${problem}` };
  return { path, src: value, ...(at?.(node) ?? { line: 1, column: 1 }) };
};

/** One running browser's address, or a list of them (YAML `- http://…` lines). */
const browserUrls: Reader<string[]> = (node) => {
  const { isSeq } = loadYaml();
  const items: unknown[] = isSeq(node) ? node.items : [node];
  const urls = items.map((item) => (isScalar(item) && typeof item.value === "string" ? item.value.trim() : undefined));
  const good = urls.filter((url): url is string => url !== undefined && /^(?:https?|wss?):\/\/[^/\s]+/i.test(url));
  if (urls.length === 0 || good.length < urls.length) {
    const bad = urls.find((url) => url === undefined || !good.includes(url));
    return { message: `browser-url takes http://host:port of a browser started with --remote-debugging-port, or a ws:// endpoint (one, or a list of them), not ${JSON.stringify(bad ?? null)}` };
  }
  return good;
};

const oneOf = <T extends string>(...values: T[]): Reader<T> => (node) =>
  isScalar(node) && values.includes(node.value as T) ? (node.value as T) : { problem: `must be one of: ${values.join(", ")}` };

/** Every key and how its value is read; a new option is one line here. */
const KEYS: { [K in keyof ConfigSettings]: Reader<ConfigSettings[K]> } = {
  pdf: boolean,
  handout: boolean,
  paper: oneOf("a4", "letter"),
  "single-file": boolean,
  "pdf-fragments": boolean,
  pptx: boolean,
  content: path,
  out: path,
  templates: path,
  browser: path,
  "browser-url": browserUrls,
  "serve-host": text,
  concurrency: wholeNumber(1, Number.MAX_SAFE_INTEGER),
  strict: boolean,
  fit: boolean,
  port: wholeNumber(0, 65_535),
  host: text,
  logo,
  accent,
};

export const CONFIG_KEYS = Object.keys(KEYS) as (keyof ConfigSettings)[];

/**
 * Reads and validates a project file's text. Like front matter: unknown
 * keys (with a "did you mean"), wrong types and YAML mistakes are all
 * reported at their line and column, every one in a single pass.
 */
export function parseProjectConfig(source: string, file: string, baseDir: string): { config: ProjectConfig; diagnostics: Diagnostic[] } {
  const { LineCounter, isMap, parseDocument } = loadYaml();
  const diagnostics: Diagnostic[] = [];
  const config: ProjectConfig = { file };
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const report = (offset: number | undefined, message: string): void => {
    const { line, col } = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
    diagnostics.push({ file, line, column: col, severity: "error", message });
  };
  for (const error of doc.errors) report(error.pos[0], `${error.message.split("\n")[0] ?? "YAML error"}: fix the YAML syntax`);
  if (doc.errors.length > 0) return { config, diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { config, diagnostics };
  if (!isMap(doc.contents)) {
    report(doc.contents.range?.[0], `${CONFIG_FILE} holds settings, one per line, e.g. \`pdf: false\`; use the keys: ${CONFIG_KEYS.join(", ")}`);
    return { config, diagnostics };
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyAt = (pair.key as Node | null)?.range?.[0];
    if (key === undefined || !(key in KEYS)) {
      const suggestion = key === undefined ? undefined : closest(key, CONFIG_KEYS);
      report(keyAt, `unknown setting "${key ?? "?"}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; use one of: ${CONFIG_KEYS.join(", ")}`);
      continue;
    }
    const name = key as keyof ConfigSettings;
    const value = pair.value as Node | null;
    const at = (node: Node | null): { line: number; column: number } => {
      const { line, col } = lineCounter.linePos(node?.range?.[0] ?? keyAt ?? 0);
      return { line, column: col };
    };
    const read = (KEYS[name] as Reader<unknown>)(value, baseDir, at);
    if (typeof read === "object" && read !== null && "message" in read && typeof read.message === "string") {
      report(value?.range?.[0] ?? keyAt, read.message);
      continue;
    }
    if (typeof read === "object" && read !== null && "problem" in read) {
      report(value?.range?.[0] ?? keyAt, `${name} ${read.problem}${isScalar(value) ? `, not ${JSON.stringify(value.value)}` : ""}`);
      continue;
    }
    (config as Record<string, unknown>)[name] = read;
  }
  return { config, diagnostics };
}

/**
 * The project file: `--config PATH` when given (it must exist), else
 * `briefdeck.yaml` in the folder that holds the content folder, if there is one.
 */
export function loadProjectConfig(options: { configFlag?: string | undefined; contentFlag?: string | undefined }): ProjectConfig | undefined {
  const path = configPath(options);
  if (options.configFlag === undefined && !existsSync(path)) return undefined;
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the settings file ${displayPath(path)}: ${(error as Error).message}`, { cause: error });
  }
  const { config, diagnostics } = parseProjectConfig(source, displayPath(path), dirname(path));
  if (diagnostics.length > 0) throw new ConfigError(diagnostics);
  return config;
}

/**
 * The project file's `logo` and `accent` for the build. The logo is copied
 * into every deck like the briefings' images, so it must be inside the
 * content folder with them; that folder is known only once the command
 * line is read, so this is checked here, at the logo's line.
 */
export function projectBranding(config: ProjectConfig | undefined, contentDir: string): ProjectBranding | undefined {
  if (config?.logo === undefined && config?.accent === undefined) return undefined;
  const branding: ProjectBranding = config.accent === undefined ? {} : { accent: config.accent };
  const logo = config.logo;
  if (logo !== undefined) {
    const contentPath = relative(resolve(contentDir), logo.path).split(sep).join("/");
    if (contentPath.startsWith("../") || contentPath === ".." || isAbsolute(contentPath)) {
      throw new ConfigError([{ file: config.file, line: logo.line, column: logo.column, severity: "error", message: `logo "${logo.src}" is outside the content folder (${displayPath(contentDir)}): move the image into it, e.g. ${displayPath(contentDir)}/brand/, and give that path` }]);
    }
    branding.logo = { src: logo.src, contentPath, outputPath: `media/${contentPath}`, position: { file: config.file, line: logo.line, column: logo.column } };
  }
  return branding;
}

/** Where the project file is, or would be. */
export function configPath(options: { configFlag?: string | undefined; contentFlag?: string | undefined }): string {
  if (options.configFlag !== undefined) return resolve(options.configFlag);
  return join(dirname(resolve(options.contentFlag ?? "content")), CONFIG_FILE);
}

/** Each on/off setting: its key, and the flags that say on and off. */
const SWITCHES = [
  { key: "pdf", on: "pdf", off: "no-pdf" },
  { key: "fit", on: "fit", off: "no-fit" },
  { key: "strict", on: "strict", off: "no-strict" },
  { key: "handout", on: "handout", off: "no-handout" },
  { key: "single-file", on: "single-file", off: "no-single-file" },
  { key: "pdf-fragments", on: "pdf-fragments", off: "no-pdf-fragments" },
  { key: "pptx", on: "pptx", off: "no-pptx" },
] as const;

const VALUES = ["content", "out", "templates", "browser", "paper", "host", "serve-host"] as const;
const NUMBERS = ["concurrency", "port"] as const;

/**
 * The command line over the project file: a flag given wins, a setting of
 * the file fills in what the command line left out. Returns the values as
 * if the settings had been typed as flags, with on/off settings resolved to
 * the one flag each command reads (`--no-pdf`, `--no-fit`, `--strict`, …).
 */
export function applyConfig(flags: OptionValues, config: ProjectConfig | undefined): OptionValues {
  const merged: OptionValues = { ...flags };
  for (const { key, on, off } of SWITCHES) {
    if (flags[on] && flags[off]) throw new UsageError(`--${on} and --${off} contradict each other: give one`);
    const value = flags[on] ? true : flags[off] ? false : config?.[key];
    // The commands read pdf and fit as --no-…, the others as the positive flag.
    merged[on] = key === "pdf" || key === "fit" ? undefined : value === true;
    merged[off] = key === "pdf" || key === "fit" ? value === false : undefined;
  }
  for (const key of VALUES) merged[key] = flags[key] ?? config?.[key];
  // The command line's addresses replace the file's list rather than adding to it.
  merged["browser-url"] = flags["browser-url"] ?? config?.["browser-url"];
  for (const key of NUMBERS) merged[key] = flags[key] ?? (config?.[key] === undefined ? undefined : String(config[key]));
  // The file's paper is for when a handout is made; alone it asks for nothing.
  if (flags.paper === undefined && merged.handout !== true) merged.paper = undefined;
  return merged;
}

/** The starter project file `briefdeck new` writes: every setting, commented out at its default. */
export function starterConfig(): string {
  return `# briefdeck project settings. Each key is a long command-line option; a flag
# given on the command line wins over the value here. Remove the # to use one.

# pdf: true              # false: HTML decks only, no browser needed (--no-pdf)
# handout: false         # also write <slug>-handout.pdf (--handout)
# paper: a4              # handout paper: a4 or letter (--paper)
# single-file: false     # also write <slug>.html, the deck in one file (--single-file)
# pdf-fragments: false   # one PDF page per fragment step (--pdf-fragments)
# pptx: false            # also write <slug>.pptx, an editable PowerPoint (--pptx)
# fit: true              # false: do not measure and fit slides (--no-fit)
# strict: false          # fail when a slide had to be split or shrunk (--strict)
# content: content       # folders, relative to this file (--content, --out, --templates)
# out: dist
# templates: my-templates
# browser: /usr/bin/chromium
# browser-url: http://127.0.0.1:9222   # print on running browsers (--browser-url); a list for several
# serve-host: 127.0.0.1  # the address those browsers reach this machine at (--serve-host)
# concurrency: 2         # briefings printed at once (--concurrency)
# port: 4321             # briefdeck dev (--port, --host)
# host: 127.0.0.1
# logo: content/brand/logo.png   # every deck's logo, unless its front matter names one (inside the content folder)
# accent: "#1d4f91"      # every deck's accent colour, unless its front matter gives one (dark enough for text)
`;
}
