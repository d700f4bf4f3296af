import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { OutputFile } from "../core/files.js";
import type { Briefing } from "../core/model.js";
import type { BriefingSource } from "../input/discover.js";
import { parseBriefing } from "../input/parse/index.js";
import { validateBriefing } from "../input/validate.js";
import { deckAssets } from "../render/assets.js";
import type { TemplateSet } from "../render/templates.js";

/** A briefing read, parsed and validated: its model when it has no error. */
export interface Prepared {
  source: BriefingSource;
  briefing?: Briefing;
  diagnostics: Diagnostic[];
}

/** Reads, parses and validates one briefing. */
export async function prepare(source: BriefingSource, contentDir: string, themes: ReadonlySet<string>): Promise<Prepared> {
  const text = await readFile(source.path, "utf8");
  const parsed = parseBriefing({ source: text, file: source.file, slug: source.slug, baseDir: source.baseDir, themes });
  const diagnostics = [...parsed.diagnostics];
  if (parsed.briefing) diagnostics.push(...validateBriefing(parsed.briefing, contentDir));
  const failed = diagnostics.some((d) => d.severity === "error");
  return failed || !parsed.briefing ? { source, diagnostics } : { source, briefing: parsed.briefing, diagnostics };
}

/** Everything of a deck but its HTML and summary, which depend on fitting. */
export function deckFiles(briefing: Briefing, templates: TemplateSet, contentDir: string): OutputFile[] {
  const themeCss = templates.themes.get(briefing.meta.theme) ?? "";
  return [
    ...deckAssets(themeCss),
    ...briefing.images.map((image) => ({ path: image.outputPath, copyFrom: join(contentDir, ...image.contentPath.split("/")) })),
  ];
}

/** With --strict, what fitting had to do counts as an error. */
export function strictly(diagnostics: Diagnostic[], strict: boolean | undefined): Diagnostic[] {
  return strict ? diagnostics.map((d) => (d.severity === "note" ? { ...d, severity: "error" as const } : d)) : diagnostics;
}
