import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import type { Node, Scalar } from "yaml";
import type * as Yaml from "yaml";
import type { Diagnostic } from "../core/diagnostics.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import { UsageError } from "../core/errors.js";
import { closest } from "../core/suggest.js";
import { displayPath } from "../input/discover.js";
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
  concurrency: number;
  strict: boolean;
  fit: boolean;
  port: number;
  host: string;
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

type Reader<T> = (node: Node | null, baseDir: string) => T | { problem: string };

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
  concurrency: wholeNumber(1, Number.MAX_SAFE_INTEGER),
  strict: boolean,
  fit: boolean,
  port: wholeNumber(0, 65_535),
  host: text,
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
    const read = (KEYS[name] as Reader<unknown>)(value, baseDir);
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

const VALUES = ["content", "out", "templates", "browser", "paper", "host"] as const;
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
# concurrency: 2         # briefings printed at once (--concurrency)
# port: 4321             # briefdeck dev (--port, --host)
# host: 127.0.0.1
`;
}
