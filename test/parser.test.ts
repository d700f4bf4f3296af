import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import { isRightToLeft } from "../src/core/locale.js";
import type { Briefing, Section, SectionContent } from "../src/core/model.js";
import { AGENDA_THRESHOLD } from "../src/input/parse/index.js";
import { validateBriefing } from "../src/input/validate.js";
import { ROOT } from "./support/files.js";
import { markdownFiles, parseFixture, parseMarkdown, readFixture } from "./support/parse.js";

const VALID = "test/fixtures/valid";
const fixtures = markdownFiles(VALID);

/** The model of a valid fixture; fails the test when the parser found anything to say. */
function briefingOf(name: string): Briefing {
  const result = parseFixture(`${VALID}/${name}.md`);
  expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  if (!result.briefing) throw new Error(`${name}.md produced no briefing`);
  return result.briefing;
}

/** The content of a section, narrowed to the layout the test expects. */
function contentOf<L extends SectionContent["layout"]>(section: Section | undefined, layout: L): Extract<SectionContent, { layout: L }> {
  expect(section?.layout).toBe(layout);
  const content = section?.content;
  if (content?.layout !== layout) throw new Error(`expected a ${layout} section`);
  return content as Extract<SectionContent, { layout: L }>;
}

describe("valid fixtures", () => {
  it("covers every layout", () => {
    const layouts = new Set(fixtures.flatMap((file) => parseFixture(file).briefing?.sections.map((s) => s.layout) ?? []));
    expect([...layouts].sort()).toEqual(["columns", "figure", "quote", "section", "sources", "stats", "summary", "text", "timeline"]);
  });

  it.each(fixtures)("%s parses without a diagnostic and matches its snapshot", (file) => {
    const result = parseFixture(file);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.briefing).toBeDefined();
    expect(result.briefing).toMatchSnapshot();
  });

  it("parses the shipped OTS briefing without a diagnostic", () => {
    const result = parseMarkdown(readFixture("content/ots-security.md"), "content/ots-security.md");
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.briefing?.sections.length).toBeGreaterThanOrEqual(AGENDA_THRESHOLD);
  });
});

