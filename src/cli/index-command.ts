import { resolve } from "node:path";
import { formatDiagnostic } from "../core/diagnostics.js";
import { EnvironmentError, ExitCode, messageOf } from "../core/errors.js";
import type { ExitCodeValue } from "../core/errors.js";
import { displayPath } from "../input/discover.js";
import { writeIndexOfOutput } from "../output/index-writer.js";
import { loadTemplates } from "../render/templates.js";
import type { OptionValues } from "./options.js";
import type { CliIo } from "./types.js";

/**
 * `briefdeck index`: the index page of every deck in the output folder, for
 * output merged from shards built apart (`build --shard i/n` on several
 * machines, their `dist/` folders copied together).
 */
export async function runIndex(io: CliIo, values: OptionValues): Promise<ExitCodeValue> {
  const outDir = resolve(typeof values.out === "string" ? values.out : "dist");
  const templatesDir = typeof values.templates === "string" ? resolve(values.templates) : undefined;
  let result;
  try {
    result = await writeIndexOfOutput(outDir, loadTemplates(templatesDir));
  } catch (error) {
    throw new EnvironmentError(`cannot write the index of ${displayPath(outDir)}: ${messageOf(error)}`, { cause: error });
  }
  for (const diagnostic of result.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
  if (!result.path) return ExitCode.content;
  if (values.quiet !== true) io.stdout(`index: ${displayPath(result.path)} (${result.decks} decks)\n`);
  return ExitCode.ok;
}
