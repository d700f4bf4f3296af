import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { BuildReport } from "../src/build/build.js";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import type { Diagnostic } from "../src/core/diagnostics.js";
import { ROOT, temporaryFolder } from "./support/files.js";
import { SAYS_WHAT_TO_DO, STACK_TRACE, markdownFiles, parseFixture, readFixture } from "./support/parse.js";

const INVALID = "test/fixtures/invalid";
const INVALID_DIRS = "test/fixtures/invalid-dirs";
const corpus = markdownFiles(INVALID);

/** The lines a broken fixture must produce, from its `.expected` sidecar. */
function expectedLines(file: string): string[] {
  return readFixture(file.replace(/\.md$/, ".expected")).split("\n").filter((line) => line.trim() !== "");
}

/** Each message is one line that tells the user what to do. */
function expectHelpful(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.message, formatDiagnostic(d)).not.toContain("\n");
    expect(d.message, formatDiagnostic(d)).not.toMatch(STACK_TRACE);
    if (d.severity === "error") expect(d.message, formatDiagnostic(d)).toMatch(SAYS_WHAT_TO_DO);
  }
}

describe("the bad-input corpus", () => {
  it("holds at least 24 broken briefings, each with its expected lines", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(24);
    for (const file of corpus) {
      expect(existsSync(join(ROOT, file.replace(/\.md$/, ".expected"))), `${file} needs a .expected file`).toBe(true);
      expect(expectedLines(file).length, `${file}.expected lists no error`).toBeGreaterThan(0);
    }
  });

  it.each(corpus)("%s reports exactly its expected errors, at their places", (file) => {
    const result = parseFixture(file);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(expectedLines(file));
    expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(result.briefing).toBeUndefined();
    expectHelpful(result.diagnostics);
  });

  it("reports several mistakes in one run, in line order", () => {
    const lines = parseFixture(`${INVALID}/several-errors.md`).diagnostics.map((d) => d.line);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe("content folder problems (build --check)", () => {
  const output = temporaryFolder();
  const outDir = join(output.path, "dist");
  afterAll(() => {
    // A check writes nothing.
    expect(existsSync(outDir)).toBe(false);
    output.remove();
  });
  const check = (contentDir: string): Promise<BuildReport> => build({ contentDir, outDir, pdf: false, checkOnly: true });
  const errorsOf = (report: BuildReport): string[] => report.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);

  it("a file name that is not a slug", async () => {
    const report = await check(join(ROOT, INVALID_DIRS, "bad-slug"));
    expect(errorsOf(report)).toEqual([
      `${INVALID_DIRS}/bad-slug/Bad Name.md:1:1: error: "Bad Name" is not a valid briefing name: use lowercase letters, digits and - (it becomes the output folder), e.g. ots-security`,
    ]);
    expect(report.outcomes).toEqual([]);
    expectHelpful(report.diagnostics);
  });

  it("two files claiming one slug: both are named, neither is built", async () => {
    const report = await check(join(ROOT, INVALID_DIRS, "duplicate-slug"));
    expect(errorsOf(report)).toEqual([
      `${INVALID_DIRS}/duplicate-slug/x.md:1:1: error: two briefings are named "x" (this file and ${INVALID_DIRS}/duplicate-slug/x/index.md): rename or remove one`,
      `${INVALID_DIRS}/duplicate-slug/x/index.md:1:1: error: two briefings are named "x" (this file and ${INVALID_DIRS}/duplicate-slug/x.md): rename or remove one`,
    ]);
    expect(report.outcomes).toEqual([]);
    expectHelpful(report.diagnostics);
  });

  it("an image file that does not exist", async () => {
    const report = await check(join(ROOT, INVALID_DIRS, "missing-image"));
    expect(errorsOf(report)).toEqual([
      `${INVALID_DIRS}/missing-image/missing.md:8:1: error: image "images/members-map.png" not found (looked for images/members-map.png in the content folder): check the path`,
    ]);
    expect(report.outcomes.map((o) => [o.slug, o.ok])).toEqual([["missing", false]]);
    expectHelpful(report.diagnostics);
  });

  it("every problem of a briefing in one run, in line order: front matter, body and images, with hints", async () => {
    const report = await check(join(ROOT, INVALID_DIRS, "every-phase"));
    const file = `${INVALID_DIRS}/every-phase/phases.md`;
    expect(errorsOf(report)).toEqual([
      `${file}:4:1: error: unknown front matter field "summmary" (did you mean "summary"?); use one of: title, date, subtitle, short_title, presenter, organization, audience, classification, summary, tags, lang, theme, source, agenda, sources, logo, accent, handout-notes`,
      `${file}:7:1: error: quote layout needs a blockquote: write > the words, then a last line > — Speaker, role`,
      // Inside the section whose quote is missing: still checked.
      `${file}:11:1: error: image "images/summit.jpg" not found (looked for images/summit.jpg in the content folder): check the path`,
      `${file}:13:13: error: unknown layout "figur" (did you mean "figure"?); use one of: text, summary, quote, timeline, stats, columns, figure, chart, section, sources`,
      `${file}:15:1: error: image "images/member-map.png" not found (looked for images/member-map.png in the content folder; did you mean "images/members-map.png"?): check the path`,
      `${file}:17:13: error: unknown attribute "fragment" (did you mean "fragments"?); use layout=NAME, fragments or class=NAME`,
      `${file}:19:1: error: image "images/chart.png" not found (looked for images/chart.png in the content folder): check the path`,
    ]);
    expect(report.outcomes.map((o) => [o.slug, o.ok])).toEqual([["phases", false]]);
    expectHelpful(report.diagnostics);
  });

  it("suggests the nearest existing image written as the Markdown wrote its path, from any folder", async () => {
    const folder = temporaryFolder();
    try {
      mkdirSync(join(folder.path, "eu", "figures"), { recursive: true });
      writeFileSync(join(folder.path, "eu", "figures", "projects-2025.png"), "");
      writeFileSync(join(folder.path, "eu", "index.md"), "---\ntitle: Hints\ndate: 2026-01-08\n---\n\n## A\n\n![Projects](figures/projects-2052.png)\n\n## B\n\n![Projects](images/projects-2025.png)\n");
      const messages = (await check(folder.path)).diagnostics.map((d) => d.message);
      expect(messages[0]).toContain('did you mean "figures/projects-2025.png"?');
      expect(messages[1]).toContain('did you mean "figures/projects-2025.png"?');
    } finally {
      folder.remove();
    }
  });

  describe("an image symlink that points outside the content folder", () => {
    const folder = temporaryFolder();
    const content = join(folder.path, "content");
    const briefing = join(content, "linked.md");

    beforeAll(() => {
      mkdirSync(join(content, "images"), { recursive: true });
      mkdirSync(join(folder.path, "outside"));
      writeFileSync(join(folder.path, "outside", "secret.png"), "a file the deck must not copy");
      symlinkSync(join(folder.path, "outside", "secret.png"), join(content, "images", "map.png"));
      writeFileSync(briefing, "---\ntitle: Linked image\ndate: 2026-01-08\n---\n\n## Map\n\n![Map of the members](images/map.png)\n");
    });
    afterAll(() => folder.remove());

    it("is refused, though its path looks local", async () => {
      const report = await check(content);
      const shown = relative(process.cwd(), briefing).split("\\").join("/");
      expect(errorsOf(report)).toEqual([
        `${shown}:8:1: error: image "images/map.png" points outside the content folder: copy the file into it`,
      ]);
      expect(report.outcomes.map((o) => [o.slug, o.ok])).toEqual([["linked", false]]);
      expectHelpful(report.diagnostics);
    });
  });
});