describe("layouts", () => {
  it("text: keeps each top-level block with its kind and line", () => {
    const content = contentOf(briefingOf("text").sections[0], "text");
    expect(content.blocks.map((b) => [b.kind, b.line])).toEqual([
      ["paragraph", 8],
      ["list", 10],
      ["table", 14],
      ["heading", 18],
      ["paragraph", 20],
    ]);
    expect(content.blocks[1]?.items).toEqual(["Azerbaijan", "Kazakhstan", "Kyrgyzstan"]);
    expect(content.blocks[0]?.html).toContain("<strong>Turkic Council</strong>");
  });

  it("summary: numbers the judgments from the list's own start, keeping text around the list", () => {
    const content = contentOf(briefingOf("summary").sections[0], "summary");
    expect(content.start).toBe(3);
    expect(content.items.map((item) => [item.label, item.line])).toEqual([["", 10], ["", 11], ["", 12]]);
    expect(content.intro.map((b) => b.html)).toEqual(["<p>Bottom line up front:</p>\n"]);
    expect(content.outro.map((b) => b.html)).toEqual(["<p>Confidence: moderate.</p>\n"]);
  });

  it("quote with —: splits speaker from role at the first comma and keeps the attribution out of the words", () => {
    const content = contentOf(briefingOf("quote-em-dash").sections[0], "quote");
    expect(content.attribution).toEqual({ speaker: "Ilham Aliyev", role: "President of Azerbaijan, Gabala summit, October 2025" });
    expect(content.quoteHtml).toBe("<p>The OTS has become a key geopolitical centre.</p>\n");
    expect(content.blocks.map((b) => b.html)).toEqual(["<p>Said at the closing session.</p>\n"]);
  });

  it("quote with --: a speaker without a role, and Markdown in the attribution rendered, not shown raw", () => {
    const briefing = briefingOf("quote-double-dash");
    const plain = contentOf(briefing.sections[0], "quote");
    expect(plain.attribution).toEqual({ speaker: "Svante E. Cornell" });
    expect(plain.quoteHtml).toContain("<em>regional middle powers</em>");
    expect(plain.quoteHtml).not.toContain("Cornell");
    const marked = contentOf(briefing.sections[1], "quote");
    expect(marked.attribution).toEqual({ speaker: "Svante E. Cornell", role: "Research Director, CACI" });
    expect(briefing.sources.map((s) => s.url)).toEqual(["https://www.silkroadstudies.org/"]);
  });

  it("timeline: the bold lead is the label, the separator after it is dropped", () => {
    const content = contentOf(briefingOf("timeline").sections[0], "timeline");
    expect(content.items.map((item) => [item.label, item.html, item.line])).toEqual([
      ["2009", "Institutionalised as the Turkic Council", 8],
      ["2021", "Rebranded as the OTS", 9],
      ["Jul 2025", "Defence industry heads meet in Istanbul", 10],
      ["Oct 2025", "Gabala summit on <em>Regional Peace and Security</em>", 11],
    ]);
  });

  it("stats: the bold figure is the label", () => {
    const content = contentOf(briefingOf("stats").sections[0], "stats");
    expect(content.items.map((item) => [item.label, item.html])).toEqual([
      ["5", "full member states"],
      ["3 decades", "of security vacuum"],
      ["0", "mutual defence clauses"],
    ]);
  });

  it("columns: one column per ### subheading, text before the first is the intro", () => {
    const two = contentOf(briefingOf("columns-two").sections[0], "columns");
    expect(two.columns.map((c) => c.heading)).toEqual(["Turkey's bilateral track", "The middle powers' track"]);
    expect(two.intro.map((b) => b.html)).toEqual(["<p>Two tracks run side by side.</p>\n"]);
    expect(two.columns[1]?.blocks[0]?.items).toEqual(["Bilateral defence pacts", "Joint exercises"]);
    const three = contentOf(briefingOf("columns-three").sections[0], "columns");
    expect(three.columns.map((c) => c.heading)).toEqual(["Astana", "Tashkent", "Baku"]);
    expect(three.intro).toEqual([]);
  });

  it("figure: alt text, caption, credit, and an image that exists inside the content folder", () => {
    const briefing = briefingOf("figure");
    const content = contentOf(briefing.sections[0], "figure");
    expect(content.alt).toBe("Map of the OTS member states");
    expect(content.caption).toBe("OTS members and observers");
    expect(content.creditHtml).toContain('<a href="https://www.turkicstates.org/"');
    expect(content.image).toMatchObject({ contentPath: "images/members-map.png", outputPath: "media/images/members-map.png" });
    expect(content.image.position.line).toBe(8);
    expect(briefing.images).toEqual([content.image]);
    expect(validateBriefing(briefing, join(ROOT, VALID))).toEqual([]);
  });

  it("section: a divider with and without its line", () => {
    const [bare, withLine] = briefingOf("section-divider").sections;
    expect(contentOf(bare, "section")).toEqual({ layout: "section" });
    expect(contentOf(withLine, "section")).toEqual({ layout: "section", subtitle: "Russia, the West, and what to watch in 2026" });
  });
});

describe("sources", () => {
  it("numbers the article, then footnotes, then body links; an explicit section adds its own entries", () => {
    const briefing = briefingOf("sources-explicit");
    expect(briefing.sources.map((s) => [s.number, s.url])).toEqual([
      [1, "https://www.intellinews.com/"],
      [2, undefined],
      [3, "https://www.turkicstates.org/"],
    ]);
    expect(briefing.sources[0]?.html).toBe(
      'Staff, “<a href="https://www.intellinews.com/" target="_blank" rel="noopener noreferrer">Turkic states deepen security cooperation</a>”, bne IntelliNews, 8 January 2026.',
    );
    expect(briefing.sources[1]?.html).toBe("Svante E. Cornell, Central Asia–Caucasus Institute.");
    const explicit = contentOf(briefing.sections[1], "sources");
    expect(explicit.entries.map((e) => [e.html, e.line])).toEqual([
      ["OTS Charter, 2024", 22],
      ['<a href="https://en.odkb-csto.org/" target="_blank" rel="noopener noreferrer">CSTO statement</a>', 23],
    ]);
    // A link the explicit section lists is not repeated among the collected ones.
    expect(briefing.sources.some((s) => s.url === "https://en.odkb-csto.org/")).toBe(false);
    expect(explicit.intro.map((b) => b.html)).toEqual(["<p>Further reading:</p>\n"]);
  });

  it("sources: false is kept in the model", () => {
    const briefing = briefingOf("sources-false");
    expect(briefing.meta.sources).toBe(false);
    expect(briefingOf("text").meta.sources).toBe(true);
  });

  it("collects web links once each, ignoring mailto and #anchors; footnote links count as cited", () => {
    const briefing = briefingOf("links");
    expect(briefing.sources.map((s) => [s.number, s.url])).toEqual([
      [1, "https://en.odkb-csto.org/"],
      [2, "https://www.turkicstates.org/"],
      [3, "https://www.intellinews.com/"],
    ]);
    expect(briefing.sources[1]?.html).toMatch(/^Organization of Turkic States: <a href="https:\/\/www\.turkicstates\.org\/"/);
    // An autolink's text is its address; it is not said twice.
    expect(briefing.sources[2]?.html).toBe('<a href="https://www.intellinews.com/" target="_blank" rel="noopener noreferrer">https://www.intellinews.com/</a>');
  });
});

