import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sniffImage } from "../src/input/images/sniff.js";
import { sanitizeSvg } from "../src/input/images/svg.js";
import { launchTestBrowser } from "./support/browser.js";
import { EXAMPLE_CONTENT, runCli, temporaryFolder } from "./support/files.js";
import { PIXEL_PNG } from "./support/hostile.js";
import { solidPng } from "./support/png.js";
import { readPptx } from "./support/pptx.js";

const folders: { remove: () => void }[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

function project(): { content: string; out: string } {
  const root = temporaryFolder("briefdeck-images-");
  folders.push(root);
  const content = join(root.path, "content");
  mkdirSync(join(content, "images"), { recursive: true });
  return { content, out: join(root.path, "dist") };
}

function briefing(body: string): string {
  return `---\ntitle: Images\ndate: 2026-01-08\n---\n\n## A figure\n\n${body}\n`;
}

/** Every file under `folder`, relative to it. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1));
}

const HOSTILE_SVG = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="30" onload="window.top.__pwned=1">
  <script>window.top.__pwned = 2</script>
  <style>@import url(http://example.invalid/x.css); rect { fill: url(http://example.invalid/p.svg#p) }</style>
  <foreignObject width="40" height="30"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="window.top.__pwned=3"/></div></foreignObject>
  <rect width="40" height="30" fill="green" onclick="window.top.__pwned=4" style="fill:url(http://example.invalid/q)"/>
  <image href="http://example.invalid/i.png" width="1" height="1"/>
  <use xlink:href="http://example.invalid/sprite.svg#a"/>
  <a href="javascript:window.top.__pwned=5"><text x="2" y="20">label</text></a>
  <animate attributeName="href" to="javascript:alert(1)"/>
</svg>`;

describe("1. only visible files inside content/ become images", () => {
  it.each([
    [".env", "SECRET=1\n"],
    [".git/config", "[core]\n"],
    ["images/.hidden.png", PIXEL_PNG],
  ])("%s is refused at its line and shipped nowhere", async (path, data) => {
    const { content, out } = project();
    mkdirSync(join(content, path, ".."), { recursive: true });
    writeFileSync(join(content, path), data);
    writeFileSync(join(content, "leak.md"), briefing(`Text.\n\n![e](${path})\n`));
    const result = await runCli(["build", "--content", content, "--out", out, "--no-pdf", "--single-file"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/leak\.md:10:1: error: image ".*" is a hidden file or inside a hidden folder: .*move the image/);
    expect(filesUnder(out).filter((file) => file.startsWith("leak"))).toEqual([]);
  });

  it("a visible name that is a symlink to a hidden file is refused too", async () => {
    const { content, out } = project();
    writeFileSync(join(content, ".env"), "SECRET=1\n");
    symlinkSync("../.env", join(content, "images", "map.png"));
    writeFileSync(join(content, "leak.md"), briefing("![e](images/map.png)"));
    const result = await runCli(["build", "--content", content, "--out", out, "--no-pdf", "--single-file"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/leak\.md:8:1: error: image "images\/map\.png" leads to a hidden file \(\.env\)/);
    expect(existsSync(join(out, "leak"))).toBe(false);
  });

  it("\"did you mean\" never names a hidden file, in the image's folder or anywhere else", async () => {
    const { content, out } = project();
    writeFileSync(join(content, ".env"), "SECRET=1\n");
    writeFileSync(join(content, "images", ".map.png"), PIXEL_PNG);
    writeFileSync(join(content, "images", ".chart.png"), PIXEL_PNG);
    mkdirSync(join(content, "figures"));
    writeFileSync(join(content, "figures", ".logo.png"), PIXEL_PNG);
    // One edit from a hidden name each: `.env`, `images/.map.png`, `figures/.logo.png` by name from another folder.
    writeFileSync(join(content, "leak.md"), briefing("![a](env)\n\n![b](images/map.png)\n\n![c](images/logo.png)\n\n![d](images/_chart.png)"));
    const result = await runCli(["check", "--no-fit", "--content", content]);
    expect(result.code).toBe(1);
    const errors = result.stderr.split("\n").filter((line) => line.includes(": error: "));
    expect(errors).toHaveLength(4);
    for (const line of errors) {
      expect(line).toMatch(/error: image "[^"]+" not found \(looked for [^ ]+ in the content folder\): check the path$/);
      expect(line).not.toMatch(/did you mean|\.env|\.map|\.logo|\.chart/);
    }
    // A visible file beside the hidden one is still suggested.
    writeFileSync(join(content, "images", "maps.png"), PIXEL_PNG);
    const visible = await runCli(["check", "--no-fit", "--content", content]);
    expect(visible.stderr).toContain('error: image "images/map.png" not found (looked for images/map.png in the content folder; did you mean "images/maps.png"?)');
    expect(existsSync(out)).toBe(false);
  });
});

describe("2. non-image files never become pages", () => {
  it.each([
    ["images/page.html", "<!doctype html><script>parent.__pwned=1</script>", "an HTML page"],
    ["images/page.png", "<html><body><script>alert(1)</script></body></html>", "an HTML page"],
    ["images/notes.png", "just some notes\n", "plain text"],
    ["images/report.png", "%PDF-1.7\n...", "a PDF document"],
    ["images/empty.png", "", "an empty file"],
    ["images/map.png", HOSTILE_SVG, "is really an SVG image: rename it to end in .svg"],
    ["images/photo.png", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "is really a JPEG image: rename it to end in .jpg"],
  ])("%s is an error at its line saying what the file is", async (path, data, says) => {
    const { content, out } = project();
    writeFileSync(join(content, path), data);
    writeFileSync(join(content, "page.md"), briefing(`![p](${path})`));
    const result = await runCli(["build", "--content", content, "--out", out, "--no-pdf"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`page.md:8:1: error: image "${path}" `);
    expect(result.stderr).toContain(says);
    expect(existsSync(join(out, "page"))).toBe(false);
  });

  it("sniffs every accepted format by its bytes", () => {
    const avif = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from("ftypavif\0\0\0\0avifmif1miaf")]);
    const webp = Buffer.concat([Buffer.from("RIFF\x10\0\0\0WEBPVP8 ", "latin1")]);
    expect(sniffImage(PIXEL_PNG)).toMatchObject({ image: true, kind: "png" });
    expect(sniffImage(Buffer.from("GIF89a\x01\0\x01\0", "latin1"))).toMatchObject({ image: true, kind: "gif" });
    expect(sniffImage(webp)).toMatchObject({ image: true, kind: "webp" });
    expect(sniffImage(avif)).toMatchObject({ image: true, kind: "avif" });
    expect(sniffImage(Buffer.from("\uFEFF<?xml version='1.0'?><!-- c --><!DOCTYPE svg><svg/>"))).toMatchObject({ image: true, kind: "svg" });
    expect(sniffImage(Buffer.from("<html><svg/></html>"))).toMatchObject({ image: false, what: "an HTML page" });
  });

  it("SVG is sanitised: no script, handler, foreign object or external reference survives, and the drawing does", () => {
    const clean = sanitizeSvg(HOSTILE_SVG);
    expect(clean).not.toMatch(/script|onload|onclick|onerror|foreignObject|example\.invalid|javascript|@import|<image|<style|<animate/i);
    expect(clean).toMatch(/^<svg[^>]*width="40"/);
    expect(clean).toContain('<rect width="40" height="30" fill="green">');
    expect(clean).toContain(">label</text>");
  });

  describe("in a built deck, opened in Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchTestBrowser();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it("the shipped SVG runs nothing when opened on its own, and shows in the deck", async () => {
      const { content, out } = project();
      writeFileSync(join(content, "images", "map.svg"), HOSTILE_SVG);
      writeFileSync(join(content, "svg.md"), briefing("![a map](images/map.svg)"));
      const result = await runCli(["build", "--content", content, "--out", out, "--no-pdf", "--single-file"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const shipped = readFileSync(join(out, "svg", "media", "images", "map.svg"), "utf8");
      expect(shipped).not.toMatch(/script|onload|foreignObject|example\.invalid/i);
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(join(out, "svg", "media", "images", "map.svg")).href);
      await page.mouse.click(10, 10);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      await page.goto(pathToFileURL(join(out, "svg", "index.html")).href);
      await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))));
      const widths = await page.evaluate(() => [...document.images].map((img) => img.naturalWidth));
      expect(widths).toEqual([40]);
      expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
      await page.close();
    }, 60_000);
  });
});

describe("3. image names with any character", () => {
  const NAMES = ["a#b.png", "what?.png", "r&d.png", "it's.png", "with space.png", "карта.png", "地図 #2.png"];
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchTestBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("work in the deck, the PDF, the handout, the single-file deck and the PowerPoint", async () => {
    const { content, out } = project();
    // Each image a size of its own, so each can be found again in the PDFs.
    const sizes = NAMES.map((_, index) => [41 + index, 23 + index] as const);
    NAMES.forEach((name, index) => writeFileSync(join(content, "images", name), solidPng(41 + index, 23 + index)));
    const inline = NAMES.map((name, index) => `## Image ${index}\n\n![image ${index}](<images/${name}>)\n\nSpeaker notes.\n`).join("\n");
    const figures = NAMES.map((name, index) => `## Figure ${index} {layout=figure}\n\n![figure ${index}](<images/${name}> "title ${index}")\n\nCaption ${index}.\n`).join("\n");
    writeFileSync(join(content, "names.md"), `---\ntitle: Names\ndate: 2026-01-08\n---\n\n${inline}\n${figures}`);
    const result = await runCli(["build", "--content", content, "--out", out, "--handout", "--single-file", "--pptx"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const deck = join(out, "names");
    for (const name of NAMES) expect(readFileSync(join(deck, "media", "images", name))).toEqual(readFileSync(join(content, "images", name)));

    for (const file of ["index.html", "names.html"]) {
      // A page of its own for each file: nothing of the previous document can answer for this one.
      const page = await browser.newPage();
      await page.goto(`${pathToFileURL(join(deck, file)).href}?print-pdf`, { waitUntil: "load" });
      // reveal.js's print view moves the slides into pages after load: wait until every picture is in place again.
      await page.waitForFunction((count) => document.images.length === count && document.querySelector(".pdf-page") !== null, {}, NAMES.length * 2);
      await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))));
      const images = await page.evaluate(() => [...document.images].map((img) => ({ src: img.currentSrc.slice(0, 30), width: img.naturalWidth })));
      expect(images, file).toHaveLength(NAMES.length * 2);
      for (const image of images) expect(image.width, `${file}: ${image.src}`).toBeGreaterThan(0);
      if (file === "names.html") for (const image of images) expect(image.src).toMatch(/^data:image\/png;base64,/);
      await page.close();
    }

    // In both PDFs every image is embedded at its own size: none is the broken-image icon.
    for (const pdf of ["names.pdf", "names-handout.pdf"]) {
      const listed = execFileSync("pdfimages", ["-list", join(deck, pdf)], { encoding: "utf8" });
      const found = new Set(listed.split("\n").slice(2).map((line) => line.trim().split(/\s+/)).filter((cols) => cols.length > 4).map((cols) => `${cols[3]}x${cols[4]}`));
      expect([...found].sort(), pdf).toEqual(sizes.map(([w, h]) => `${w}x${h}`).sort());
    }

    // The PowerPoint has every picture too: one image on each of the image and figure slides.
    const pptx = await readPptx(readFileSync(join(deck, "names.pptx")));
    const pictured = pptx.slides.filter((slide) => slide.rels.some((rel) => rel.type === "image"));
    expect(pictured).toHaveLength(NAMES.length * 2);
  }, 240_000);
});

// Keeps the example images out of the hidden-name rule: its images are visible files.
it("the example content still builds with its images", async () => {
  const { content, out } = project();
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  const result = await runCli(["build", "--content", content, "--out", out, "--no-pdf", "--single-file"]);
  expect(result.code).toBe(0);
});
