// Records what Chromium measures of each fit fixture's first rendering (before any fitting), so the
// planner's unit tests (test/fit-plan.test.ts) run on real measurements without a browser. The tests
// rebuild the slides from the same Markdown, so only the measurements are stored.
// Run after compiling, whenever the theme, the fonts, the templates or measuring change:
//   npx tsc -p tsconfig.json && node scripts/record-fit-measures.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../lib/build/build.js";
import { createPdfExporter } from "../lib/exporters/pdf/exporter.js";

const root = resolve(import.meta.dirname, "..");
const folders = ["test/fixtures/fit/content", "test/fixtures/fit/notes"].map((folder) => join(root, folder));
const target = join(root, "test/fixtures/fit/measures");
mkdirSync(target, { recursive: true });

const real = await createPdfExporter({ concurrency: 1 });
const recorded = new Map();
// Passes everything through to the real exporter, keeping each briefing's first measuring: the rendering without a plan.
const recorder = {
  start: () => real.start?.(),
  async open(deckPath, slug) {
    const session = await real.open(deckPath, slug);
    return new Proxy(session, {
      get(target, property) {
        if (property === "measure") {
          return async () => {
            const measures = await target.measure();
            if (!recorded.has(slug)) recorded.set(slug, measures);
            return measures;
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  },
  close: async () => undefined,
};
const out = mkdtempSync(join(tmpdir(), "briefdeck-record-"));
try {
  for (const contentDir of folders) await build({ contentDir, outDir: join(out, String(folders.indexOf(contentDir))), pdf: false, pdfExporter: recorder });
} finally {
  await real.close();
  rmSync(out, { recursive: true, force: true });
}
// Two decimals are finer than any decision the planner makes, and keep the files readable.
const round = (_key, value) => (typeof value === "number" ? Math.round(value * 100) / 100 : value);
for (const [slug, measures] of [...recorded].sort(([a], [b]) => a.localeCompare(b))) {
  writeFileSync(join(target, `${slug}.json`), `${JSON.stringify(measures, round, 1)}\n`);
  process.stdout.write(`${slug}: ${measures.length} slides\n`);
}