describe("sources from footnotes", () => {
  // The footnote's link was read from its escaped HTML ("&amp;"), so the same address in the body was listed again.
  it("a footnote's web address with & counts as cited: the body's link to it is not listed again", () => {
    const url = "https://example.com/report?id=1&lang=en";
    const source = `---\ntitle: T\ndate: 2026-01-08\n---\n\n## S\n\nA claim[^r] and [the report](${url}).\n\n[^r]: [The report](${url}), 2026.\n`;
    const { briefing } = parseMarkdown(source);
    expect(briefing?.sources.map((s) => [s.number, s.url])).toEqual([[1, url]]);
  });
});

describe("agenda", () => {
  it.each([
    ["agenda-true", 2, true],
    ["agenda-false", 6, false],
    ["agenda-auto", 6, true],
    ["agenda-auto-few", 4, false],
  ] as const)("%s: %i sections → agenda %s", (name, sections, expected) => {
    const briefing = briefingOf(name);
    expect(briefing.sections).toHaveLength(sections);
    expect(briefing.showAgenda).toBe(expected);
  });

  it("counts content sections only: the sources section does not make the fifth", () => {
    const briefing = briefingOf("agenda-auto");
    expect(briefing.meta.agenda).toBeUndefined();
    expect(briefing.sections.filter((s) => s.layout !== "sources")).toHaveLength(AGENDA_THRESHOLD);
  });
});

describe("attributes, notes, footnotes, lede", () => {
  it("fragments marks only the section that asks", () => {
    expect(briefingOf("fragments").sections.map((s) => s.fragments)).toEqual([true]);
    expect(briefingOf("text").sections.map((s) => s.fragments)).toEqual([false]);
  });

  it("class= and .class add CSS classes, in any order with the other attributes", () => {
    const [compact, two] = briefingOf("class").sections;
    expect([compact?.heading, compact?.classes, compact?.layout]).toEqual(["Dense table", ["compact"], "text"]);
    expect([two?.heading, two?.classes, two?.fragments]).toEqual(["Two classes", ["wide", "muted"], true]);
  });

  it("speaker notes leave the slide, and two notes blocks stay two paragraphs", () => {
    const section = briefingOf("notes").sections[0];
    expect(section?.notesHtml).toBe("<p>Three things to stress. <strong>First</strong>, the theme itself.</p>\n\n<p>Second, the planned treaty is still a plan.</p>\n");
    const body = JSON.stringify(section?.content);
    expect(body).not.toContain("Three things");
    expect(body).not.toContain(":::");
    expect(contentOf(section, "text").blocks.map((b) => [b.kind, b.line])).toEqual([["paragraph", 8], ["list", 14]]);
  });

  it("footnotes are numbered by first citation and keep their number on every slide citing them", () => {
    const briefing = briefingOf("footnotes");
    const [drivers, charter] = briefing.sections;
    expect(drivers?.footnotes.map((f) => [f.id, f.number])).toEqual([["cornell", 1], ["aliyev", 2]]);
    // The heading's footnote is the slide's too, and its number is not part of the heading's words.
    expect(charter?.footnotes.map((f) => [f.id, f.number])).toEqual([["charter", 3], ["cornell", 1]]);
    expect(charter?.heading).toBe("The Charter");
    expect(charter?.id).toBe("s2-the-charter");
    expect(charter?.headingHtml).toBe('The Charter<sup class="footnote-ref">3</sup>');
    expect(contentOf(charter, "text").blocks[0]?.html).toContain('<sup class="footnote-ref">1</sup>');
    expect(briefing.sources.map((s) => [s.number, s.html])).toEqual([
      [1, "Svante E. Cornell, Central Asia–Caucasus Institute, note of 8 January 2026."],
      [2, "Ilham Aliyev, speech at the Astana summit, 2023."],
      [3, "OTS Charter, adopted 2024."],
    ]);
  });

  it("the lede is the text before the first section, not part of any section", () => {
    const briefing = briefingOf("lede");
    expect(briefing.ledeHtml).toBe(
      "<p>The Organization of Turkic States is moving <strong>from culture to security</strong>.</p>\n\n<p>This briefing assesses the Gabala summit.</p>\n",
    );
    expect(JSON.stringify(briefing.sections)).not.toContain("Gabala");
    expect(briefingOf("text").ledeHtml).toBe("");
  });

  it("allowlisted inline HTML survives with its text and harmless attributes", () => {
    const html = contentOf(briefingOf("raw-html").sections[0], "text").blocks.map((b) => b.html).join("");
    for (const fragment of [
      "H<sub>2</sub>O",
      "2<sup>nd</sup>",
      "<mark>decisive</mark>",
      '<abbr title="Organization of Turkic States">OTS</abbr>',
      "<br />",
      '<span class="note" lang="tr">Türk Devletleri Teşkilatı</span>',
    ]) {
      expect(html).toContain(fragment);
    }
  });
});

