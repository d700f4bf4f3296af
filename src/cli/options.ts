import { parseArgs } from "node:util";
import { UsageError } from "../core/errors.js";

/**
 * Every command-line option, declared once: its long name, its type, the
 * commands that use it and its help line. The parser, `--help` and the
 * check that refuses an option a command does not use all read this table;
 * a configuration file can map its keys onto the same long names.
 */

export const COMMANDS = ["build", "check", "dev", "new", "index", "model", "schema"] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface OptionSpec {
  /** The long name, without `--`. */
  name: string;
  type: "string" | "boolean";
  short?: string;
  /** What the value is, for help (`DIR`, `N`); string options only. */
  value?: string;
  /** May be given more than once (`--browser-url a --browser-url b`). */
  multiple?: boolean;
  /** The commands that use it; undefined: every command, and none (`--help`). */
  commands?: readonly CommandName[];
  help: string;
}

/** Where decks are read from and written to. */
const FOLDERS = ["build", "check", "dev"] as const;
/** What builds decks: the templates, fitting and the browser that measures and prints. */
const BUILDS = ["build", "check", "dev"] as const;
/** What writes outputs beside the deck. */
const WRITES = ["build", "dev"] as const;

export const OPTIONS: readonly OptionSpec[] = [
  { name: "config", type: "string", value: "PATH", commands: ["build", "check", "dev", "new", "model"], help: "settings file (default: briefdeck.yaml beside the content folder);\nits keys are the long option names, and flags override it" },
  { name: "content", type: "string", value: "DIR", commands: ["build", "check", "dev", "new", "model"], help: "briefings folder (default: content)" },
  // check writes nothing, but takes --out so that one set of folders fits every command.
  { name: "out", type: "string", value: "DIR", commands: [...FOLDERS, "index"], help: "output folder (default: dist)" },
  { name: "templates", type: "string", value: "DIR", commands: [...BUILDS, "index", "model"], help: "files here replace the built-in templates of the same name" },
  { name: "no-pdf", type: "boolean", commands: WRITES, help: "HTML only (slides still fitted when a browser is found)" },
  { name: "browser", type: "string", value: "PATH", commands: BUILDS, help: "Chrome or Chromium to print PDFs (and measure slides) with" },
  { name: "browser-url", type: "string", value: "URL", multiple: true, commands: ["build", "check", "dev"], help: "print on a running browser (http://host:port of --remote-debugging-port,\nor ws://…); repeat for several; no local browser is started" },
  { name: "serve-host", type: "string", value: "ADDRESS", commands: ["build", "check", "dev"], help: "address of this machine the --browser-url browsers can reach\n(decks are served to them from it; default: 127.0.0.1)" },
  { name: "install-browser", type: "boolean", commands: BUILDS, help: "when no browser is found, install the OS package\n(Linux as root with apt-get), else say what to run" },
  { name: "concurrency", type: "string", value: "N", commands: BUILDS, help: "briefings printed or measured at once (default: number of cores)" },
  { name: "timeout", type: "string", value: "SECONDS", commands: BUILDS, help: "how long the browser may take for one step (default: 60)" },
  { name: "strict", type: "boolean", commands: BUILDS, help: "fail when a slide had to be split or shrunk to fit" },
  { name: "no-fit", type: "boolean", commands: BUILDS, help: "do not measure slides (faster; long sections may overflow)" },
  { name: "handout", type: "boolean", commands: WRITES, help: "also write <slug>-handout.pdf: each slide above its notes" },
  { name: "paper", type: "string", value: "SIZE", commands: WRITES, help: "handout paper: a4 (default) or letter" },
  { name: "handout-layout", type: "string", value: "N", commands: WRITES, help: "handout slides per page: 1 (default, notes below), 2 or 3 (notes beside)" },
  { name: "no-handout-lines", type: "boolean", commands: WRITES, help: "no ruled lines for writing beside slides without notes" },
  { name: "single-file", type: "boolean", commands: WRITES, help: "also write <slug>.html: the deck in one file, for email" },
  { name: "pptx", type: "boolean", commands: ["build"], help: "also write <slug>.pptx: an editable PowerPoint of the fitted deck" },
  { name: "pdf-fragments", type: "boolean", commands: WRITES, help: "one PDF page per fragment step (default: one per slide)" },
  // The opposites of on/off settings, to override briefdeck.yaml for one run.
  { name: "pdf", type: "boolean", commands: WRITES, help: "print the PDF although briefdeck.yaml says pdf: false" },
  { name: "fit", type: "boolean", commands: BUILDS, help: "measure slides although briefdeck.yaml says fit: false" },
  { name: "no-strict", type: "boolean", commands: BUILDS, help: "undo strict: true of briefdeck.yaml" },
  { name: "no-handout", type: "boolean", commands: WRITES, help: "undo handout: true of briefdeck.yaml" },
  { name: "no-single-file", type: "boolean", commands: WRITES, help: "undo single-file: true of briefdeck.yaml" },
  { name: "no-pdf-fragments", type: "boolean", commands: WRITES, help: "undo pdf-fragments: true of briefdeck.yaml" },
  { name: "no-pptx", type: "boolean", commands: ["build"], help: "undo pptx: true of briefdeck.yaml" },
  { name: "shard", type: "string", value: "I/N", commands: ["build"], help: "build only share I of N (stable as briefings come and go);\nthen run briefdeck index on the merged output" },
  { name: "force", type: "boolean", commands: ["build"], help: "rebuild every briefing, even those unchanged since the last build" },
  { name: "port", type: "string", value: "N", commands: ["dev"], help: "the port to serve on (default: 4321; 0 picks a free one)" },
  { name: "host", type: "string", value: "NAME", commands: ["dev"], help: "the address to serve on (default: 127.0.0.1, this machine only)" },
  { name: "allow-host", type: "string", value: "NAMES", commands: ["dev"], help: "more host names the dev server answers to, comma-separated\n(it always answers to this machine's own names and addresses)" },
  { name: "quiet", type: "boolean", short: "q", help: "print only errors and warnings" },
  { name: "help", type: "boolean", short: "h", help: "show this help" },
  { name: "version", type: "boolean", short: "v", help: "show the version" },
];

