import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { formatDiagnostic } from "../core/diagnostics.js";
import { ExitCode, UsageError } from "../core/errors.js";
import type { ExitCodeValue } from "../core/errors.js";
import { discoverBriefings } from "../input/discover.js";
import { decodeSource } from "../input/encoding.js";
import { readBriefing } from "../input/read-briefing.js";
import { toStructured } from "../input/structured/from-markdown.js";
import { validateBriefing } from "../input/validate.js";
import { loadTemplates } from "../render/templates.js";
import type { OptionValues } from "./options.js";
import type { CliIo } from "./types.js";

/** The published JSON Schema of a structured briefing; it ships in the package. */
export const SCHEMA_PATH = fileURLToPath(new URL("../../schema/briefing.schema.json", import.meta.url));

/** `briefdeck schema`: the JSON Schema that JSON and YAML briefings follow. */
export function runSchema(io: CliIo): ExitCodeValue {
  io.stdout(readFileSync(SCHEMA_PATH, "utf8"));
  return ExitCode.ok;
}

/**
 * `briefdeck model SLUG`: the briefing, whatever it is written in, as JSON
 * in the structured form, which builds the same deck when saved as
 * `content/<slug>.json`. A briefing with errors is not printed: its
 * problems are, as a build would report them.
 */
export function runModel(io: CliIo, values: OptionValues, slugs: readonly string[]): ExitCodeValue {
  if (slugs.length !== 1) throw new UsageError("model takes one briefing name, e.g. briefdeck model ots-security");
  const contentDir = resolve(typeof values.content === "string" ? values.content : "content");
  const discovery = discoverBriefings(contentDir, slugs);
  const source = discovery.sources[0];
  const problems = [...discovery.diagnostics];
  if (source) {
    const decoded = decodeSource(readFileSync(source.path));
    if (!decoded.ok) {
      problems.push({ file: source.file, line: decoded.line, column: decoded.column, severity: "error", message: decoded.message });
    } else {
      const themes = new Set(loadTemplates(typeof values.templates === "string" ? resolve(values.templates) : undefined).themes.keys());
      const parsed = readBriefing({ source: decoded.text, file: source.file, slug: source.slug, baseDir: source.baseDir, themes }, source.format);
      problems.push(...parsed.diagnostics, ...validateBriefing(parsed, contentDir));
      if (!problems.some((d) => d.severity === "error")) {
        for (const d of problems) if (values.quiet !== true || d.severity !== "note") io.stderr(`${formatDiagnostic(d)}\n`);
        io.stdout(`${JSON.stringify(toStructured(decoded.text, source.format), null, 2)}\n`);
        return ExitCode.ok;
      }
    }
  }
  for (const d of problems) io.stderr(`${formatDiagnostic(d)}\n`);
  return ExitCode.content;
}
