import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterEach, describe, expect, it } from "vitest";
import { FAILURE_FILE } from "../src/output/build-failure.js";
import { ROOT, runCli, temporaryFolder } from "./support/files.js";
import { brokenLinks, readIndexCards } from "./support/index-page.js";
import type { IndexCard } from "./support/index-page.js";

/**
 * No output disappears silently: a build that no longer makes a file says so
 * on its own line with the flag that brings it back, and a briefing whose
 * build failed keeps its previous output, flagged on the index as from that
 * earlier build until it builds again.
 */
const folders: { remove: () => void }[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

const SECOND = "---\ntitle: Second briefing\ndate: 2026-02-01\n---\n\n## Only section\n\nSome text.\n";
const HTML_ONLY = ["--no-pdf", "--no-fit"];

/** Two small briefings, `first` (a fixture) and `second`. */
function project(): { content: string; out: string; first: string } {
  const root = temporaryFolder("briefdeck-outputs-");
  folders.push(root);
  const content = join(root.path, "content");
  mkdirSync(content);
  const first = join(content, "first.md");
  copyFileSync(join(ROOT, "test/fixtures/valid/text.md"), first);
  writeFileSync(join(content, "second.md"), SECOND);
  return { content, out: join(root.path, "dist"), first };
}

async function build(content: string, out: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(["build", "--content", content, "--out", out, ...args]);
}

function card(out: string, slug: string): IndexCard {
  const found = readIndexCards(out).find((entry) => entry.slug === slug);
  if (!found) throw new Error(`no card for ${slug} on the index`);
  return found;
}

/** The index's cards, each link naming a file that is there. */
function expectLinksResolve(out: string): void {
  const cards = readIndexCards(out);
  expect(cards.length).toBeGreaterThan(0);
  expect(brokenLinks(out, cards)).toEqual([]);
}

/** A briefing made invalid: its date is not a date. */
function breakDate(path: string, date = "2026-13-45"): void {
  writeFileSync(path, readFileSync(path, "utf8").replace(/^date: .*$/m, `date: ${date}`));
}

describe("a build that no longer makes an output says so", () => {
  it("a plain build after --single-file removes each single file with a line that says why and how to get it back", async () => {
    const { content, out } = project();
    expect((await build(content, out, ...HTML_ONLY, "--single-file", "--quiet")).code).toBe(0);
    expect(card(out, "first").links).toEqual({ deck: "first/index.html", singleFile: "first/first.html" });
    expectLinksResolve(out);

    const plain = await build(content, out, ...HTML_ONLY);
    expect(plain.code).toBe(0);
    for (const slug of ["first", "second"]) {
      expect(plain.stdout).toMatch(new RegExp(`^removed \\S*dist/${slug}/${slug}\\.html: this build has no --single-file; build with --single-file \\(or single-file: true in briefdeck\\.yaml\\) to get the single-file deck back$`, "m"));
      expect(existsSync(join(out, slug, `${slug}.html`))).toBe(false);
      expect(card(out, slug).links).toEqual({ deck: `${slug}/index.html` });
    }
    expectLinksResolve(out);

    // Asked for again, it is back, and nothing is said to be removed.
    const again = await build(content, out, ...HTML_ONLY, "--single-file");
    expect(again.stdout).not.toMatch(/^removed/m);
    expect(card(out, "second").links.singleFile).toBe("second/second.html");
    expectLinksResolve(out);
  }, 60_000);

  it("says so even with --quiet, which otherwise prints nothing for a good build", async () => {
    const { content, out } = project();
    expect((await build(content, out, ...HTML_ONLY, "--single-file", "--quiet")).code).toBe(0);
    const quiet = await build(content, out, ...HTML_ONLY, "--quiet", "second");
    expect(quiet.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^removed \S*dist\/second\/second\.html: this build has no --single-file/)]);
    expect(existsSync(join(out, "first", "first.html"))).toBe(true);
  }, 60_000);

  it("with real PDFs: a plain build after --handout removes the handout, --no-pdf removes the PDF, each with its line; a failed build keeps both PDFs as they were", async () => {
    const { content, out, first } = project();
    const full = await build(content, out, "--handout", "--quiet", "first");
    expect(full.stderr).toBe("");
    expect(card(out, "first").links).toEqual({ deck: "first/index.html", pdf: "first/first.pdf", handout: "first/first-handout.pdf" });
    expectLinksResolve(out);

    // A failed build with PDFs: the PDF and handout stay byte for byte, linked on a flagged card.
    const pdfBytes = readFileSync(join(out, "first", "first.pdf"));
    const handoutBytes = readFileSync(join(out, "first", "first-handout.pdf"));
    const good = readFileSync(first, "utf8");
    breakDate(first);
    expect((await build(content, out, "--handout", "first")).code).toBe(1);
    expect(readFileSync(join(out, "first", "first.pdf")).equals(pdfBytes)).toBe(true);
    expect(readFileSync(join(out, "first", "first-handout.pdf")).equals(handoutBytes)).toBe(true);
    const flagged = card(out, "first");
    expect(flagged.flagged).toBe(true);
    expect(flagged.links).toEqual({ deck: "first/index.html", pdf: "first/first.pdf", handout: "first/first-handout.pdf" });
    expectLinksResolve(out);
    writeFileSync(first, good);

    const plain = await build(content, out, "first");
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^removed \S*dist\/first\/first-handout\.pdf: this build has no --handout; build with --handout \(or handout: true in briefdeck\.yaml\) to get the handout PDF back$/m);
    expect(plain.stdout).not.toMatch(/removed \S*first\.pdf/);
    expect(card(out, "first")).toMatchObject({ flagged: false, links: { deck: "first/index.html", pdf: "first/first.pdf" } });
    expect(card(out, "first").links.handout).toBeUndefined();
    expectLinksResolve(out);
    // The PDF that stays is this build's, read back whole.
    expect((await PDFDocument.load(readFileSync(join(out, "first", "first.pdf")))).getPageCount()).toBeGreaterThan(1);

    const noPdf = await build(content, out, ...HTML_ONLY, "first");
    expect(noPdf.stdout).toMatch(/^removed \S*dist\/first\/first\.pdf: this build has --no-pdf; build without it \(or with pdf: true in briefdeck\.yaml\) to get the PDF back$/m);
    expect(existsSync(join(out, "first", "first.pdf"))).toBe(false);
    expect(card(out, "first").links).toEqual({ deck: "first/index.html" });
    expectLinksResolve(out);
  }, 240_000);
});

