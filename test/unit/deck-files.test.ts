import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheOptions, cachedOutcome, deckSummary, droppedOutputs, outputNames, removedOutputLine } from "../../src/build/outputs.js";
import type { BuildOptions } from "../../src/build/types.js";
import type { Briefing } from "../../src/core/model.js";
import type { PdfExporter } from "../../src/exporters/contracts.js";
import { temporaryFolder } from "../support/files.js";

const exporter: PdfExporter = { open: () => Promise.reject(new Error("not used")), close: () => Promise.resolve() };
const base: BuildOptions = { contentDir: "content", outDir: "dist", pdf: false };
const everything: BuildOptions = { ...base, pdf: true, handout: { paper: "a4", perPage: 1, lines: true }, singleFile: true, pptx: true };

describe("the files beside a deck", () => {
  it("are the deck alone without options", () => {
    expect(outputNames("x", base)).toEqual(["index.html"]);
  });

  it("are every output asked for, in the index's order, when a browser lays them out", () => {
    expect(outputNames("x", { ...everything, pdfExporter: exporter })).toEqual(["index.html", "x.pdf", "x-handout.pdf", "x.html", "x.pptx"]);
  });

  it("leave out the handout and PowerPoint file without a browser, which lays them out; the PDF and single file stay", () => {
    expect(outputNames("x", everything)).toEqual(["index.html", "x.pdf", "x.html"]);
    expect(outputNames("x", { ...base, singleFile: true })).toEqual(["index.html", "x.html"]);
    expect(outputNames("x", { ...base, pptx: true, pdfExporter: exporter })).toEqual(["index.html", "x.pptx"]);
    expect(outputNames("x", { ...base, singleFile: false, pptx: false, pdfExporter: exporter })).toEqual(["index.html"]);
  });
});

describe("the index's summary of a deck", () => {
  const briefing = {
    slug: "ots",
    meta: { title: "T", date: "2026-01-08", lang: "tr", tags: ["a"], classification: "OFFICIAL", summary: "S" },
  } as unknown as Briefing;

  it("carries the front matter it shows and links what was made", () => {
    expect(deckSummary(briefing, 12, { ...everything, pdfExporter: exporter })).toEqual({
      slug: "ots", title: "T", date: "2026-01-08", lang: "tr", tags: ["a"], slides: 12, classification: "OFFICIAL", summary: "S",
      pdf: "ots.pdf", handout: "ots-handout.pdf", singleFile: "ots.html", pptx: "ots.pptx",
    });
  });

  it("leaves out what the briefing does not have and what was not made", () => {
    const bare = { ...briefing, meta: { title: "T", date: "2026-01-08", lang: "en", tags: [] } } as unknown as Briefing;
    expect(deckSummary(bare, 1, base)).toStrictEqual({ slug: "ots", title: "T", date: "2026-01-08", lang: "en", tags: [], slides: 1 });
  });
});

describe("outputs a new build drops", () => {
  const folder = temporaryFolder();
  afterAll(() => folder.remove());
  let count = 0;
  /** A deck folder holding `before`, and a staged build holding `staged`. */
  const folders = (before: string[], staged: string[]) => {
    const root = join(folder.path, String(count++));
    for (const [name, files] of [["final", before], ["staged", staged]] as const) {
      mkdirSync(join(root, name), { recursive: true });
      for (const file of files) writeFileSync(join(root, name, file), "x");
    }
    return { finalPath: join(root, "final"), staged: { path: (file: string) => join(root, "staged", file) } };
  };

  it("are those the old folder held and the new one does not, each with why", async () => {
    const { finalPath, staged } = folders(["index.html", "x.pdf", "x-handout.pdf", "x.html", "x.pptx"], ["index.html", "x.pdf"]);
    const dropped = await droppedOutputs(finalPath, "x", staged, { ...base, pdf: true, pptx: true });
    expect(dropped).toEqual([
      { kind: "handout", path: join(finalPath, "x-handout.pdf"), because: "not-asked" },
      { kind: "singleFile", path: join(finalPath, "x.html"), because: "not-asked" },
      { kind: "pptx", path: join(finalPath, "x.pptx"), because: "not-laid-out" },
    ]);
  });

  it("are none when the new build makes the same files", async () => {
    const { finalPath, staged } = folders(["x.pdf", "x.html"], ["x.pdf", "x.html"]);
    expect(await droppedOutputs(finalPath, "x", staged, { ...base, pdf: true, singleFile: true })).toEqual([]);
  });

  it("leave out what a provisional pass skips but was asked for; not what was not asked for", async () => {
    const { finalPath, staged } = folders(["x.pdf", "x.pptx"], []);
    expect(await droppedOutputs(finalPath, "x", staged, { ...base, pdf: true, provisional: true })).toEqual([
      { kind: "pptx", path: join(finalPath, "x.pptx"), because: "not-asked" },
    ]);
  });

  it("are none for a first build", async () => {
    const { staged } = folders([], ["x.pdf"]);
    expect(await droppedOutputs(join(folder.path, "absent"), "x", staged, base)).toEqual([]);
  });
});

