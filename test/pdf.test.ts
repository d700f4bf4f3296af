import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { PDFString } from "pdf-lib";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, EXAMPLE_CONTENT, EXAMPLE_SLUG, temporaryFolder } from "./support/files.js";

/** The slide headings in deck order, as the built deck lists them. */
function slideHeadings(deckHtml: string): string[] {
  return [...deckHtml.matchAll(/<section id="[^"]*" class="slide[^"]*"[^>]*data-outline="([^"]*)"/g)].map((m) => decode(m[1] ?? ""));
}

function decode(text: string): string {
  return text.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

function pageText(pdf: string, page: number): string {
  return execFileSync("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" });
}

const out = temporaryFolder();
const tmp = temporaryFolder("briefdeck-tmpdir-");
let pdfPath: string;
let deckHtml: string;
let pdf: PDFDocument;
let build: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  // The real binary, as a user runs it, with its own TMPDIR so its browser profile can be found afterwards.
  mkdirSync(tmp.path, { recursive: true });
  build = spawnSync(process.execPath, [join(ROOT, "bin/briefdeck.js"), "build", "--content", EXAMPLE_CONTENT, "--out", out.path], {
    encoding: "utf8",
    env: { ...process.env, TMPDIR: tmp.path },
  });
  pdfPath = join(out.path, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`);
  deckHtml = readFileSync(join(out.path, EXAMPLE_SLUG, "index.html"), "utf8");
  pdf = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
}, 120_000);

afterAll(() => {
  out.remove();
  tmp.remove();
});

describe("the example's PDF, read back", () => {
  it("is built by the real binary with exit code 0", () => {
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/built ots-security: \d+ slides/);
  });

  it("has one page per slide of the deck, each 16:9", () => {
    const slides = (deckHtml.match(/<section id=/g) ?? []).length;
    expect(pdf.getPageCount()).toBe(slides);
    for (const page of pdf.getPages()) {
      const { width, height } = page.getSize();
      expect(width / height).toBeCloseTo(16 / 9, 2);
    }
  });

  it("has every slide's heading as selectable text on its own page", () => {
    const headings = slideHeadings(deckHtml);
    expect(headings.length).toBe(pdf.getPageCount());
    headings.forEach((heading, index) => {
      const text = pageText(pdfPath, index + 1).replace(/\s+/g, " ");
      expect(text, `page ${index + 1}`).toContain(heading.split(" ").slice(0, 3).join(" "));
    });
  });

  it("shows fragments in their final state", () => {
    const firstFragment = /<li [^>]*class="fragment"[^>]*>([^<]{10,40})/.exec(deckHtml)?.[1];
    expect(firstFragment).toBeDefined();
    const all = execFileSync("pdftotext", [pdfPath, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(all).toContain(decode(firstFragment ?? "").trim().split(" ").slice(0, 3).join(" "));
  });

  it("has one bookmark per outline entry, titled by section", () => {
    const outlines = pdf.catalog.lookup(PDFName.of("Outlines"), PDFDict);
    const count = outlines.lookup(PDFName.of("Count"), PDFNumber).asNumber();
    expect(count).toBe(slideHeadings(deckHtml).length);
    const titles: string[] = [];
    let item = outlines.lookupMaybe(PDFName.of("First"), PDFDict);
    while (item) {
      titles.push((item.lookup(PDFName.of("Title")) as PDFString).decodeText());
      item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
    }
    expect(titles).toEqual(slideHeadings(deckHtml));
  });

  it("carries Title, Author, Subject, Keywords and a Creator naming briefdeck", () => {
    expect(pdf.getTitle()).toBe("Turkic States Deepen Security Cooperation");
    expect(pdf.getAuthor()).toBeTruthy();
    expect(pdf.getSubject()).toMatch(/Organization of Turkic States/);
    expect(pdf.getKeywords()).toMatch(/, /);
    expect(pdf.getCreator()).toMatch(/^briefdeck \d/);
  });

  it("is tagged for accessibility", () => {
    expect(pdf.catalog.get(PDFName.of("StructTreeRoot"))).toBeDefined();
    expect(execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" })).toMatch(/Tagged:\s+yes/);
  });

  it("has clickable links for the links in the content", () => {
    const uris = pdf.getPages().flatMap((page) => {
      const annotations = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
      if (!annotations) return [];
      return annotations.asArray().flatMap((ref) => {
        const annotation = pdf.context.lookup(ref, PDFDict);
        const action = annotation.lookupMaybe(PDFName.of("A"), PDFDict);
        const uri = action?.lookup(PDFName.of("URI"));
        return uri ? [(uri as PDFString).decodeText()] : [];
      });
    });
    expect(uris).toContain("https://www.turkicstates.org/");
  });

  it("embeds every font it uses, the shipped ones among them", () => {
    const fonts = execFileSync("pdffonts", [pdfPath], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line, line).toMatch(/\syes\s+yes\s+yes\s/);
    expect(fonts.some((line) => line.includes("SourceSans3"))).toBe(true);
  });

  it("is a valid PDF (qpdf --check)", () => {
    const check = spawnSync("qpdf", ["--check", pdfPath], { encoding: "utf8" });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it("leaves no Chromium process and no browser profile behind", () => {
    const running = spawnSync("pgrep", ["-f", tmp.path], { encoding: "utf8" });
    expect(running.stdout.trim()).toBe("");
    // The build's TMPDIR held only its browser profile (briefdeck-chromium-*): nothing of it may remain.
    expect(readdirSync(tmp.path)).toEqual([]);
  });

  it("links the PDF from the deck and from the index page", () => {
    expect(deckHtml).toContain(`href="${EXAMPLE_SLUG}.pdf"`);
    const index = readFileSync(join(out.path, "index.html"), "utf8");
    expect(index).toContain(`href="${EXAMPLE_SLUG}/${EXAMPLE_SLUG}.pdf"`);
  });
});
