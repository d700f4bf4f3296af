import { describe, expect, it } from "vitest";
import { cacheOptions } from "../../src/build/outputs.js";
import type { BuildOptions } from "../../src/build/types.js";
import type { PdfExporter } from "../../src/exporters/contracts.js";
import { FitMemory } from "../../src/fit/fit-memory.js";
import { fingerprint as digest } from "../../src/output/cache.js";

/** The part of a deck's cache key that comes from the build's options and environment. */
const fingerprint = (options: BuildOptions, env: NodeJS.ProcessEnv): Promise<string> => digest(cacheOptions(options, env).settings);

const exporter: PdfExporter = { open: () => Promise.reject(new Error("not used")), close: () => Promise.resolve() };

/**
 * Every build option, each with a second value. Typed `Required`, so an option
 * added to BuildOptions does not compile here until it is listed, and the
 * test below then decides whether it is in the cache key.
 */
const OPTIONS: { [K in keyof BuildOptions]-?: [Required<BuildOptions>[K], Required<BuildOptions>[K]] } = {
  contentDir: ["/a/content", "/b/content"],
  outDir: ["/a/dist", "/b/dist"],
  templatesDir: ["/a/templates", "/b/templates"],
  slugs: [[], ["one"]],
  shard: [{ index: 1, count: 2 }, { index: 2, count: 2 }],
  pdf: [true, false],
  checkOnly: [false, true],
  pdfExporter: [exporter, undefined as unknown as PdfExporter],
  // An exporter opened on demand measures slides, as a given one does: without either, decks are unmeasured.
  openPdfExporter: [undefined as unknown as () => Promise<PdfExporter>, () => Promise.resolve(exporter)],
  handout: [{ paper: "a4", perPage: 1, lines: true }, { paper: "letter", perPage: 1, lines: true }],
  pdfFragments: [false, true],
  singleFile: [false, true],
  pptx: [false, true],
  fit: [true, false],
  strict: [false, true],
  force: [false, true],
  provisional: [false, true],
  branding: [{ accent: "#1d4f91" }, { accent: "#6b2c91" }],
  onBriefing: [() => undefined, () => 1],
  fitMemory: [new FitMemory(), undefined as unknown as FitMemory],
};

/**
 * Options that say where or what to build, or how to report: a deck built
 * either way is the same. A provisional pass is judged as the full build
 * that follows it (see the last test). (Templates are keyed by the digests of the files
 * used, not by the folder's name; each deck's Markdown by its own digest.)
 */
const SAME_DECK = new Set<keyof BuildOptions>(["contentDir", "outDir", "templatesDir", "slugs", "shard", "openPdfExporter", "checkOnly", "force", "onBriefing", "provisional", "fitMemory"]);

const first = Object.fromEntries(Object.entries(OPTIONS).map(([name, [value]]) => [name, value])) as unknown as Required<BuildOptions>;
const env = { SOURCE_DATE_EPOCH: "1700000000" };

describe("the cache key holds every input that changes a deck", () => {
  it.each(Object.keys(OPTIONS) as (keyof BuildOptions)[])("option %s", async (name) => {
    const changed = { ...first, [name]: OPTIONS[name][1] };
    const same = (await fingerprint(first, env)) === (await fingerprint(changed, env));
    expect(same, SAME_DECK.has(name) ? `${name} does not change a deck: it must not force a rebuild` : `${name} changes the deck: it must be in the key`)
      .toBe(SAME_DECK.has(name));
  });

  it("an exporter opened on demand measures like one given: without either, the deck is unmeasured and keyed apart", async () => {
    const none = { ...first, pdfExporter: undefined as unknown as PdfExporter, openPdfExporter: undefined as unknown as () => Promise<PdfExporter> };
    const given = { ...none, pdfExporter: exporter };
    const onDemand = { ...none, openPdfExporter: () => Promise.resolve(exporter) };
    expect(await fingerprint(onDemand, env)).toBe(await fingerprint(given, env));
    expect(await fingerprint(onDemand, env)).not.toBe(await fingerprint(none, env));
  });

  it("SOURCE_DATE_EPOCH, which dates the PDF, for PDF builds", async () => {
    const keys = await Promise.all([{}, { SOURCE_DATE_EPOCH: "0" }, env, { SOURCE_DATE_EPOCH: "1700000001" }].map((e) => fingerprint(first, e)));
    expect(new Set(keys).size).toBe(4);
  });

  it("but not for HTML-only builds, which it does not change", async () => {
    const html = { ...first, pdf: false };
    expect(await fingerprint(html, env)).toBe(await fingerprint(html, {}));
  });

  it("the same options give the same key, in any order", async () => {
    const reversed = Object.fromEntries(Object.entries(first).reverse()) as unknown as BuildOptions;
    expect(await fingerprint(reversed, env)).toBe(await fingerprint(first, env));
    expect(await fingerprint(first, env)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the project's logo and accent: any change of either, but not the logo's line in the project file", async () => {
    const logo = (contentPath: string, line: number) => ({ src: contentPath, contentPath, outputPath: `media/${contentPath}`, position: { file: "briefdeck.yaml", line, column: 7 } });
    const keys = await Promise.all([
      {},
      { logo: logo("brand/a.png", 3) },
      { logo: logo("brand/b.png", 3) },
      { logo: logo("brand/a.png", 3), accent: "#1d4f91" },
      { accent: "#1d4f91" },
    ].map((branding) => fingerprint({ ...first, branding }, env)));
    expect(new Set([...keys, await fingerprint({ ...first, branding: undefined as unknown as BuildOptions["branding"] & object }, env)]).size).toBe(5);
    expect(await fingerprint({ ...first, branding: { logo: logo("brand/a.png", 9) } }, env)).toBe(keys[1]);
  });

  it("whether slides were measured in a browser: a provisional HTML pass counts as the measured build that follows it", async () => {
    const noBrowser: BuildOptions = { ...first };
    delete noBrowser.pdfExporter;
    const measured = await fingerprint(first, env);
    expect(await fingerprint(noBrowser, env)).not.toBe(measured);
    expect(await fingerprint({ ...noBrowser, provisional: true }, env)).toBe(measured);
  });
});
