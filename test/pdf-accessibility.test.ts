import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, temporaryFolder } from "./support/files.js";
import { countMarkedContent, documentMarkedContent, flatten, linkAnnotations, pageContent, structureTree, tagCounts, text } from "./support/pdf-structure.js";
import type { StructElem } from "./support/pdf-structure.js";

// Three briefings that use every layout (English, Turkish, Arabic), built by
// the real binary with their handouts; their PDFs are read back here.
const FIXTURES = join(ROOT, "test/fixtures/a11y");
const BRIEFINGS = [
  { slug: "en-briefing", lang: "en", title: "Turkic States Deepen Security Cooperation", alt: "Map of the five OTS member states and two observers", spanLang: "tr" },
  { slug: "tr-briefing", lang: "tr", title: "Türk Devletleri Güvenlik İşbirliğini Derinleştiriyor", alt: "Beş TDT üyesi ve iki gözlemci devletin haritası", spanLang: "en" },
  { slug: "ar-briefing", lang: "ar", title: "إعلان منظمة الدول التركية", alt: "خريطة الدول الخمس الأعضاء والدولتين المراقبتين", spanLang: "en" },
] as const;
/** Slides in each fixture: title, agenda and eleven content slides. */
const SLIDES = 13;

const out = temporaryFolder();
let build: ReturnType<typeof spawnSync>;
const pdfs = new Map<string, PDFDocument>();
const pathOf = (slug: string, handout: boolean): string => join(out.path, slug, `${slug}${handout ? "-handout" : ""}.pdf`);

beforeAll(async () => {
  build = spawnSync(process.execPath, [join(ROOT, "bin/briefdeck.js"), "build", "--content", FIXTURES, "--out", out.path, "--handout", "--quiet"], { encoding: "utf8" });
  for (const { slug } of BRIEFINGS) {
    for (const handout of [false, true]) {
      pdfs.set(`${slug}${handout ? "-handout" : ""}`, await PDFDocument.load(readFileSync(pathOf(slug, handout)), { updateMetadata: false }));
    }
  }
}, 180_000);

afterAll(() => out.remove());

function load(slug: string, handout: boolean): PDFDocument {
  const pdf = pdfs.get(`${slug}${handout ? "-handout" : ""}`);
  if (!pdf) throw new Error(`no PDF for ${slug}`);
  return pdf;
}

function elementsOf(pdf: PDFDocument): StructElem[] {
  const tree = structureTree(pdf);
  expect(tree).toBeDefined();
  return flatten(tree as StructElem);
}

it("builds the three briefings and their handouts", () => {
  expect(build.stderr).toBe("");
  expect(build.status).toBe(0);
});

