import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import { createPdfExporter } from "../src/exporters/pdf/exporter.js";
import type { PdfExporter } from "../src/exporters/contracts.js";
import { oneParagraphProperties } from "../src/exporters/pptx/package.js";
import { htmlToParagraphs } from "../src/exporters/pptx/runs.js";
import { deckSlides, drawingText, readPptx, shapes, titleText } from "./support/pptx.js";
import type { DeckSlide, PptxPackage } from "./support/pptx.js";
import { EXAMPLE_CONTENT, ROOT, temporaryFolder } from "./support/files.js";

const FIXTURES = join(ROOT, "test/fixtures/pptx/content");
const FIT_FIXTURES = join(ROOT, "test/fixtures/fit/content");
const EPOCH = "1767225600";

const content = temporaryFolder();
const out = temporaryFolder();
const again = temporaryFolder();
let exporter: PdfExporter;

/** The briefings built: the example, a briefing with every layout, and one that continues over several slides. */
const SLUGS = ["ots-security", "every-layout", "long-table"];
const built = new Map<string, { pptx: PptxPackage; bytes: Uint8Array; deck: DeckSlide[] }>();

async function buildAll(outDir: string): Promise<void> {
  const report = await build({ contentDir: content.path, outDir, pdf: true, pptx: true, pdfExporter: exporter, force: true });
  const failures = report.outcomes.filter((outcome) => !outcome.ok).map((outcome) => `${outcome.slug}: ${outcome.failure ?? ""}`);
  expect(failures).toEqual([]);
  expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
}

beforeAll(async () => {
  cpSync(join(EXAMPLE_CONTENT, "ots-security.md"), join(content.path, "ots-security.md"));
  cpSync(join(FIXTURES, "every-layout"), join(content.path, "every-layout"), { recursive: true });
  cpSync(join(FIT_FIXTURES, "long-table.md"), join(content.path, "long-table.md"));
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  exporter = await createPdfExporter({ concurrency: 2 });
  await buildAll(out.path);
  await buildAll(again.path);
  for (const slug of SLUGS) {
    const bytes = readFileSync(join(out.path, slug, `${slug}.pptx`));
    built.set(slug, { bytes, pptx: await readPptx(bytes), deck: deckSlides(readFileSync(join(out.path, slug, "index.html"), "utf8")) });
  }
}, 180_000);

afterAll(async () => {
  delete process.env.SOURCE_DATE_EPOCH;
  await exporter?.close();
  for (const folder of [content, out, again]) folder.remove();
});

function the(slug: string): { pptx: PptxPackage; bytes: Uint8Array; deck: DeckSlide[] } {
  const entry = built.get(slug);
  if (!entry) throw new Error(`${slug} was not built`);
  return entry;
}

