import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/core/diagnostics.js";
import { splitSections } from "../../src/input/parse/sections.js";

/** Splits a body whose first line is line 5 of the file. */
function split(...lines: string[]) {
  const diagnostics = new Diagnostics("b.md");
  const result = splitSections(lines.join("\n"), 5, diagnostics);
  return { ...result, said: diagnostics.items.map((d) => `${d.line}:${d.column}: ${d.message}`) };
}

describe("cutting a body into sections", () => {
  it("keeps the lede apart and gives each section its lines, body and end", () => {
    const { lede, ledeLine, sections, said } = split("Lede.", "", "## One", "Body one.", "", "## Two ##", "Body two.");
    expect(said).toEqual([]);
    expect([lede, ledeLine]).toEqual(["Lede.\n", 5]);
    expect(sections.map((s) => [s.heading, s.line, s.bodyLine, s.endLine, s.body])).toEqual([
      ["One", 7, 8, 9, "Body one.\n"],
      ["Two", 10, 11, 11, "Body two."],
    ]);
    expect(sections[0]).toMatchObject({ layout: "text", fragments: false, classes: [], headingColumn: 4 });
  });

  it("reads ## headings indented up to three spaces, with a tab, and CRLF endings", () => {
    const { sections } = split("   ##\tA\r", "    ## not a heading", "##B");
    expect(sections.map((s) => s.heading)).toEqual(["A"]);
    expect(sections[0]?.body).toBe("    ## not a heading\n##B");
    expect(sections[0]?.headingColumn).toBe(7);
  });

  it("treats ## inside a code fence as text, until the fence closes with as many marks or more", () => {
    const { sections } = split("## A", "````", "## in code", "```", "~~~~", "````` ", "## B", "~~~", "## C", "~~~x", "~~~~", "## D");
    expect(sections.map((s) => s.heading)).toEqual(["A", "B", "D"]);
  });

  it("reports # headings at their #", () => {
    expect(split("  # Title").said).toEqual(["5:3: a # heading is not allowed: the title comes from the front matter; start sections with ##"]);
    expect(split("#").said).toHaveLength(1);
    expect(split("#hashtag", "### Sub").said).toEqual([]);
  });
});

describe("headings and their attributes", () => {
  it("reads layout, fragments, classes and a layout's own options, with their columns", () => {
    const { sections, said } = split('## Trade {layout=chart fragments .wide class=dark chart=line unit="US$ bn" labels}');
    expect(said).toEqual([]);
    const [section] = sections;
    expect(section).toMatchObject({ heading: "Trade", layout: "chart", fragments: true, classes: ["wide", "dark"] });
    expect(Object.fromEntries(section?.options ?? [])).toEqual({
      chart: { value: "line", bare: false, column: 51 },
      unit: { value: "US$ bn", bare: false, column: 62 },
      labels: { value: "", bare: true, column: 76 },
    });
  });

  it("reads single-quoted values and values holding =", () => {
    const { sections, said } = split("## T {layout=chart title='A = B' data=a=b.csv}");
    expect(said).toEqual([]);
    expect(sections[0]?.options.get("title")?.value).toBe("A = B");
    expect(sections[0]?.options.get("data")?.value).toBe("a=b.csv");
  });

  it("takes attributes only at the end of the heading", () => {
    const { sections, said } = split("## {x} in the middle {layout=quote}");
    expect(said).toEqual([]);
    expect(sections[0]).toMatchObject({ heading: "{x} in the middle", layout: "quote", headingColumn: 4 });
    expect(split("## Set {a} theory").sections[0]?.heading).toBe("Set {a} theory");
  });

  it("reports each bad attribute at its column, with a suggestion when one is near", () => {
    expect(split("## T {layout=qoute}").said).toEqual([
      '5:7: unknown layout "qoute" (did you mean "quote"?); use one of: text, summary, quote, timeline, stats, columns, figure, chart, section, sources',
    ]);
    expect(split("## T {class=1x}").said).toEqual(['5:7: class "1x" is not a CSS class name: use letters, digits, - and _']);
    expect(split("## T {fragment}").said).toEqual(['5:7: unknown attribute "fragment" (did you mean "fragments"?); use layout=NAME, fragments or class=NAME']);
    expect(split("## T {layuot=quote}").said).toEqual(['5:7: unknown attribute "layuot=quote" (did you mean "layout=quote"?); use layout=NAME, fragments or class=NAME']);
    expect(split("## T {wobble}").said).toEqual(['5:7: unknown attribute "wobble"; use layout=NAME, fragments or class=NAME']);
    expect(split("## T {fragments=yes layout}").said).toEqual([
      '5:7: unknown attribute "fragments=yes"; use layout=NAME, fragments or class=NAME',
      '5:21: unknown attribute "layout"; use layout=NAME, fragments or class=NAME',
    ]);
    expect(split("## T {.1x}").said).toEqual(['5:7: unknown attribute ".1x"; use layout=NAME, fragments or class=NAME']);
  });

  it("reports a layout's option on another layout, at the option", () => {
    expect(split("## T {layout=quote unit=x}").said).toEqual(['5:20: attribute "unit" belongs to layout=chart: add layout=chart or remove it']);
    expect(split("## T {labels}").said).toEqual(['5:7: attribute "labels" belongs to layout=chart: add layout=chart or remove it']);
  });

  it("reports an empty heading, also when only attributes are left", () => {
    expect(split("##").said).toEqual(["5:1: section heading is empty: write the slide's title after ##"]);
    expect(split("## {layout=quote}").said).toEqual(["5:1: section heading is empty: write the slide's title after ##"]);
  });
});

