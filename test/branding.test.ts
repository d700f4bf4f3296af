import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import { launchTestBrowser } from "./support/browser.js";
import { ROOT, runCli, temporaryFolder } from "./support/files.js";
import { SAYS_WHAT_TO_DO, parseMarkdown } from "./support/parse.js";
import { solidPng } from "./support/png.js";

const FRONT = (extra: string): string => `---\ntitle: Branded\ndate: 2026-01-08\norganization: Halden Centre\n${extra}\n---\n\n## Key judgments {layout=summary}\n\n- One\n- Two\n\n## Figures {layout=stats}\n\n- **6** members\n- **3** observers\n`;

describe("accent in front matter", () => {
  it("takes a dark colour, written #rgb or #rrggbb", () => {
    expect(parseMarkdown(FRONT('accent: "#1D4F91"')).briefing?.meta.accent).toBe("#1d4f91");
    expect(parseMarkdown(FRONT('accent: "#036"')).briefing?.meta.accent).toBe("#003366");
  });

  it.each([
    ['accent: "#f0e68c"', /5:9: error: accent "#f0e68c" is too light for text on the white slide \(contrast 1\.\d\d:1, needs 4\.5:1\): use a darker shade of it/],
    ['accent: "#8a9bb0"', /is too light for text on the white slide \(contrast 2\.\d\d:1/],
    ["accent: navy", /5:9: error: accent "navy" is not a colour: write it as #RRGGBB/],
  ])("%s is an error that says why", (line, message) => {
    const result = parseMarkdown(FRONT(line));
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map(formatDiagnostic)).toEqual([expect.stringMatching(message)]);
    expect(errors[0]?.message).toMatch(SAYS_WHAT_TO_DO);
  });
});

describe("logo in front matter", () => {
  const folder = temporaryFolder();
  afterAll(() => folder.remove());

  it("follows the rules of images: local, inside content, existing (with the nearest file suggested)", async () => {
    const content = join(folder.path, "content");
    mkdirSync(join(content, "brand"), { recursive: true });
    copyFileSync(join(ROOT, "test/fixtures/valid/images/members-map.png"), join(content, "brand", "halden-logo.png"));
    writeFileSync(join(content, "brand", "index.md"), FRONT("logo: halden-logo.pgn"));
    writeFileSync(join(content, "remote.md"), FRONT("logo: https://example.org/logo.png"));
    const report = await build({ contentDir: content, outDir: join(folder.path, "out"), pdf: false, checkOnly: true });
    const lines = report.diagnostics.map(formatDiagnostic).map((line) => line.slice(line.indexOf("content/") + 8));
    expect(lines).toEqual([
      'brand/index.md:5:7: error: image "halden-logo.pgn" not found (looked for brand/halden-logo.pgn in the content folder; did you mean "halden-logo.png"?): check the path',
      'remote.md:5:7: error: logo: image "https://example.org/logo.png" is not a local file: decks must work offline, so save the image inside content/ and use its relative path',
    ]);
  });
});

describe("a branded deck in Chromium and its PDF", () => {
  const folder = temporaryFolder();
  const content = join(folder.path, "content");
  const out = join(folder.path, "out");
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(join(content, "brand"), { recursive: true });
    copyFileSync(join(ROOT, "test/fixtures/valid/images/members-map.png"), join(content, "brand", "logo.png"));
    writeFileSync(join(content, "brand", "index.md"), FRONT('logo: logo.png\naccent: "#1d4f91"'));
    const result = await runCli(["build", "--quiet", "--content", content, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    browser = await launchTestBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    folder.remove();
  });

  it("shows the logo on the title slide and small in every footer, and the accent on rules, bullets and tiles", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, "brand", "index.html")).href, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const seen = await page.evaluate(() => {
      const loaded = (image: HTMLImageElement | null): boolean => image !== null && image.complete && image.naturalWidth > 0;
      const slides = [...document.querySelectorAll("section.slide")];
      const title = document.querySelector<HTMLImageElement>(".layout-title .title-logo");
      const footers = slides.map((slide) => slide.querySelector<HTMLImageElement>(".slide-footer .footer-logo"));
      const item = document.querySelector(".slide-body li");
      return {
        slides: slides.length,
        titleLogo: loaded(title),
        titleLogoHeight: title?.getBoundingClientRect().height ?? 0,
        footerLogos: footers.filter(loaded).length,
        footerLogoHeight: Math.max(...footers.map((image) => image?.getBoundingClientRect().height ?? 0)),
        rule: getComputedStyle(document.querySelector(".slide-header h2") ?? document.body).borderBottomColor,
        bullet: item ? getComputedStyle(item, "::marker").color : "",
        tile: getComputedStyle(document.querySelector(".stat") ?? document.body).borderTopColor,
      };
    });
    expect(seen.titleLogo).toBe(true);
    expect(seen.footerLogos).toBe(seen.slides);
    expect(seen.footerLogoHeight).toBeLessThan(seen.titleLogoHeight);
    const accent = "rgb(29, 79, 145)";
    expect([seen.rule, seen.bullet, seen.tile]).toEqual([accent, accent, accent]);
    await page.close();
  });

  it("prints the logo on every page of the PDF", () => {
    const pdf = join(out, "brand", "brand.pdf");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
    const listed = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" }).split("\n").slice(2).filter((line) => line.trim() !== "");
    const pagesWithImages = new Set(listed.map((line) => Number(line.trim().split(/\s+/)[0])));
    expect(pagesWithImages.size).toBe(pages);
  });
});