describe("PowerPoint export, read back", () => {
  it.each(SLUGS)("%s: one PowerPoint slide per deck slide, in order, each title in its title placeholder", (slug) => {
    const { pptx, deck } = the(slug);
    expect(pptx.slides.length).toBe(deck.length);
    expect(deck.length).toBeGreaterThan(2);
    pptx.slides.forEach((slide, index) => {
      expect(titleText(slide.xml), `slide ${index + 1}`).toBe(deck[index]?.heading);
    });
  });

  it("continuations are the deck's: the same '(cont.)' slides, each table repeating its header row", () => {
    const { pptx, deck } = the("long-table");
    const continued = deck.filter((slide) => slide.heading.endsWith("(cont.)"));
    expect(continued.length).toBeGreaterThan(0);
    const header = drawingText(/<a:tr\b[\s\S]*?<\/a:tr>/.exec(pptx.slides[deck.findIndex((slide) => slide.hasTable)]?.xml ?? "")?.[0] ?? "");
    expect(header).not.toBe("");
    pptx.slides.forEach((slide, index) => {
      if (!deck[index]?.hasTable) return;
      const table = /<a:tbl>([\s\S]*?)<\/a:tbl>/.exec(slide.xml)?.[1] ?? "";
      expect(table, `slide ${index + 1} has a native table`).not.toBe("");
      const firstRow = /<a:tr\b[\s\S]*?<\/a:tr>/.exec(table)?.[0] ?? "";
      expect(drawingText(firstRow)).toBe(header);
    });
  });

  it.each(SLUGS)("%s: speaker notes in the notes pane, never on the slide", (slug) => {
    const { pptx, deck } = the(slug);
    let withNotes = 0;
    deck.forEach((slide, index) => {
      const pptxSlide = pptx.slides[index];
      if (!slide.notes || !pptxSlide) return;
      withNotes++;
      const notes = drawingText(pptxSlide.notesXml ?? "").replace(/[•\s]+/g, " ");
      for (const word of slide.notes.split(" ").filter((w) => w.length > 3).slice(0, 12)) expect(notes).toContain(word);
      expect(drawingText(pptxSlide.xml)).not.toContain(slide.notes.slice(0, 30));
    });
    if (slug !== "long-table") expect(withNotes).toBeGreaterThan(0);
  });

  it("links are real hyperlinks, and the sources slide links each of its URLs", () => {
    const { pptx, deck } = the("every-layout");
    const sources = pptx.slides[deck.findIndex((slide) => slide.kind === "sources")];
    const targets = (sources?.rels ?? []).filter((rel) => rel.type === "hyperlink" && rel.external).map((rel) => rel.target);
    expect(targets).toEqual(expect.arrayContaining(["https://example.org/article", "https://example.org/statement", "https://example.org/judgment"]));
    const summary = pptx.slides[deck.findIndex((slide) => slide.kind === "summary")];
    const link = (summary?.rels ?? []).find((rel) => rel.target === "https://example.org/judgment");
    expect(link).toBeDefined();
    expect(summary?.xml).toContain(`r:id="${link?.id ?? "?"}"`);
  });

  it("the figure is a picture whose description is the Markdown alt text; key judgments are a numbered list", () => {
    const { pptx, deck } = the("every-layout");
    const figure = pptx.slides[deck.findIndex((slide) => slide.kind === "figure")];
    expect(figure?.xml).toMatch(/<p:pic>[\s\S]*descr="Map of the member states and observers"/);
    expect(figure?.rels.some((rel) => rel.type === "image")).toBe(true);
    const summary = pptx.slides[deck.findIndex((slide) => slide.kind === "summary")];
    expect((summary?.xml.match(/<a:buAutoNum\b/g) ?? []).length).toBe(3);
    const text = pptx.slides[deck.findIndex((slide) => slide.heading === "Members and budgets")];
    expect(text?.xml).toContain("<a:tbl>");
    expect(text?.xml).toMatch(/<a:buChar\b/);
    expect(text?.xml).toMatch(/lvl="1"/);
  });

  it.each(SLUGS)("%s: each footnote on a slide carries the number the deck shows for it", (slug) => {
    const { pptx, deck } = the(slug);
    deck.forEach((slide, index) => {
      const xml = pptx.slides[index]?.xml ?? "";
      for (const footnote of slide.footnotes) {
        const shape = shapes(xml).find((s) => drawingText(s).includes(footnote.text.slice(0, 20)));
        expect(shape, `footnote "${footnote.text}" on slide ${index + 1}`).toBeDefined();
        expect(shape).toMatch(new RegExp(`baseline="30000"[^>]*>(?:(?!</a:r>).)*<a:t>${footnote.number}</a:t>`, "s"));
      }
    });
  });

  it.each(SLUGS)("%s: a source's footnote number on its slide is the number of the same entry on the PowerPoint sources slide", (slug) => {
    const { pptx, deck } = the(slug);
    const sourcesIndex = deck.findIndex((slide) => slide.kind === "sources");
    const sources = pptx.slides[sourcesIndex]?.xml ?? "";
    // The numbered entries: each paragraph's own number is the list's start plus its place.
    const list = shapes(sources).find((shape) => /<a:buAutoNum\b/.test(shape)) ?? "";
    const start = Number(/startAt="(\d+)"/.exec(list)?.[1] ?? 1);
    const entries = [...list.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((paragraph) => drawingText(`<a:p>${paragraph[1] ?? ""}</a:p>`));
    let checked = 0;
    deck.forEach((slide) => {
      for (const footnote of slide.footnotes.filter((f) => /^\d+$/.test(f.number))) {
        const at = entries.findIndex((entry) => entry.includes(footnote.text.slice(0, 25)));
        expect(at, `"${footnote.text}" on the sources slide`).toBeGreaterThanOrEqual(0);
        expect(start + at).toBe(Number(footnote.number));
        checked++;
      }
    });
    if (slug !== "long-table") expect(checked).toBeGreaterThan(0);
  });

  it("banner, footer and slide number live on the masters, so a slide added in PowerPoint has them", () => {
    const { pptx } = the("every-layout");
    const masters = [...pptx.parts.entries()].filter(([name]) => /slideLayouts\/slideLayout\d+\.xml$/.test(name)).map(([, xml]) => xml);
    const withBanner = masters.filter((xml) => drawingText(xml).includes("OFFICIAL"));
    expect(withBanner.length).toBeGreaterThanOrEqual(3);
    for (const xml of withBanner) {
      expect(xml).toMatch(/type="sldNum"/);
      expect(xml).toMatch(/<p:ph\b[^>]*type="title"/);
      expect(drawingText(xml)).toContain("Every layout, for PowerPoint");
    }
    for (const slide of pptx.slides) expect(slide.rels.some((rel) => rel.type === "slideLayout")).toBe(true);
  });

  it("document properties: title, author, subject, keywords, language, dates from SOURCE_DATE_EPOCH", () => {
    const core = the("every-layout").pptx.parts.get("docProps/core.xml") ?? "";
    expect(core).toContain("<dc:title>Every layout, for PowerPoint</dc:title>");
    expect(core).toContain("<dc:creator>Research Desk</dc:creator>");
    expect(core).toContain("<cp:keywords>fixture, pptx</cp:keywords>");
    expect(core).toContain("<dc:language>en</dc:language>");
    expect(core).toContain("<dc:subject>A fixture that exercises every slide layout in the PowerPoint export.</dc:subject>");
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${new Date(Number(EPOCH) * 1000).toISOString().replace(/\.000Z$/, "Z")}</dcterms:created>`);
  });

  it.each(SLUGS)("%s: a valid package: every part well-formed XML, one paragraph-properties element per paragraph, first", (slug) => {
    const { pptx } = the(slug);
    for (const [name, xml] of pptx.parts) {
      expect(XMLValidator.validate(xml), name).toBe(true);
      for (const paragraph of xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)) {
        const inner = paragraph[1] ?? "";
        const properties = inner.match(/<a:pPr\b/g) ?? [];
        expect(properties.length, `${name}: ${inner.slice(0, 120)}`).toBeLessThanOrEqual(1);
        if (properties.length === 1) expect(inner.indexOf("<a:pPr")).toBeLessThan(Math.max(0, inner.search(/<a:(?:r|br|fld)\b/)) || Infinity);
      }
    }
    const types = pptx.parts.get("[Content_Types].xml") ?? "";
    for (const slide of pptx.slides) expect(types).toContain(`PartName="/${slide.name}"`);
  });

  it.each(SLUGS)("%s: the same bytes when built twice", (slug) => {
    expect(Buffer.from(readFileSync(join(again.path, slug, `${slug}.pptx`))).equals(Buffer.from(the(slug).bytes))).toBe(true);
  });
});

describe("PowerPoint export in LibreOffice", () => {
  it.each(SLUGS)("%s: renders every slide, with each slide's text on its page and nothing outside it", (slug) => {
    const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((path) => existsSync(path));
    expect(soffice, "LibreOffice (Debian: apt-get install libreoffice-impress) renders the PowerPoint in this test").toBeDefined();
    const folder = temporaryFolder("briefdeck-lo-");
    try {
      const profile = join(folder.path, "profile");
      mkdirSync(profile);
      const pptxPath = join(out.path, slug, `${slug}.pptx`);
      const converted = spawnSync(soffice ?? "soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", folder.path, pptxPath], {
        encoding: "utf8",
        timeout: 120_000,
      });
      const pdfPath = join(folder.path, `${slug}.pdf`);
      expect(existsSync(pdfPath), converted.stderr).toBe(true);
      const { deck } = the(slug);
      const info = execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(deck.length);
      const [width, height] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
      const bbox = execFileSync("pdftotext", ["-bbox", pdfPath, "-"], { encoding: "utf8" });
      const pages = bbox.split(/<page\b/).slice(1);
      expect(pages.length).toBe(deck.length);
      pages.forEach((page, index) => {
        const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
        for (const [, x0, y0, x1, y1, word] of words) {
          expect(Number(x0), `"${word}" on page ${index + 1}`).toBeGreaterThanOrEqual(-0.5);
          expect(Number(y0)).toBeGreaterThanOrEqual(-0.5);
          expect(Number(x1), `"${word}" on page ${index + 1}`).toBeLessThanOrEqual((width ?? 0) + 0.5);
          expect(Number(y1), `"${word}" on page ${index + 1}`).toBeLessThanOrEqual((height ?? 0) + 0.5);
        }
        const pageText = words.map((word) => word[5]).join(" ").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
        const heading = deck[index]?.heading ?? "";
        for (const word of heading.split(/\s+/).filter((w) => w.length > 3)) expect(pageText, `page ${index + 1}`).toContain(word.replace(/[.,:;()]/g, ""));
      });
    } finally {
      folder.remove();
    }
  }, 150_000);
});

describe("PowerPoint building blocks", () => {
  it("keeps only the first paragraph-properties element of a paragraph (the repair prompt's cause)", () => {
    const xml = '<a:p><a:pPr marL="1"><a:buAutoNum type="arabicPeriod"/></a:pPr><a:r><a:t>a</a:t></a:r><a:pPr indent="0"><a:buNone/></a:pPr><a:r><a:t>b</a:t></a:r><a:pPr/><a:r><a:t>c</a:t></a:r></a:p>';
    expect(oneParagraphProperties(xml)).toBe('<a:p><a:pPr marL="1"><a:buAutoNum type="arabicPeriod"/></a:pPr><a:r><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r><a:r><a:t>c</a:t></a:r></a:p>');
  });

  it("turns sanitised HTML into paragraphs of formatted runs, lists with levels and numbers", () => {
    const paragraphs = htmlToParagraphs('<p>One <strong>bold</strong> <em>word</em><sup class="footnote-ref">2</sup> and <a href="https://example.org/?a=1&amp;b=2">a link</a><br>next line</p><ol start="3"><li>three<ul><li>nested</li></ul></li><li>four</li></ol>');
    expect(paragraphs.map((p) => [p.level, p.list ?? "", p.start ?? 0, p.runs.map((r) => r.text).join("|")])).toEqual([
      [0, "", 0, "One |bold| |word|2| and |a link|next line"],
      [0, "number", 3, "three"],
      [1, "bullet", 0, "nested"],
      [0, "number", 3, "four"],
    ]);
    const runs = paragraphs[0]?.runs ?? [];
    expect(runs.find((r) => r.text === "bold")?.bold).toBe(true);
    expect(runs.find((r) => r.text === "word")?.italic).toBe(true);
    expect(runs.find((r) => r.text === "2")?.superscript).toBe(true);
    expect(runs.find((r) => r.text === "a link")?.link).toBe("https://example.org/?a=1&b=2");
    expect(runs.find((r) => r.text === "next line")?.breakBefore).toBe(true);
  });

  it("never turns a non-web link into a hyperlink", () => {
    const runs = htmlToParagraphs('<p><a href="javascript:alert(1)">x</a> <a href="file:///etc/passwd">y</a> <a href="mailto:a@example.org">z</a></p>')[0]?.runs ?? [];
    expect(runs.filter((run) => run.text.trim() !== "").map((run) => [run.text, run.link])).toEqual([["x", undefined], ["y", undefined], ["z", "mailto:a@example.org"]]);
  });
});

describe("charts in PowerPoint", () => {
  const out = temporaryFolder();
  let pptx: PptxPackage;
  let deck: DeckSlide[];

  beforeAll(async () => {
    const exporter = await createPdfExporter({ concurrency: 1 });
    try {
      const report = await build({ contentDir: join(ROOT, "test/fixtures/charts/content"), outDir: out.path, pdf: false, pptx: true, pdfExporter: exporter, force: true });
      expect(report.outcomes.map((outcome) => [outcome.slug, outcome.ok])).toEqual([["charts", true]]);
    } finally {
      await exporter.close();
    }
    pptx = await readPptx(readFileSync(join(out.path, "charts", "charts.pptx")));
    deck = deckSlides(readFileSync(join(out.path, "charts", "index.html"), "utf8"));
  }, 180_000);

  afterAll(() => out.remove());

  /** The chart part a slide links to. */
  const chartOf = (index: number): string => {
    const rel = pptx.slides[index]?.rels.find((r) => r.type === "chart");
    return rel ? pptx.parts.get(`ppt/charts/${rel.target.split("/").pop() ?? ""}`) ?? "" : "";
  };

  it("every chart from data is a native chart of its type, with the briefing's series and categories", () => {
    const expected: Record<string, RegExp> = {
      Column: /<c:barChart>[\s\S]*<c:barDir val="col"\/>[\s\S]*<c:grouping val="clustered"\/>/,
      Bar: /<c:barChart>[\s\S]*<c:barDir val="bar"\/>/,
      Stacked: /<c:barChart>[\s\S]*<c:grouping val="stacked"\/>/,
      Line: /<c:lineChart>/,
      Dot: /<c:lineChart>/,
      Area: /<c:areaChart>/,
    };
    let charts = 0;
    deck.forEach((slide, index) => {
      const type = Object.keys(expected).find((name) => slide.heading.startsWith(`${name} from a table`));
      if (!type) return;
      const xml = chartOf(index);
      expect(xml, slide.heading).toMatch(expected[type] ?? /$^/);
      // The fixture's tables: Northland and Southland over 2020–2023.
      for (const text of ["Northland", "Southland", "2020", "2023"]) expect(xml, `${slide.heading}: ${text}`).toContain(`<c:v>${text}</c:v>`);
      charts++;
    });
    expect(charts).toBe(6);
  });

  it("charts from CSV carry the CSV's numbers; the highlighted series takes the accent, the others are muted", () => {
    const index = deck.findIndex((slide) => slide.heading.startsWith("Column from a CSV"));
    const xml = chartOf(index);
    expect(xml).toContain("<c:v>West</c:v>");
    const csv = readFileSync(join(ROOT, "test/fixtures/charts/content/data/column.csv"), "utf8");
    const numbers = csv.split(/\r?\n/).slice(1).flatMap((line) => line.split(",").slice(1)).filter((cell) => cell.trim() !== "");
    for (const number of numbers) expect(xml).toContain(`<c:v>${Number(number)}</c:v>`);
    expect(xml).toContain('<a:srgbClr val="9A6B00"/>');
  });

  it("the Vega-Lite chart is a picture described by its heading", () => {
    const index = deck.findIndex((slide) => slide.kind === "chart" && slide.heading.startsWith("A Vega-Lite spec"));
    expect(pptx.slides[index]?.xml).toMatch(/<p:pic>[\s\S]*descr="A Vega-Lite spec/);
  });

  it("is one slide per deck slide and a valid package", () => {
    expect(pptx.slides.length).toBe(deck.length);
    for (const [name, xml] of pptx.parts) expect(XMLValidator.validate(xml), name).toBe(true);
  });
});
