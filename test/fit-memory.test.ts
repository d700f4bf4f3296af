import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { Briefing } from "../src/core/model.js";
import type { PdfExporter, PrintSession } from "../src/exporters/contracts.js";
import { createPdfExporter } from "../src/exporters/pdf/exporter.js";
import { FitMemory, fitContext } from "../src/fit/fit-memory.js";
import { loadTemplates } from "../src/render/templates.js";
import { EXAMPLE_CONTENT, ROOT, temporaryFolder } from "./support/files.js";
import { parseFixture } from "./support/parse.js";

const FIT_CONTENT = join(ROOT, "test/fixtures/fit/content");
const root = temporaryFolder("briefdeck-fit-memory-");
let exporter: PdfExporter;
/** Measuring passes made since the counter was last read. */
let measured = 0;

/** The shared exporter, counting how many times a deck is measured. */
const counting = (): PdfExporter => {
  const wrapper = Object.create(exporter) as PdfExporter;
  wrapper.open = async (deckPath, slug) => {
    const session = await exporter.open(deckPath, slug);
    const counted = Object.create(session) as PrintSession;
    counted.measure = () => {
      measured++;
      return session.measure();
    };
    return counted;
  };
  return wrapper;
};

/** Builds one briefing, fitted, HTML only, and returns its deck and how many measuring passes it took. */
async function fitted(source: string, slug: string, text: string, memory?: FitMemory): Promise<{ html: string; passes: number }> {
  const content = join(root.path, source, "content");
  mkdirSync(join(content, "images"), { recursive: true });
  cpSync(join(FIT_CONTENT, "images"), join(content, "images"), { recursive: true });
  writeFileSync(join(content, `${slug}.md`), text);
  const out = join(root.path, source, "out");
  measured = 0;
  const report = await build({ contentDir: content, outDir: out, pdf: false, force: true, pdfExporter: counting(), ...(memory ? { fitMemory: memory } : {}) });
  expect(report.outcomes.map((outcome) => [outcome.slug, outcome.ok])).toEqual([[slug, true]]);
  return { html: readFileSync(join(out, slug, "index.html"), "utf8"), passes: measured };
}

const example = readFileSync(join(EXAMPLE_CONTENT, "ots-security.md"), "utf8");
const paragraph = "Since 2022, security and defence have moved to the centre of its agenda.";
const exampleEdited = example.replace(paragraph, `${paragraph} The Gabala summit made this explicit.`);
const longList = readFileSync(join(FIT_CONTENT, "long-list.md"), "utf8");
/** The same briefing with its long list cut to its first four items: one slide instead of a split. */
const shortList = longList.replace(/((?:^- .*\n){4})(?:^- .*\n)+/m, "$1");

beforeAll(async () => {
  exporter = await createPdfExporter({ concurrency: 1 });
}, 60_000);

afterAll(async () => {
  await exporter.close();
  root.remove();
});

describe("fitting from the plans of earlier builds (the dev server's edit loop)", () => {
  it("an edit of the example gives the very deck a build from scratch makes; the same deck again takes one pass", async () => {
    expect(exampleEdited).not.toBe(example);
    const scratch = await fitted("scratch", "ots-security", example);
    expect(scratch.passes).toBeGreaterThan(1);
    const memory = new FitMemory();
    await fitted("memory", "ots-security", exampleEdited, memory);
    const edited = await fitted("memory", "ots-security", example, memory);
    expect(edited.html).toBe(scratch.html);
    // Only the edited section was planned anew: never more passes than from scratch.
    expect(edited.passes).toBeLessThanOrEqual(scratch.passes);
    // The dev server's PDF build right after its HTML pass: every section as remembered.
    const followed = await fitted("memory", "ots-security", example, memory);
    expect(followed.passes).toBe(1);
    expect(followed.html).toBe(scratch.html);
  }, 240_000);

  it("a split section cut short is planned anew: the same deck as from scratch, in both directions", async () => {
    expect(shortList.length).toBeLessThan(longList.length);
    const longScratch = await fitted("long", "long-list", longList);
    const shortScratch = await fitted("short", "long-list", shortList);
    expect(longScratch.html).not.toBe(shortScratch.html);
    const memory = new FitMemory();
    await fitted("memory-list", "long-list", longList, memory);
    expect((await fitted("memory-list", "long-list", shortList, memory)).html).toBe(shortScratch.html);
    expect((await fitted("memory-list", "long-list", longList, memory)).html).toBe(longScratch.html);
  }, 240_000);
});

describe("what a remembered plan is valid for", () => {
  const briefing = (): Briefing => {
    const parsed = parseFixture("test/fixtures/valid/figure.md").briefing;
    if (!parsed) throw new Error("figure.md did not parse");
    return parsed;
  };
  const templates = loadTemplates(undefined);
  const contentDir = join(ROOT, "test/fixtures/valid");

  it("changes with the templates, the front matter, the deck's options and the pictures", () => {
    const base = fitContext(briefing(), templates, contentDir, { pdfName: "a.pdf" });
    expect(fitContext(briefing(), templates, contentDir, { pdfName: "a.pdf" })).toBe(base);
    const otherTemplates = { ...templates, digests: new Map([...templates.digests, ["themes/briefing.css", "edited"]]) };
    expect(fitContext(briefing(), otherTemplates, contentDir, { pdfName: "a.pdf" })).not.toBe(base);
    const banner = briefing();
    banner.meta.classification = "SECRET";
    expect(fitContext(banner, templates, contentDir, { pdfName: "a.pdf" })).not.toBe(base);
    expect(fitContext(briefing(), templates, contentDir, {})).not.toBe(base);
    const copy = temporaryFolder();
    try {
      cpSync(contentDir, copy.path, { recursive: true });
      const before = fitContext(briefing(), templates, copy.path, { pdfName: "a.pdf" });
      writeFileSync(join(copy.path, "images/members-map.png"), Buffer.concat([readFileSync(join(copy.path, "images/members-map.png")), Buffer.alloc(16)]));
      expect(fitContext(briefing(), templates, copy.path, { pdfName: "a.pdf" })).not.toBe(before);
    } finally {
      copy.remove();
    }
  });
});