describe("logo and accent in briefdeck.yaml, for every briefing; front matter overrides", () => {
  const folder = temporaryFolder();
  const content = join(folder.path, "content");
  const out = join(folder.path, "dist");
  const settings = join(folder.path, "briefdeck.yaml");
  let browser: Browser;
  const build = (): ReturnType<typeof runCli> => runCli(["build", "--no-pdf", "--content", content, "--out", out]);

  beforeAll(async () => {
    mkdirSync(join(content, "brand"), { recursive: true });
    writeFileSync(join(content, "brand", "logo.png"), solidPng(40, 20, [107, 44, 145]));
    writeFileSync(join(content, "own.png"), solidPng(30, 30, [29, 79, 145]));
    writeFileSync(join(content, "plain.md"), FRONT(""));
    writeFileSync(join(content, "own.md"), FRONT('logo: own.png\naccent: "#1d4f91"'));
    writeFileSync(settings, 'logo: content/brand/logo.png\naccent: "#6b2c91"\n');
    browser = await launchTestBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    folder.remove();
  });

  async function look(slug: string): Promise<{ titleLogo: string; width: number; footerLogos: number; slides: number; rule: string }> {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, slug, "index.html")).href, { waitUntil: "load" });
    const seen = await page.evaluate(() => {
      const title = document.querySelector<HTMLImageElement>(".layout-title .title-logo");
      const slides = [...document.querySelectorAll("section.slide")];
      return {
        titleLogo: title?.getAttribute("src") ?? "",
        width: title?.complete ? title.naturalWidth : 0,
        footerLogos: slides.filter((slide) => (slide.querySelector<HTMLImageElement>(".slide-footer .footer-logo")?.naturalWidth ?? 0) > 0).length,
        slides: slides.length,
        rule: getComputedStyle(document.querySelector(".slide-header h2") ?? document.body).borderBottomColor,
      };
    });
    await page.close();
    return seen;
  }

  it("gives a briefing without its own the project's logo and accent; a briefing's own win", async () => {
    const result = await build();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const plain = await look("plain");
    expect(plain).toMatchObject({ titleLogo: "media/brand/logo.png", width: 40, rule: "rgb(107, 44, 145)" });
    expect(plain.footerLogos).toBe(plain.slides);
    const own = await look("own");
    expect(own).toMatchObject({ titleLogo: "media/own.png", width: 30, rule: "rgb(29, 79, 145)" });
    expect(existsSync(join(out, "own", "media", "brand", "logo.png"))).toBe(false);
  });

  it("is part of the cache key: a new logo image or accent rebuilds, nothing changed does not", async () => {
    expect((await build()).stdout).toMatch(/0 built, 2 unchanged, 0 failed/);
    writeFileSync(join(content, "brand", "logo.png"), solidPng(44, 20, [107, 44, 145]));
    expect((await build()).stdout).toMatch(/1 built, 1 unchanged, 0 failed/);
    expect((await look("plain")).width).toBe(44);
    writeFileSync(settings, 'logo: content/brand/logo.png\naccent: "#8b1a1a"\n');
    // Every deck is keyed by the project's branding, the one that overrides it too.
    expect((await build()).stdout).toMatch(/2 built, 0 failed/);
    expect((await look("plain")).rule).toBe("rgb(139, 26, 26)");
    expect((await look("own")).rule).toBe("rgb(29, 79, 145)");
  });

  it.each([
    ['accent: "#f0e68c"\n', /briefdeck\.yaml:1:9: error: accent "#f0e68c" is too light for text on the white slide \(contrast 1\.\d\d:1, needs 4\.5:1\): use a darker shade of it/],
    ["pdf: false\naccent: navy\n", /briefdeck\.yaml:2:9: error: accent "navy" is not a colour: write it as #RRGGBB/],
    ["logo: content/brand/logo.pgn\n", /briefdeck\.yaml:1:7: error: logo "content\/brand\/logo\.pgn" not found \(looked for .*content\/brand\/logo\.pgn\): give its path relative to briefdeck\.yaml/],
    ["logo: content/page.png\n", /briefdeck\.yaml:1:7: error: logo "content\/page\.png" is not an image: the file holds an HTML page/],
    ["logo: content/.hidden/logo.png\n", /briefdeck\.yaml:1:7: error: logo "content\/\.hidden\/logo\.png" is a hidden file or inside a hidden folder/],
    ["logo: https://example.org/logo.png\n", /briefdeck\.yaml:1:7: error: logo "https:\/\/example\.org\/logo\.png" is not a local file/],
    ["\n\nlogo: outside.png\n", /briefdeck\.yaml:3:7: error: logo "outside\.png" is outside the content folder \(.*content\): move the image into it/],
  ])("%j is an error at its line in briefdeck.yaml, and nothing is built", async (yaml, message) => {
    writeFileSync(join(content, "page.png"), "<!doctype html><html><body>not an image</body></html>\n");
    mkdirSync(join(content, ".hidden"), { recursive: true });
    writeFileSync(join(content, ".hidden", "logo.png"), solidPng(4, 4));
    writeFileSync(join(folder.path, "outside.png"), solidPng(4, 4));
    writeFileSync(settings, yaml);
    const before = readFileSync(join(out, "plain", "index.html"));
    for (const command of [["build", "--no-pdf"], ["check", "--no-fit"]]) {
      const result = await runCli([...command, "--content", content, "--out", out]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(readFileSync(join(out, "plain", "index.html")).equals(before)).toBe(true);
  });
});
