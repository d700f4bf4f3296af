// Records what the browser measures of each fit fixture's first rendering (no fit plan yet),
// so the planner's unit tests (test/fit-plan.test.ts) run on real measurements without a browser.
// Run after compiling, when the theme, the fonts or measuring change: node scripts/record-fit-measures.mjs
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../lib/build/build.js";
import { createPdfExporter } from "../lib/exporters/pdf/exporter.js";

const root = resolve(import.meta.dirname, "..");
const sets = [
  { content: join(root, "test/fixtures/fit/content"), slugs: [] },
  { content: join(root, "content"), slugs: ["ots-security"] },
];
const target = join(root, "test/fixtures/fit/measures");
mkdirSync(target, { recursive: true });
const real = await createPdfExporter({ concurrency: 1 });
const recorded = new Map();
// Keeps the first measuring of each briefing: the rendering without a plan.
const recorder = {
  async open(deckPath, slug) {
    const session = await real.open(deckPath, slug);
    return new Proxy(session, {
      get(target, property) {
        const value = Reflect.get(target, property);
        if (property !== "measure") return typeof value === "function" ? value.bind(target) : value;
        return async () => {
          const measures = await target.measure();
          if (!recorded.has(slug)) recorded.set(slug, measures);
          return measures;
        };
      },
    });
  },
  close: async () => undefined,
};
const out = mkdtempSync(join(tmpdir(), "briefdeck-record-"));
try {
  for (const set of sets) await build({ contentDir: set.content, outDir: out, slugs: set.slugs, pdf: false, pdfExporter: recorder, force: true });
} finally {
  await real.close();
  rmSync(out, { recursive: true, force: true });
}
for (const [slug, measures] of [...recorded].sort(([a], [b]) => a.localeCompare(b))) {
  const round = (key, value) => (typeof value === "number" ? Math.round(value * 100) / 100 : value);
  writeFileSync(join(target, `${slug}.json`), `${JSON.stringify(measures, round, 1)}\n`);
  process.stdout.write(`${slug}: ${measures.length} slides\n`);
}