describe("the line that says an output went", () => {
  const display = (path: string) => `<${path}>`;
  it("says how to ask for it again", () => {
    expect(removedOutputLine({ kind: "pdf", path: "p", because: "not-asked" }, display)).toBe(
      "removed <p>: this build has --no-pdf; build without it (or with pdf: true in briefdeck.yaml) to get the PDF back",
    );
    for (const [kind, flag] of [["handout", "--handout"], ["singleFile", "--single-file"], ["pptx", "--pptx"]] as const) {
      expect(removedOutputLine({ kind, path: "p", because: "not-asked" }, display)).toMatch(new RegExp(`^removed <p>: this build has no ${flag}; build with ${flag} \\(or [a-z-]+: true in briefdeck\\.yaml\\) to get the .+ back$`));
    }
  });

  it("says a browser was missing when it was asked for", () => {
    expect(removedOutputLine({ kind: "pptx", path: "p", because: "not-laid-out" }, display)).toBe(
      "removed <p>: this build had no browser to lay it out; build with the PDF on (no --no-pdf) to get the PowerPoint file back",
    );
  });
});

describe("a deck the cache found up to date", () => {
  it("is reported as built, with the paths of the files it holds", () => {
    const outcome = cachedOutcome({ slug: "x", file: "content/x.md", slides: 7, outputs: ["index.html", "x.pdf", "x.pptx"], milliseconds: 3 }, "dist");
    expect(outcome).toEqual({
      slug: "x", file: "content/x.md", ok: true, cached: true, slides: 7, deckPath: join("dist", "x", "index.html"), diagnostics: [], milliseconds: 3,
      pdfPath: join("dist", "x", "x.pdf"), pptxPath: join("dist", "x", "x.pptx"),
    });
    const all = cachedOutcome({ slug: "x", file: "f", slides: 1, outputs: ["x-handout.pdf", "x.html"], milliseconds: 0 }, "d");
    expect([all.handoutPath, all.singleFilePath, all.pdfPath]).toEqual([join("d", "x", "x-handout.pdf"), join("d", "x", "x.html"), undefined]);
  });
});

describe("what the cache is told", () => {
  it("keeps where the build reads and writes, and passes force and provisional on only when set", () => {
    expect(cacheOptions(base, {})).toMatchObject({ contentDir: "content", outDir: "dist" });
    expect(cacheOptions(base, {})).not.toHaveProperty("force");
    expect(cacheOptions(base, {})).not.toHaveProperty("provisional");
    expect(cacheOptions({ ...base, force: true, provisional: true }, {})).toMatchObject({ force: true, provisional: true });
  });

  it("records the settings that change a deck, without functions or where-to-build", () => {
    const { settings } = cacheOptions({ ...base, pdf: true, strict: true, onBriefing: () => undefined, pdfExporter: exporter }, { SOURCE_DATE_EPOCH: "5" });
    expect(settings).toEqual({ pdf: true, strict: true, measured: true, epoch: "5" });
    expect(cacheOptions(base, { SOURCE_DATE_EPOCH: "5" }).settings).toEqual({ pdf: false, measured: false, epoch: "" });
    expect(cacheOptions({ ...base, pdf: true }, {}).settings).toEqual({ pdf: true, measured: false, epoch: "" });
  });

  it("keys the project's branding by the logo's path and the accent, each empty when not set", () => {
    const logo = { contentPath: "media/logo.png" } as NonNullable<BuildOptions["branding"]>["logo"];
    expect(cacheOptions({ ...base, branding: { logo } }, {}).settings.branding).toEqual({ logo: "media/logo.png", accent: "" });
    expect(cacheOptions({ ...base, branding: { accent: "#000000" } }, {}).settings.branding).toEqual({ logo: "", accent: "#000000" });
    expect(cacheOptions({ ...base, branding: {} }, {}).settings).not.toHaveProperty("branding");
  });
});
