import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterEach, describe, expect, it } from "vitest";
import { CACHE_FILE } from "../src/output/cache.js";
import { BUILT_IN_TEMPLATES } from "../src/render/templates.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, runCli, temporaryFolder } from "./support/files.js";

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

const MAPPED = `---
title: A briefing with a map
date: 2026-02-01
theme: alt
---

## The map {layout=figure}

![The region](map.png "The region")
`;

const folders: { remove: () => void }[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

/**
 * Three briefings: the example (theme "briefing", no images), `mapped`
 * (theme "alt", an image) and `plain` (theme "briefing", no images).
 */
function project(): { content: string; out: string; templates: string; build: (...extra: string[]) => Promise<{ code: number; stdout: string; stderr: string }> } {
  const root = temporaryFolder("briefdeck-cache-");
  folders.push(root);
  const content = join(root.path, "content");
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  mkdirSync(join(content, "mapped"));
  writeFileSync(join(content, "mapped", "index.md"), MAPPED);
  writeFileSync(join(content, "mapped", "map.png"), PNG);
  writeFileSync(join(content, "plain.md"), "---\ntitle: Plain\ndate: 2026-02-02\n---\n\n## Only section\n\nSome text.\n");
  const templates = join(root.path, "my-templates");
  mkdirSync(join(templates, "themes"), { recursive: true });
  writeFileSync(join(templates, "themes", "alt.css"), readFileSync(join(BUILT_IN_TEMPLATES, "themes", "briefing.css"), "utf8"));
  const out = join(root.path, "dist");
  return { content, out, templates, build: (...extra) => runCli(["build", "--no-pdf", "--content", content, "--out", out, "--templates", templates, ...extra]) };
}

/** Which briefings a build rebuilt and which it skipped, from its output. */
function summary(stdout: string): { built: string[]; cached: string[] } {
  return {
    built: [...stdout.matchAll(/^built ([a-z0-9-]+):/gm)].map((m) => m[1] ?? "").sort(),
    cached: [...stdout.matchAll(/^unchanged ([a-z0-9-]+) \(cached\)$/gm)].map((m) => m[1] ?? "").sort(),
  };
}

const ALL = ["mapped", EXAMPLE_SLUG, "plain"].sort();

describe("cached builds", () => {
  it("skip briefings whose inputs are unchanged, say so, and leave their output alone", async () => {
    const { out, build } = project();
    const first = await build();
    expect(first.code).toBe(0);
    expect(summary(first.stdout).built).toEqual(ALL);
    const deck = join(out, EXAMPLE_SLUG, "index.html");
    const written = statSync(deck).mtimeMs;

    const second = await build();
    expect(second.code).toBe(0);
    expect(summary(second.stdout)).toEqual({ built: [], cached: ALL });
    expect(second.stdout).toMatch(/0 built, 3 unchanged, 0 failed/);
    expect(statSync(deck).mtimeMs).toBe(written);
  });

  it("rebuild exactly the briefing whose Markdown or image changed", async () => {
    const { content, build } = project();
    await build();
    appendFileSync(join(content, "plain.md"), "\nOne more line.\n");
    expect(summary((await build()).stdout)).toEqual({ built: ["plain"], cached: ["mapped", EXAMPLE_SLUG] });
    appendFileSync(join(content, "mapped", "map.png"), Buffer.from([0]));
    expect(summary((await build()).stdout)).toEqual({ built: ["mapped"], cached: [EXAMPLE_SLUG, "plain"] });
  });

  it("rebuild exactly the briefings using a theme or layout that changed", async () => {
    const { templates, build } = project();
    await build();
    appendFileSync(join(templates, "themes", "alt.css"), "\n.slide { letter-spacing: 0; }\n");
    expect(summary((await build()).stdout)).toEqual({ built: ["mapped"], cached: [EXAMPLE_SLUG, "plain"] });
    // Only the example has a quote slide.
    mkdirSync(join(templates, "layouts"));
    writeFileSync(join(templates, "layouts", "quote.hbs"), `${readFileSync(join(BUILT_IN_TEMPLATES, "layouts", "quote.hbs"), "utf8")}\n<!-- edited -->\n`);
    expect(summary((await build()).stdout)).toEqual({ built: [EXAMPLE_SLUG], cached: ["mapped", "plain"] });
    // Every deck has a footer.
    mkdirSync(join(templates, "partials"));
    writeFileSync(join(templates, "partials", "footer.hbs"), readFileSync(join(BUILT_IN_TEMPLATES, "partials", "footer.hbs"), "utf8").replace("</footer>", "<i>x</i></footer>"));
    expect(summary((await build()).stdout)).toEqual({ built: ALL, cached: [] });
    // Every deck is made from deck.hbs.
    writeFileSync(join(templates, "deck.hbs"), `${readFileSync(join(BUILT_IN_TEMPLATES, "deck.hbs"), "utf8")}\n<!-- edited -->\n`);
    expect(summary((await build()).stdout)).toEqual({ built: ALL, cached: [] });
    expect(summary((await build()).stdout)).toEqual({ built: [], cached: ALL });
  });

  it("rebuild everything when an option that changes the output changes, then cache that build", async () => {
    const { build } = project();
    await build();
    expect(summary((await build("--strict")).stdout).built).toEqual(ALL);
    expect(summary((await build("--strict")).stdout).cached).toEqual(ALL);
    expect(summary((await build()).stdout).built).toEqual(ALL);
  });

  it("rebuild when the PDF is asked for after an HTML-only build, and when the PDF goes missing", async () => {
    const { content, out, templates, build } = project();
    const withPdf = async (): Promise<{ built: string[]; cached: string[] }> =>
      summary((await runCli(["build", "--content", content, "--out", out, "--templates", templates, EXAMPLE_SLUG])).stdout);
    expect(summary((await build(EXAMPLE_SLUG)).stdout).built).toEqual([EXAMPLE_SLUG]);
    expect(await withPdf()).toEqual({ built: [EXAMPLE_SLUG], cached: [] });
    expect(await withPdf()).toEqual({ built: [], cached: [EXAMPLE_SLUG] });
    rmSync(join(out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`));
    expect(await withPdf()).toEqual({ built: [EXAMPLE_SLUG], cached: [] });
    // SOURCE_DATE_EPOCH dates the PDF: a new value is a new PDF, carrying that date.
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = "1767225600"; // 2026-01-01T00:00:00Z
    try {
      expect(await withPdf()).toEqual({ built: [EXAMPLE_SLUG], cached: [] });
      expect(await withPdf()).toEqual({ built: [], cached: [EXAMPLE_SLUG] });
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
    const pdf = await PDFDocument.load(readFileSync(join(out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`)), { updateMetadata: false });
    expect(pdf.getCreationDate()?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  }, 180_000);

  it("rebuild a deck whose output folder was deleted, or whose cache record is damaged", async () => {
    const { out, build } = project();
    await build();
    rmSync(join(out, "plain"), { recursive: true });
    writeFileSync(join(out, "mapped", CACHE_FILE), "{ not json");
    expect(summary((await build()).stdout)).toEqual({ built: ["mapped", "plain"], cached: [EXAMPLE_SLUG] });
    writeFileSync(join(out, EXAMPLE_SLUG, CACHE_FILE), JSON.stringify({ format: 1, key: 42 }));
    expect(summary((await build()).stdout)).toEqual({ built: [EXAMPLE_SLUG], cached: ["mapped", "plain"] });
  });

  it("rebuild everything with --force, and keep caching afterwards", async () => {
    const { build } = project();
    await build();
    expect(summary((await build("--force")).stdout)).toEqual({ built: ALL, cached: [] });
    expect(summary((await build()).stdout)).toEqual({ built: [], cached: ALL });
  });

  it("never skip a briefing with errors: each build reports them again", async () => {
    const { content, build } = project();
    writeFileSync(join(content, "plain.md"), "# Not a briefing\n");
    expect((await build()).code).toBe(1);
    const again = await build();
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/plain\.md:1:1: error:/);
  });
});

describe("a build with nothing to do, PDFs included", () => {
  it("never starts the browser: a wrapper around it records no start", async () => {
    const root = temporaryFolder("briefdeck-cache-pdf-");
    folders.push(root);
    const out = join(root.path, "dist");
    // A browser wrapper that records each start, then runs the real one.
    const starts = join(root.path, "starts.log");
    const wrapper = join(root.path, "browser.sh");
    writeFileSync(wrapper, `#!/bin/sh\necho start >> '${starts}'\nexec /usr/bin/chromium "$@"\n`, { mode: 0o755 });
    const args = ["build", "--content", EXAMPLE_CONTENT, "--out", out, "--browser", wrapper];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(starts, "utf8").trim().split("\n").length).toBeGreaterThanOrEqual(1);
    rmSync(starts);

    const cached = await runCli(args);
    expect(cached.code, cached.stderr).toBe(0);
    expect(cached.stdout).toMatch(/unchanged ots-security \(cached\)/);
    expect(() => statSync(starts)).toThrow();
    // The PDF is still there, and it is still the deck's.
    expect(statSync(join(out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`)).size).toBeGreaterThan(1000);
  }, 120_000);
});