/** The option values as parsed: strings and booleans by long name. */
export type OptionValues = Partial<Record<string, string | boolean | string[]>>;

export interface CommandLine {
  values: OptionValues;
  positionals: string[];
}

/** Parses argv against the whole table; unknown options and missing values are usage errors. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const config = Object.fromEntries(OPTIONS.map((option) => [option.name, { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) }]));
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ""));
  }
}

/** The commands that take an option (every command for `--quiet`). */
export function commandsTaking(name: string): readonly CommandName[] {
  return OPTIONS.find((option) => option.name === name)?.commands ?? COMMANDS;
}

/** Refuses, as wrong usage, an option given to a command that does not use it. */
export function assertOptionsFit(command: CommandName, values: OptionValues): void {
  for (const option of OPTIONS) {
    if (values[option.name] === undefined || option.commands === undefined || option.commands.includes(command)) continue;
    const takers = option.commands.map((name) => `briefdeck ${name}`);
    throw new UsageError(`--${option.name} does nothing for ${command}: only ${joinWords(takers)} ${takers.length === 1 ? "takes" : "take"} it`);
  }
}

/** The option lines of `--help`, from the table, grouped by the commands that take them. */
export function optionsHelp(): string {
  const label = (option: OptionSpec): string =>
    `${option.short ? `-${option.short}, ` : ""}--${option.name}${option.value ? ` ${option.value}` : ""}`;
  const width = Math.max(...OPTIONS.map((option) => label(option).length)) + 2;
  const groups = new Map<string, string[]>();
  const everyCommand = "Every command:";
  groups.set(everyCommand, []);
  for (const option of OPTIONS) {
    const takers = option.commands ?? COMMANDS;
    const heading = takers.length === COMMANDS.length ? everyCommand : `${joinWords(takers)}:`;
    const lines = groups.get(heading) ?? [];
    const [first = "", ...rest] = option.help.split("\n");
    lines.push(`  ${label(option).padEnd(width)}${first}`);
    for (const more of rest) lines.push(`  ${"".padEnd(width)}${more}`);
    groups.set(heading, lines);
  }
  return [...groups].map(([heading, lines]) => `${heading}\n${lines.join("\n")}`).join("\n");
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1] ?? ""}`;
}
