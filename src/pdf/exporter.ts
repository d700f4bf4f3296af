import type { PdfExporter } from "../build.js";
import { EnvironmentError } from "../errors.js";

export interface PdfExporterOptions {
  browserPath?: string | undefined;
  concurrency: number;
}

export async function createPdfExporter(_options: PdfExporterOptions): Promise<PdfExporter> {
  throw new EnvironmentError("PDF export is not available yet: use --no-pdf");
}