describe.each(BRIEFINGS)("$slug", ({ slug, lang, title, alt, spanLang }) => {
  describe.each([false, true])("handout: %s", (handout) => {
    it("has at least 99 % of its drawing operators in marked content, and artifacts on every page", () => {
      const pdf = load(slug, handout);
      const total = documentMarkedContent(pdf);
      expect(total.drawing).toBeGreaterThan(500);
      expect(total.share).toBeGreaterThanOrEqual(0.99);
      for (let page = 0; page < pdf.getPageCount(); page += 1) {
        // The footer (and banner) of each page are artifacts.
        expect(countMarkedContent(pageContent(pdf, page)).artifact).toBeGreaterThan(0);
      }
    });

    it("tags every slide: H1, an H2 per slide, lists, the table, the figure, the quote, the footnote, links", () => {
      const counts = tagCounts(structureTree(load(slug, handout)));
      expect(counts.H1).toBe(1);
      // Every slide but the title has an H2 (the section divider's heading too); the handout adds "Notes".
      expect(counts.H2 ?? 0).toBeGreaterThanOrEqual(SLIDES - 1);
      expect(counts.H3).toBe(2);
      for (const type of ["L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure", "BlockQuote", "Note", "Link", "Span"]) {
        expect(counts[type] ?? 0, type).toBeGreaterThan(0);
      }
      expect(counts.LBody).toBe(counts.LI);
      expect(counts.Table).toBe(1);
      expect(counts.TR).toBe(4);
      expect(counts.TH).toBe(3);
      expect(counts.TD).toBe(9);
      // Only standard PDF 1.7 structure types: Chromium's Aside is retagged.
      expect(counts.Aside).toBeUndefined();
    });

    it("gives the figure its Markdown alt text, every Figure an /Alt, table heads a scope, the span its language", () => {
      const elements = elementsOf(load(slug, handout));
      const figures = elements.filter((element) => element.type === "Figure");
      expect(figures.map((figure) => figure.alt)).toEqual([alt]);
      for (const head of elements.filter((element) => element.type === "TH")) expect(head.attributes.Scope).toBe("Column");
      expect(elements.filter((element) => element.type === "Span").map((span) => span.lang)).toEqual([spanLang]);
      for (const link of elements.filter((element) => element.type === "Link")) expect(link.mcids + link.children.length).toBeGreaterThan(0);
    });

    it("puts every link annotation in a Link element and gives it /Contents", () => {
      const pdf = load(slug, handout);
      const annotations = linkAnnotations(pdf);
      expect(annotations.length).toBeGreaterThanOrEqual(3);
      const tagged = new Set(elementsOf(pdf).filter((element) => element.type === "Link").flatMap((element) => element.annotations));
      for (const annotation of annotations) {
        expect(text(annotation.get(PDFName.of("Contents")))?.length ?? 0).toBeGreaterThan(0);
        expect(tagged.has(annotation)).toBe(true);
      }
      const external = annotations.map((annotation) => text(annotation.get(PDFName.of("Contents"))));
      expect(external).toContain("bne IntelliNews");
    });

    it("declares PDF/UA-1: XMP with dc:title, dc:language and pdfuaid:part, /Lang, DisplayDocTitle, Marked", () => {
      const pdf = load(slug, handout);
      const metadata = pdf.catalog.lookup(PDFName.of("Metadata"));
      expect(metadata).toBeInstanceOf(PDFRawStream);
      const xmp = Buffer.from(decodePDFRawStream(metadata as PDFRawStream).decode()).toString("utf8");
      expect(xmp).toContain("<pdfuaid:part>1</pdfuaid:part>");
      expect(xmp).toContain(`<rdf:li xml:lang="x-default">${title}${handout ? " (handout)" : ""}</rdf:li>`);
      expect(xmp).toContain(`<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li>`);
      expect(text(pdf.catalog.get(PDFName.of("Lang")))).toBe(lang);
      const preferences = pdf.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict);
      expect(preferences.get(PDFName.of("DisplayDocTitle"))).toBe(PDFBool.True);
      expect(pdf.catalog.lookup(PDFName.of("MarkInfo"), PDFDict).get(PDFName.of("Marked"))).toBe(PDFBool.True);
      for (const page of pdf.getPages()) {
        if (page.node.lookup(PDFName.of("Annots")) instanceof PDFArray) expect(page.node.get(PDFName.of("Tabs"))).toBe(PDFName.of("S"));
      }
    });

    it("has bookmarks, one at least per slide with a heading", () => {
      const outlines = load(slug, handout).catalog.lookup(PDFName.of("Outlines"), PDFDict);
      let count = 0;
      const visit = (parent: PDFDict): void => {
        let item = parent.lookup(PDFName.of("First"));
        while (item instanceof PDFDict) {
          count += 1;
          visit(item);
          item = item.lookup(PDFName.of("Next"));
        }
      };
      visit(outlines);
      expect(count).toBeGreaterThanOrEqual(handout ? SLIDES - 1 : 5);
    });
  });
});

describe("Arabic", () => {
  it("embeds a real font with Arabic, not Type 3 fallbacks", () => {
    const fonts = execFileSync("pdffonts", [pathOf("ar-briefing", false)], { encoding: "utf8" });
    expect(fonts).toMatch(/NotoSansArabic/);
    expect(fonts).not.toMatch(/Type 3/);
  });

  it("extracts the lam-alef of إعلان in logical order", () => {
    const extracted = execFileSync("pdftotext", ["-f", "1", "-l", "1", pathOf("ar-briefing", false), "-"], { encoding: "utf8" });
    expect(extracted).toContain("إعلان");
    expect(extracted).not.toContain("إعالن");
  });
});
