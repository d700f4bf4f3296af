import { stat } from "node:fs/promises";
import { join } from "node:path";
import { HANDOUT_SUFFIX } from "../exporters/handout/print-handout.js";

/** Written beside each deck so the index can list briefings that this build did not touch. */
export const DECK_SUMMARY_FILE = "briefing.json";

/** The files a deck folder may hold beside the deck itself, each made only when asked for. */
export type OutputKind = "pdf" | "handout" | "singleFile" | "pptx";

/** In the order the index lists them. */
export const OUTPUT_KINDS: readonly OutputKind[] = ["pdf", "handout", "singleFile", "pptx"];

/** What each is called where a person reads it: build lines and the index page. */
export const OUTPUT_LABELS: Readonly<Record<OutputKind, string>> = {
  pdf: "PDF",
  handout: "handout PDF",
  singleFile: "single-file deck",
  pptx: "PowerPoint file",
};

/** The file name of an output inside `<out>/<slug>/`. */
export function outputFile(kind: OutputKind, slug: string): string {
  switch (kind) {
    case "pdf": return `${slug}.pdf`;
    case "handout": return `${slug}${HANDOUT_SUFFIX}`;
    case "singleFile": return `${slug}.html`;
    case "pptx": return `${slug}.pptx`;
  }
}

/** The outputs present as files in a deck folder (what the index may link to). */
export async function outputsIn(folder: string, slug: string): Promise<OutputKind[]> {
  const present = await Promise.all(OUTPUT_KINDS.map((kind) => isFile(join(folder, outputFile(kind, slug)))));
  return OUTPUT_KINDS.filter((_, index) => present[index]);
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return false;
    throw error;
  }
}