describe("a briefing whose build failed", () => {
  it("keeps its previous deck byte for byte, flagged on the index with the first error and the earlier build's time, until it builds again", async () => {
    const { content, out, first } = project();
    expect((await build(content, out, ...HTML_ONLY, "--quiet")).code).toBe(0);
    const deck = readFileSync(join(out, "first", "index.html"));
    expect(readIndexCards(out).map((entry) => entry.flagged)).toEqual([false, false]);

    breakDate(first);
    const failed = await build(content, out, ...HTML_ONLY);
    expect(failed.code).toBe(1);
    expect(readFileSync(join(out, "first", "index.html")).equals(deck)).toBe(true);
    const firstError = failed.stderr.split("\n").find((line) => /first\.md:\d+:\d+: error: /.test(line));
    expect(firstError).toBeDefined();
    expect(failed.stderr).toMatch(/^kept \S*dist\/first\/ from its last good build: first failed; the index marks it as from that build until it builds again$/m);
    const flagged = card(out, "first");
    expect(flagged.flagged).toBe(true);
    expect(flagged.failure?.error).toBe(firstError);
    expect(flagged.failure?.text).toMatch(/^Last build failed \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): .*\. Everything on this card is from the earlier build of \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const builtAt = Date.parse(flagged.failure?.builtAt ?? "");
    const failedAt = Date.parse(flagged.failure?.failedAt ?? "");
    expect(builtAt).toBeLessThanOrEqual(failedAt);
    expect(failedAt).toBeLessThanOrEqual(Date.now());
    expect(flagged.links).toEqual({ deck: "first/index.html" });
    expect(card(out, "second").flagged).toBe(false);
    expectLinksResolve(out);

    // `briefdeck index` rebuilds the same page from the output folder alone.
    const before = readIndexCards(out);
    writeFileSync(join(out, "index.html"), "");
    expect((await runCli(["index", "--out", out, "--quiet"])).code).toBe(0);
    expect(readIndexCards(out)).toEqual(before);

    // A second failure keeps the time of the output still there, and shows the new error.
    breakDate(first, "someday");
    await build(content, out, ...HTML_ONLY, "--quiet");
    const again = card(out, "first");
    expect(again.failure?.builtAt).toBe(flagged.failure?.builtAt);
    expect(again.failure?.error).toMatch(/first\.md:\d+:\d+: error: .*someday/);

    // Fixed with a new edit: built, and the flag is gone.
    writeFileSync(first, readFileSync(join(ROOT, "test/fixtures/valid/text.md"), "utf8").replace("Closing paragraph", "A new closing paragraph"));
    const fixed = await build(content, out, ...HTML_ONLY);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/^built first:/m);
    expect(readFileSync(join(out, "first", "index.html"), "utf8")).toContain("A new closing paragraph");
    expect(readIndexCards(out).map((entry) => [entry.slug, entry.flagged, entry.failure])).toEqual([["second", false, undefined], ["first", false, undefined]]);
    expect(existsSync(join(out, "first", FAILURE_FILE))).toBe(false);
  }, 60_000);

  it("put back as it was, it is unchanged (cached) and its flag is cleared", async () => {
    const { content, out, first } = project();
    expect((await build(content, out, ...HTML_ONLY, "--quiet")).code).toBe(0);
    const good = readFileSync(first, "utf8");
    breakDate(first);
    expect((await build(content, out, ...HTML_ONLY, "--quiet")).code).toBe(1);
    expect(card(out, "first").flagged).toBe(true);
    writeFileSync(first, good);
    const back = await build(content, out, ...HTML_ONLY);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^unchanged first \(cached\)$/m);
    expect(card(out, "first")).toMatchObject({ flagged: false });
    expect(card(out, "first").failure).toBeUndefined();
    expect(existsSync(join(out, "first", FAILURE_FILE))).toBe(false);
  }, 60_000);

  it("that was never built has no output to keep, and nothing is flagged", async () => {
    const { content, out } = project();
    writeFileSync(join(content, "third.md"), SECOND.replace("2026-02-01", "not a date"));
    expect((await build(content, out, ...HTML_ONLY, "--quiet")).code).toBe(1);
    expect(existsSync(join(out, "third"))).toBe(false);
    expect(readIndexCards(out).map((entry) => [entry.slug, entry.flagged])).toEqual([["second", false], ["first", false]]);
  }, 60_000);
});
