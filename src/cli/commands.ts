import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import type { HandoutSettings, Paper } from "../exporters/contracts.js";
import type { OptionValues } from "./options.js";
import type { DeckCommand, OutputCommand } from "./types.js";

/** The options every deck-building command shares: folders, fitting and the browser. */
export function deckCommand(values: OptionValues): DeckCommand {
  const templates = text(values, "templates");
  return {
    contentDir: resolve(text(values, "content") ?? "content"),
    outDir: resolve(text(values, "out") ?? "dist"),
    templatesDir: templates === undefined ? undefined : resolve(templates),
    quiet: values.quiet === true,
    strict: values.strict === true,
    fit: values["no-fit"] !== true,
    browser: text(values, "browser"),
    browserUrls: browserUrls(values["browser-url"]),
    serveHost: text(values, "serve-host") ?? "127.0.0.1",
    installBrowser: values["install-browser"] === true,
    concurrency: parseConcurrency(text(values, "concurrency")),
    timeoutMs: parseTimeout(text(values, "timeout")),
  };
}

/** `build` and `dev`: the deck options and the outputs beyond deck and PDF (the handout and fragment pages need the browser). */
export function outputCommand(values: OptionValues): OutputCommand {
  const paper = text(values, "paper");
  if (paper !== undefined && paper !== "a4" && paper !== "letter") {
    throw new UsageError(`--paper must be a4 or letter, not "${paper}"`);
  }
  const pdf = values["no-pdf"] !== true;
  if (!pdf && (values.handout === true || values["pdf-fragments"] === true || values.pptx === true)) {
    throw new UsageError("--handout, --pdf-fragments and --pptx are laid out in the browser: drop --no-pdf");
  }
  if (paper !== undefined && values.handout !== true) throw new UsageError("--paper sets the handout's paper: add --handout");
  const perPage = text(values, "handout-layout");
  if (perPage !== undefined && perPage !== "1" && perPage !== "2" && perPage !== "3") {
    throw new UsageError(`--handout-layout must be 1, 2 or 3 (slides per page), not "${perPage}"`);
  }
  if ((perPage !== undefined || values["no-handout-lines"] === true) && values.handout !== true) {
    throw new UsageError("--handout-layout and --no-handout-lines shape the handout: add --handout");
  }
  return {
    ...deckCommand(values),
    pdf,
    ...(values.handout === true
      ? { handout: { paper: (paper ?? "a4") as Paper, perPage: Number(perPage ?? "1") as HandoutSettings["perPage"], lines: values["no-handout-lines"] !== true } }
      : {}),
    ...(values["single-file"] === true ? { singleFile: true } : {}),
    ...(values.pptx === true ? { pptx: true } : {}),
    ...(values["pdf-fragments"] === true ? { pdfFragments: true } : {}),
  };
}

/** `--browser-url`: each an http(s) DevTools address or a ws(s) endpoint. */
function browserUrls(value: OptionValues[string]): string[] {
  const urls = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  for (const url of urls) {
    if (!/^(?:https?|wss?):\/\/[^/\s]+/i.test(url)) throw new UsageError(`--browser-url takes http://host:port of a browser started with --remote-debugging-port, or a ws:// endpoint, not "${url}"`);
  }
  return urls;
}

function text(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
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
