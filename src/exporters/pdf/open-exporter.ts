import type { PdfExporter } from "../contracts.js";
import { createPdfExporter } from "./exporter.js";
import type { PdfExporterOptions } from "./exporter.js";

export interface ExporterChoice extends PdfExporterOptions {
  /** Running browsers to print on (`--browser-url`); none: start a local one. */
  browserUrls?: readonly string[];
  /** The address this machine serves decks to remote browsers from (`--serve-host`). */
  serveHost?: string;
}

/** The PDF exporter a build asked for: running browsers when given (no local one is started), else a local Chromium. */
export async function openPdfExporter(choice: ExporterChoice): Promise<PdfExporter> {
  if (choice.browserUrls && choice.browserUrls.length > 0) {
    const { connectPdfExporter } = await import("./remote.js");
    return connectPdfExporter({
      endpoints: choice.browserUrls,
      serveHost: choice.serveHost ?? "127.0.0.1",
      concurrency: choice.concurrency,
      timeoutMs: choice.timeoutMs ?? 60_000,
    });
  }
  return createPdfExporter(choice);
}