describe("languages and encodings", () => {
  it("an Arabic briefing keeps its lang, which reads right to left", () => {
    const briefing = briefingOf("rtl-arabic");
    expect(briefing.meta.lang).toBe("ar");
    expect(isRightToLeft(briefing.meta.lang)).toBe(true);
    expect(briefing.meta.title).toBe("منظمة الدول التركية");
    expect(contentOf(briefing.sections[0], "summary").items.map((i) => i.html)).toEqual(["أصبحت المنظمة منصة أمنية إقليمية.", "ليست تحالفًا عسكريًا."]);
    expect(isRightToLeft(briefingOf("text").meta.lang)).toBe(false);
  });

  it("Turkish, Azerbaijani and Cyrillic text comes through unchanged, with usable anchors", () => {
    const briefing = briefingOf("turkic-cyrillic");
    expect(briefing.meta).toMatchObject({ title: "Türk Devletleri Teşkilatı: Qəbələ zirvəsi", lang: "az-Latn", tags: ["Türkiye", "Azərbaycan", "Қазақстан"] });
    expect(isRightToLeft(briefing.meta.lang)).toBe(false);
    expect(briefing.sections.map((s) => s.heading)).toEqual(["Şuşa Bəyannaməsi ve İstanbul", "Организация тюркских государств", "Хронология"]);
    expect(contentOf(briefing.sections[0], "text").blocks[0]?.html).toBe("<p>Ağrı, Iğdır, ılık; Şəki, Gəncə, Ağdam; ğ ı İ ş ç ö ü ə.</p>\n");
    expect(contentOf(briefing.sections[2], "timeline").items.map((i) => [i.label, i.html])).toEqual([
      ["2009", "Тюркский совет"],
      ["2021", "Переименование в ОТГ"],
    ]);
    const ids = briefing.sections.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^s\d+-[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("CRLF line endings: same model as LF, no carriage return anywhere, right line numbers", () => {
    const source = readFixture(`${VALID}/crlf.md`);
    expect(source).toContain("\r\n");
    const briefing = briefingOf("crlf");
    expect(JSON.stringify(briefing)).not.toContain("\\r");
    expect(briefing.meta.tags).toEqual(["crlf"]);
    expect(contentOf(briefing.sections[0], "timeline").items.map((i) => [i.label, i.line])).toEqual([["2021", 12], ["2024", 13]]);
    expect(briefing.sections[0]?.notesHtml).toBe("<p>Speak slowly.</p>\n");
    expect(contentOf(briefing.sections[1], "quote").attribution).toEqual({ speaker: "Someone", role: "Somewhere" });
    const lf = parseMarkdown(source.replace(/\r\n/g, "\n"), `${VALID}/crlf.md`).briefing;
    expect(briefing).toEqual(lf);
  });

  it("a byte order mark is not part of the front matter, and lines still count from the file's first", () => {
    expect(readFixture(`${VALID}/bom.md`).charCodeAt(0)).toBe(0xfeff);
    const briefing = briefingOf("bom");
    expect(briefing.meta.title).toBe("Byte order mark");
    expect(briefing.sections[0]?.position.line).toBe(6);
  });
});

describe("positions in the model", () => {
  it("every section knows its heading line and last line", () => {
    const briefing = briefingOf("sources-explicit");
    expect(briefing.sections.map((s) => [s.heading, s.position.line, s.endLine])).toEqual([
      ["Drivers", 12, 17],
      ["Sources", 18, 24],
      ["After the sources", 25, 28],
    ]);
    expect(briefing.sections[0]?.position.file).toBe(`${VALID}/sources-explicit.md`);
  });
});
