import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sortDiagnostics } from "../core/diagnostics.js";
import type { Diagnostic } from "../core/diagnostics.js";
import type { OutputFile } from "../core/files.js";
import type { Briefing, ProjectBranding } from "../core/model.js";
import type { BriefingSource } from "../input/discover.js";
import { readBriefing } from "../input/read-briefing.js";
import { validateBriefing } from "../input/validate.js";
import { loadChartData } from "../input/chart-data.js";
import { drawCharts } from "../render/chart/svg.js";
import { decodeSource } from "../input/encoding.js";
import { deckAssets } from "../render/assets.js";
import { readDeckImage } from "../input/images/deck-image.js";
import type { TemplateSet } from "../render/templates.js";

/** A briefing read, parsed and validated: its model when it has no error. */
export interface Prepared {
  source: BriefingSource;
  briefing?: Briefing;
  /** A briefing with errors, laid out only to report its fitting errors too. */
  draft?: Briefing;
  diagnostics: Diagnostic[];
}

/** Reads, parses and validates one briefing, and draws its charts. */
export async function prepare(source: BriefingSource, contentDir: string, templates: TemplateSet, branding?: ProjectBranding): Promise<Prepared> {
  const decoded = decodeSource(await readFile(source.path));
  if (!decoded.ok) return { source, diagnostics: [{ file: source.file, line: decoded.line, column: decoded.column, severity: "error", message: decoded.message }] };
  const themes = new Set(templates.themes.keys());
  const parsed = readBriefing({ source: decoded.text, file: source.file, slug: source.slug, baseDir: source.baseDir, themes, ...(branding ? { branding } : {}) }, source.format);
  // Disk checks run even when the text has errors, so that one run reports every problem, in line order.
  const charts = parsed.briefing ? loadChartData(parsed.briefing, contentDir) : [];
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...validateBriefing(parsed, contentDir), ...charts]);
  // Charts are drawn once per build, before fitting renders the deck (perhaps several times).
  if (parsed.briefing && !diagnostics.some((d) => d.severity === "error")) {
    diagnostics.push(...(await drawCharts(parsed.briefing, templates.themes.get(parsed.briefing.meta.theme) ?? "")));
  }
  const failed = diagnostics.some((d) => d.severity === "error");
  if (!failed && parsed.briefing) return { source, briefing: parsed.briefing, diagnostics };
  const draft = parsed.draft ?? parsed.briefing;
  return draft ? { source, draft, diagnostics } : { source, diagnostics };
}

/** Everything of a deck but its HTML and summary, which depend on fitting. */
export function deckFiles(briefing: Briefing, templates: TemplateSet, contentDir: string, options: { skipUnusable?: boolean } = {}): OutputFile[] {
  const themeCss = templates.themes.get(briefing.meta.theme) ?? "";
  return [
    ...deckAssets(themeCss),
    // Read and sniffed again as written: a file swapped for a non-image since validation is refused, and SVG is sanitised.
    // A draft (a briefing with errors, laid out only to report fitting) goes on without images that are missing or not images.
    ...briefing.images.flatMap((image) => {
      try {
        return [{ path: image.outputPath, bytes: readDeckImage(join(contentDir, ...image.contentPath.split("/"))).bytes }];
      } catch (error) {
        if (options.skipUnusable) return [];
        throw error;
      }
    }),
  ];
}

/** With --strict, what fitting had to do counts as an error. */
export function strictly(diagnostics: Diagnostic[], strict: boolean | undefined): Diagnostic[] {
  return strict ? diagnostics.map((d) => (d.severity === "note" ? { ...d, severity: "error" as const } : d)) : diagnostics;
}