describe("speaker notes and handout text", () => {
  it("are lifted out of the body, with blank lines kept so line numbers hold", () => {
    const { sections, said } = split("## A", "Body.", "::: notes", "Say this.", ":::", "After.", "::: handout", "Print this.", ":::");
    expect(said).toEqual([]);
    expect(sections[0]).toMatchObject({ body: "Body.\n\n\n\nAfter.\n\n\n", notes: "Say this.", notesLine: 7, handout: "Print this.", handoutLine: 11 });
  });

  it("join several blocks of a section, keeping each block's lines at their numbers", () => {
    const { sections } = split("## A", ":::notes", "one", ":::", "text", "::: notes ", "two", ":::");
    expect(sections[0]?.notes).toBe("one\n\n\n\ntwo");
    expect(sections[0]?.notesLine).toBe(6);
  });

  it("keep a fenced ::: inside notes as text", () => {
    const { sections, said } = split("## A", "::: notes", "```", ":::", "```", ":::");
    expect(said).toEqual([]);
    expect(sections[0]?.notes).toBe("```\n:::\n```");
  });

  it("outside a section, unclosed, or closing nothing, are reported", () => {
    expect(split("::: notes", ":::").said).toEqual(["5:1: speaker notes belong to a section: move this ::: notes block below a ## heading"]);
    expect(split("::: handout", ":::").said).toEqual(["5:1: handout text belongs to a section: move this ::: handout block below a ## heading"]);
    expect(split("## A", "::: notes", "x").said).toEqual(["6:1: ::: notes is never closed: end the notes with a line holding only :::"]);
    expect(split("## A", "::: handout", "x").said).toEqual(["6:1: ::: handout is never closed: end the handout text with a line holding only :::"]);
    expect(split("## A", "  :::").said).toEqual(['6:3: ::: closes no block: open speaker notes with "::: notes"']);
  });

  it("an unknown block is reported once, not again at its closing line", () => {
    expect(split("## A", " ::: note", "x", ":::", ":::").said).toEqual([
      '6:2: unknown block "::: note" (did you mean "notes"?): only "::: notes" and "::: handout" are supported; use ::: notes for speaker notes, ::: handout for text only the handout shows, or remove the ::: lines',
      '9:1: ::: closes no block: open speaker notes with "::: notes"',
    ]);
  });
});

describe("footnote definitions", () => {
  it("are lifted out with their indented continuation lines, at their line and text column", () => {
    const { sections, footnotes, said } = split("## A", "Text.[^1]", "", " [^1]: First", "    more", "", "\tafter a blank", "", "Body again.");
    expect(said).toEqual([]);
    expect(footnotes.get("1")).toEqual({ markdown: "First\nmore\n\nafter a blank", line: 8, column: 8 });
    expect(sections[0]?.body).toBe("Text.[^1]\n\n\n\n\n\n\nBody again.");
  });

  it("end at an unindented line, and a definition given twice is reported", () => {
    const { footnotes, said } = split("[^a]:x", "y", "[^a]: again");
    expect(footnotes.get("a")).toEqual({ markdown: "x", line: 5, column: 6 });
    expect(said).toEqual(["7:1: footnote [^a] is defined twice; give each footnote its own label"]);
  });
});

describe("lines past the bounds", () => {
  it("are reported once per run, at the first, and read as blank", () => {
    const long = "x".repeat(100_001);
    const { sections, said } = split("## A", long, long, "ok", long);
    expect(said.map((s) => s.slice(0, 30))).toEqual(["6:1: line is 100001 characters", "9:1: line is 100001 characters"]);
    expect(sections[0]?.body).toBe("\n\nok\n");
  });
});

describe("lines that are not content", () => {
  it("are kept as blank lines in the body, so the lines below keep their numbers", () => {
    const { sections } = split("## A", "# Title", "::: note", "x", ":::", ":::", "[^1]: n", "end");
    expect(sections[0]?.body).toBe("\n\nx\n\n\n\nend");
  });

  it("continue a footnote only when indented four spaces or a tab", () => {
    expect(split("[^1]: a", "   b").footnotes.get("1")?.markdown).toBe("a");
    expect(split("[^1]: a", "", "   b").footnotes.get("1")?.markdown).toBe("a");
    expect(split("[^1]: a", "", "     b").footnotes.get("1")?.markdown).toBe("a\n\n b");
    expect(split("[^1]: a  ", "    ").footnotes.get("1")?.markdown).toBe("a");
  });

  it("inside a code fence may nest as deep as they like", () => {
    expect(split("## A", "```", `${"- ".repeat(70)}x`, "```").said).toEqual([]);
    expect(split("## A", `${"- ".repeat(70)}x`).said).toHaveLength(1);
  });

  it("close a fence only with the same mark, at least as long, and nothing after it", () => {
    expect(split("## A", "````", "```", "## B", "````").sections).toHaveLength(1);
    expect(split("## A", "```", "~~~", "## B", "```").sections).toHaveLength(1);
    expect(split("## A", "```", "``` x", "## B", "```").sections).toHaveLength(1);
    expect(split("## A", "```", "```", "## B").sections).toHaveLength(2);
  });

  it("in notes, a fence holds a ::: that would otherwise close them", () => {
    expect(split("## A", "::: notes", "~~~", ":::", "~~~", ":::", "## B").sections.map((s) => s.notes)).toEqual(["~~~\n:::\n~~~", ""]);
    expect(split("## A", "::: notes", "```", "``` x", ":::", "```", ":::").sections[0]?.notes).toBe("```\n``` x\n:::\n```");
  });

  it("heading attributes strip one pair of quotes from a value, keeping inner ones", () => {
    expect(split(`## T {layout=chart title="a 'b' c"}`).sections[0]?.options.get("title")?.value).toBe("a 'b' c");
    expect(split(`## T {layout=chart unit='"x"'}`).sections[0]?.options.get("unit")?.value).toBe('"x"');
  });
});
