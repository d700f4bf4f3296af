import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as BrowserFinder from "../src/exporters/pdf/browser-finder.js";
import { ROOT, runCli, temporaryFolder } from "./support/files.js";

const CONTENT = join(ROOT, "test/fixtures/fit/content");

/** Lets a test pretend that this machine has no browser at all. */
const machine = vi.hoisted(() => ({ hasBrowser: true }));
vi.mock("../src/exporters/pdf/browser-finder.js", async (importOriginal) => {
  const original = await importOriginal<typeof BrowserFinder>();
  return { ...original, findBrowser: (context: Parameters<typeof original.findBrowser>[0]) => (machine.hasBrowser ? original.findBrowser(context) : undefined) };
});

const out = temporaryFolder();
afterEach(() => {
  machine.hasBrowser = true;
});

function deck(outDir: string, slug: string): string {
  return readFileSync(join(outDir, slug, "index.html"), "utf8");
}

describe("--no-pdf", () => {
  it("still fits the slides when a browser is available, and prints no PDF", async () => {
    const dir = join(out.path, "fitted");
    const result = await runCli(["build", "--no-pdf", "--content", CONTENT, "--out", dir, "long-list", "shrink-paragraph"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/long-list\.md:9:1: note: "Thirty items" continues on \d+ more slides?/);
    expect(result.stderr).toMatch(/shrink-paragraph\.md:9:1: note: "A long paragraph" shrunk to \d+% to fit/);
    expect(result.stderr).not.toMatch(/not fitted/);
    expect(deck(dir, "long-list")).toContain("Thirty items (cont.)");
    expect(existsSync(join(dir, "long-list", "long-list.pdf"))).toBe(false);
  }, 120_000);

  it("with --no-fit, needs no browser and names the briefings left unfitted on one line", async () => {
    machine.hasBrowser = false;
    const dir = join(out.path, "no-fit");
    const result = await runCli(["build", "--no-pdf", "--no-fit", "--content", CONTENT, "--out", dir, "long-list", "long-table"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("briefdeck: slides not fitted (--no-fit), long sections may overflow: long-list, long-table\n");
    expect(deck(dir, "long-list")).not.toContain("(cont.)");
  }, 60_000);

  it("without any browser, builds the HTML unfitted and says which briefings", async () => {
    machine.hasBrowser = false;
    const dir = join(out.path, "no-browser");
    const result = await runCli(["build", "--no-pdf", "--content", CONTENT, "--out", dir, "long-list"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("briefdeck: slides not fitted (no browser found), long sections may overflow: long-list\n");
    expect(deck(dir, "long-list")).not.toContain("(cont.)");
  }, 60_000);

  it("a browser named with --browser that does not run is still an error, not a silent skip", async () => {
    const result = await runCli(["build", "--no-pdf", "--browser", "/nonexistent/chrome", "--content", CONTENT, "--out", join(out.path, "bad"), "long-list"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^briefdeck: browser \/nonexistent\/chrome \(from --browser\) does not exist/);
  }, 60_000);

  it("without a browser, a PDF build still fails with what to install", async () => {
    machine.hasBrowser = false;
    const result = await runCli(["build", "--content", CONTENT, "--out", join(out.path, "pdf"), "long-list"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no Chrome or Chromium found to print the PDF/);
  }, 60_000);
});
