/**
 * briefdeck's programmatic API: what the command line and the dev server
 * use, for other programs. `build` writes decks (and PDFs, given a PDF
 * exporter); `check` validates without writing. Content problems come back
 * as diagnostics in the report; only the machine's problems (no browser, an
 * unwritable folder) and wrong arguments (no content folder) throw.
 *
 *   import { build, check } from "briefdeck";
 *   const report = await build({ contentDir: "content", outDir: "dist", pdf: false });
 */
export { build } from "./build/build.js";
export { check } from "./build/check.js";
export type { BriefingOutcome, BuildOptions, BuildReport, CheckOptions } from "./build/types.js";
export { createPdfExporter } from "./exporters/pdf/exporter.js";
export type { PdfExporterOptions } from "./exporters/pdf/exporter.js";
export type { Paper, PdfExporter, PrintSession } from "./exporters/contracts.js";
export { formatDiagnostic } from "./core/diagnostics.js";
export type { Diagnostic, Severity } from "./core/diagnostics.js";
export { BriefdeckError, ContentError, EnvironmentError, ExitCode, UsageError } from "./core/errors.js";
export type { ExitCodeValue } from "./core/errors.js";
export type { Briefing } from "./core/model.js";
export { VERSION } from "./core/version.js";
