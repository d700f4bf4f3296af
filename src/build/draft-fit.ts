import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { PdfExporter, PrintSession } from "../exporters/contracts.js";
import { renderFitted } from "../fit/fit-deck.js";
import { StagedFolder } from "../output/atomic.js";
import { createScratchFolder } from "../output/scratch.js";
import type { TemplateSet } from "../render/templates.js";
import { deckFiles } from "./prepare.js";
import type { Prepared } from "./prepare.js";

/**
 * A briefing with content errors is laid out all the same, in a throw-away
 * folder, so that a slide that cannot fit is reported in the same run as the
 * rest. Only fitting's errors count here, not its notes on what it split;
 * nothing of it is ever published.
 */
export async function draftFitErrors(item: Prepared, templates: TemplateSet, options: { contentDir: string; pdfExporter?: PdfExporter; fit?: boolean }): Promise<Diagnostic[]> {
  const { draft } = item;
  if (!draft || !options.pdfExporter || options.fit === false) return [];
  // A briefing already over the slide limit is not laid out again: that is the work the limit saves.
  if (item.diagnostics.some((d) => d.severity === "error" && d.message.startsWith("too many slides"))) return [];
  const scratch = await createScratchFolder("draft");
  let session: PrintSession | undefined;
  try {
    const staged = await StagedFolder.create(join(scratch, draft.slug));
    // Missing images are already errors; the layout goes on without them.
    await staged.write(deckFiles(draft, templates, options.contentDir, { skipUnusable: true }));
    session = await options.pdfExporter.open(staged.path("index.html"), draft.slug);
    const fitted = await renderFitted({ briefing: draft, templates, staged, session });
    return fitted.diagnostics.filter((d) => d.severity === "error");
  } catch {
    // The briefing fails on its content errors already; a browser problem here only costs the extra report.
    return [];
  } finally {
    await session?.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
