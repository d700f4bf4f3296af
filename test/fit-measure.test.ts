import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { BuildReport } from "../src/build/build.js";
import type { PdfExporter } from "../src/exporters/contracts.js";
import { createPdfExporter } from "../src/exporters/pdf/exporter.js";
import type { SlideMeasure } from "../src/fit/measure.js";
import { ROOT, temporaryFolder } from "./support/files.js";

/** A section whose paragraphs each cite a lettered note ([^note-1] → a, b, c…) long enough for two lines. */
const CONTENT = join(ROOT, "test/fixtures/fit/notes");
const SLUG = "lettered-notes";
const out = temporaryFolder();
let exporter: PdfExporter;
let report: BuildReport;
let measures: SlideMeasure[];

beforeAll(async () => {
  exporter = await createPdfExporter({ concurrency: 1 });
  report = await build({ contentDir: CONTENT, outDir: out.path, pdf: false, pdfExporter: exporter });
  const session = await exporter.open(join(out.path, SLUG, "index.html"), SLUG);
  try {
    measures = await session.measure();
  } finally {
    await session.close();
  }
}, 120_000);

afterAll(async () => {
  await exporter?.close();
  out.remove();
});

describe("measuring lettered notes", () => {
  it("builds the fixture, split over several slides", () => {
    expect(report.outcomes.map((outcome) => outcome.ok)).toEqual([true]);
    expect(measures.filter((measure) => measure.sectionId !== "title").length).toBeGreaterThan(1);
  });

  it("measures each note's line under its letter, as the slide shows them", () => {
    const html = readFileSync(join(out.path, SLUG, "index.html"), "utf8");
    for (const measure of measures.filter((m) => m.sectionId !== "title")) {
      const slide = html.split(/<section /).find((part) => part.startsWith(`id="${measure.id}"`)) ?? "";
      const shown = [...slide.matchAll(/<p class="footnote-note"><sup>([a-z]+)<\/sup>/g)].map((match) => match[1]);
      expect(shown.length, measure.id).toBeGreaterThan(0);
      expect(Object.keys(measure.footnoteHeights), measure.id).toEqual(shown);
      // Every note is two lines here: its own height, not one shared entry.
      for (const height of Object.values(measure.footnoteHeights)) expect(height).toBeGreaterThan(20);
      const lines = Object.values(measure.footnoteHeights).reduce((sum, height) => sum + height, 0);
      expect(lines + measure.footnoteChrome).toBeCloseTo(measure.footnoteArea, 0);
    }
  });
});
