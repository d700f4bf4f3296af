import type { Shard } from "../build/shard.js";
import type { HandoutSettings } from "../exporters/contracts.js";
import type { ProjectBranding } from "../core/model.js";

/** Where the CLI writes; tests give their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only there). */
  isTty: boolean;
}

/** The browser options `build`, `check` and `dev` share. */
export interface BrowserChoice {
  browser: string | undefined;
  /** Running browsers to print on instead of starting one (`--browser-url`, repeatable). */
  browserUrls: string[];
  serveHost: string;
  installBrowser: boolean;
  concurrency: number;
  timeoutMs: number;
}

/** What `build`, `check` and `dev` all take from the command line. */
export interface DeckCommand extends BrowserChoice {
  contentDir: string;
  outDir: string;
  templatesDir: string | undefined;
  quiet: boolean;
  strict: boolean;
  fit: boolean;
  /** `logo` and `accent` of the project file. */
  branding?: ProjectBranding;
}

/** What `build` and `dev` both take: the outputs to write. */
export interface OutputCommand extends DeckCommand {
  pdf: boolean;
  handout?: HandoutSettings;
  singleFile?: boolean;
  pptx?: boolean;
  pdfFragments?: boolean;
}

export interface BuildCommand extends OutputCommand {
  slugs: string[];
  /** Build only this share of the briefings. */
  shard?: Shard;
  /** Rebuild briefings the cache says are unchanged. */
  force?: boolean;
}

export interface CheckCommand extends DeckCommand {
  slugs: string[];
}
