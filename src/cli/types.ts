import type { Paper } from "../exporters/contracts.js";

/** Where the CLI writes; tests give their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only there). */
  isTty: boolean;
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
