import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import type { Diagnostic } from "../src/core/diagnostics.js";
import type { Briefing } from "../src/core/model.js";
import { markdownFiles, parseFixture, parseMarkdown, readFixture, SAYS_WHAT_TO_DO } from "./support/parse.js";
import { cutStructured, parseText, serialise, splitPath, valueAt } from "./support/structured.js";
import type { Format } from "./support/structured.js";

const FORMATS: Format[] = ["json", "yaml"];
const corpus = markdownFiles("test/fixtures/invalid");

/** What a message says, whichever form the briefing is written in: a structured file has fields, not front matter. */
function kind(message: string): string {
  return splitPath(message).message.replace("unknown briefing field", "unknown front matter field").replace(/; use one of: .*$/, "");
}

/** (line, column) lies within the value's span in the file. */
function within(d: Diagnostic, span: { from: [number, number]; to: [number, number] }): boolean {
  const at = d.line * 1e6 + d.column;
  return span.from[0] * 1e6 + span.from[1] <= at && at <= span.to[0] * 1e6 + span.to[1];
}

/** The model without where it came from: what a deck is made of. */
function content(briefing: Briefing | undefined): unknown {
  return JSON.parse(JSON.stringify(briefing ?? null, (key, value: unknown) => (["file", "line", "column", "endLine", "position"].includes(key) ? undefined : value)));
}

describe("the bad-input corpus, as JSON and YAML", () => {
  // A front matter that is not YAML fields (unclosed, missing, a syntax slip) has no structured form: those mistakes are JSON's or YAML's own, tested below.
  const translatable = corpus.filter((file) => cutStructured(readFixture(file)) !== undefined);

  it("translates all but the front matter syntax slips", () => {
    expect(translatable.length).toBeGreaterThanOrEqual(corpus.length - 5);
  });

  describe.each(FORMATS)("%s", (format) => {
    it.each(translatable)("%s reports the same errors, each at the path, line and column of the value it is in", (file) => {
      const text = serialise(cutStructured(readFixture(file)) ?? {}, format);
      const markdown = parseFixture(file).diagnostics;
      const structured = parseText(text, format).diagnostics;
      expect(structured.map((d) => `${d.severity} ${kind(d.message)}`).sort()).toEqual(markdown.map((d) => `${d.severity} ${kind(d.message)}`).sort());
      expect(parseText(text, format).briefing).toBeUndefined();
      // In line order, each inside the value its path names.
      expect(structured.map((d) => d.line * 1e6 + d.column)).toEqual(structured.map((d) => d.line * 1e6 + d.column).sort((a, b) => a - b));
      for (const d of structured) {
        const { path } = splitPath(d.message);
        if (path === "") {
          expect([d.line, d.column], formatDiagnostic(d)).toEqual([1, 1]);
          continue;
        }
        const span = valueAt(text, path);
        expect(span, `${formatDiagnostic(d)}: no value at ${path}`).toBeDefined();
        if (span) expect(within(d, span), `${formatDiagnostic(d)} lies outside ${path} (${JSON.stringify(span)})`).toBe(true);
        if (d.severity === "error") expect(d.message).toMatch(SAYS_WHAT_TO_DO);
      }
    });
  });

  it("places a problem inside a Markdown text value at its character", () => {
    const text = serialise(cutStructured(readFixture("test/fixtures/invalid/timeline-no-date.md")) ?? {}, "json");
    const [problem] = parseText(text, "json").diagnostics;
    expect(problem && splitPath(problem.message).path).toBe("sections[0].body");
    const line = text.split("\n")[(problem?.line ?? 1) - 1] ?? "";
    // The item that misses its bold date, as written in the JSON string.
    expect(line.slice((problem?.column ?? 1) - 1)).toMatch(/^- 2021 Rebranded/);
  });

  it("places a YAML literal block's problem on its own line of the file", () => {
    const text = 'title: T\ndate: 2026-01-08\nsections:\n  - heading: When\n    layout: timeline\n    body: |\n      - **2009** Founded\n      - 2021 Rebranded\n';
    expect(parseText(text, "yaml").diagnostics.map(formatDiagnostic)).toEqual([
      "test/inline.yaml:8:7: error: sections[0].body: timeline item must start with a bold date: write it as - **2021** what happened",
    ]);
  });

  it("reports every problem of a structured briefing in one run, in line order, at its path", () => {
    const text = `${JSON.stringify({
      title: "T", date: "2026-02-30",
      sections: [
        { heading: "When", layout: "timeline", items: [{ date: "2009", text: "Founded" }, { date: { year: 2021 }, text: "Rebranded" }, { text: "no date" }] },
        { heading: "Said", layout: "quote", quote: { text: "Words." } },
        { heading: "Map", layout: "figure", figure: { path: "/etc/map.png", alt: "" } },
        { heading: "Odd", layaut: "text", items: ["x"] },
      ],
    }, null, 2)}\n`;
    const lines = parseText(text, "json").diagnostics.map((d) => `${d.line}:${d.column} ${d.message.replace(/[:;(] .*$/, "")}`);
    expect(lines).toEqual([
      "3:11 date",
      "13:9 sections[0].items[1]",
      "14:19 sections[0].items[1].date",
      "19:9 sections[0].items[2]",
      "27:16 sections[1].quote",
      "35:17 sections[2].figure.path",
      "35:17 sections[2].figure.path",
      "41:7 sections[3].layaut",
      "42:7 sections[3].items",
    ]);
  });

  it("refuses a ## line in a text value: a slide is an entry of sections", () => {
    const text = JSON.stringify({ title: "T", date: "2026-01-08", sections: [{ heading: "One", body: "Text.\n\n## Two\n\nMore." }] });
    const [problem, ...rest] = parseText(text, "json").diagnostics;
    expect(rest).toEqual([]);
    expect(problem?.message).toMatch(/^sections\[0\]\.body: a "## " line in a text value starts a new slide/);
  });
});

describe("hostile content, as JSON and YAML", () => {
  it.each(FORMATS)("%s: the hostile briefing gives the very model, warnings and sanitised HTML of its Markdown", (format) => {
    const file = "test/fixtures/hostile/hostile.md";
    const markdown = parseFixture(file);
    const structured = parseText(serialise(cutStructured(readFixture(file)) ?? {}, format), format);
    expect(markdown.briefing).toBeDefined();
    expect(structured.diagnostics.map((d) => `${d.severity} ${kind(d.message)}`).sort()).toEqual(markdown.diagnostics.map((d) => `${d.severity} ${kind(d.message)}`).sort());
    expect(content(structured.briefing)).toEqual(content(markdown.briefing && { ...markdown.briefing, slug: "inline" }));
  });
});

describe("JSON and YAML of their own", () => {
  it("a JSON syntax error is placed where JSON.parse or the reader finds it", () => {
    const problems = parseText('{\n  "title": "T",\n  "date": "2026-01-08",\n}\n', "json").diagnostics.map(formatDiagnostic);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^test\/inline\.json:4:1: error: not valid JSON: .*check the quotes, commas and brackets/);
  });

  it("a key given twice is an error, not the last one winning", () => {
    const problems = parseText('{"title": "T", "title": "U", "date": "2026-01-08"}', "json").diagnostics;
    expect(problems.map((d) => d.message)).toEqual(["not valid JSON: a key is given twice in one object: keep one of them"]);
  });

  it("a file that is not one object says what a briefing looks like", () => {
    expect(parseText("- a\n- b\n", "yaml").diagnostics.map((d) => d.message)).toEqual([
      'a YAML briefing is one object: its fields (title, date, …) and "sections", a list of the slides',
    ]);
  });

  it.each([
    ["an alias bomb", `a: &a [x,x,x,x,x,x,x,x,x]\n${"bcdefgh".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefgh"[i] ?? ""}`).join(",")}]`).join("\n")}\ntitle: T\ndate: 2026-01-08\n`],
    ["an alias of a section", "title: T\ndate: 2026-01-08\nsections:\n  - &s\n    heading: One\n  - *s\n"],
  ])("%s is refused, nothing expanded, as in front matter", (_, text) => {
    const started = performance.now();
    const result = parseText(text, "yaml");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.briefing).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) expect(d.message).toMatch(/anchors and aliases .* are not read in a briefing: write the value out in full$/);
  });
});

describe("the layouts' structured fields", () => {
  const front = "---\ntitle: T\ndate: 2026-01-08\n---\n\n";
  const cases: [string, string, Record<string, unknown>][] = [
    ["quote", "## Said {layout=quote}\n\n> The OTS has become a *key* centre.\n> — Ilham Aliyev, President of Azerbaijan\n\nSaid at the closing.",
      { heading: "Said", layout: "quote", quote: { text: "The OTS has become a *key* centre.", speaker: "Ilham Aliyev", role: "President of Azerbaijan" }, body: "Said at the closing." }],
    ["timeline", "## When {layout=timeline}\n\n- **2009** Turkic Council\n- **2024** Charter adopted\n  after long talks",
      { heading: "When", layout: "timeline", items: [{ date: "2009", text: "Turkic Council" }, { date: 2024, text: "Charter adopted\nafter long talks" }] }],
    ["stats", "## Numbers {layout=stats}\n\n- **6** member states\n- **US$ 1.2 bn** trade",
      { heading: "Numbers", layout: "stats", items: [{ figure: 6, label: "member states" }, { figure: "US$ 1.2 bn", label: "trade" }] }],
    ["summary", "## Key judgments {layout=summary .wide fragments}\n\n- One\n- Two",
      { heading: "Key judgments", layout: "summary", attributes: { class: "wide", fragments: true }, items: ["One", "Two"] }],
    ["columns", "## Both sides {layout=columns}\n\nAbove.\n\n### Ankara\n\nWants more.\n\n### Moscow\n\nWants less.",
      { heading: "Both sides", layout: "columns", body: "Above.", columns: [{ heading: "Ankara", body: "Wants more." }, { heading: "Moscow", body: "Wants less." }] }],
    ["figure", '## Map {layout=figure}\n\n![Members [2026]](images/members-map.png "The \\"members\\"")\n\nMap: Halden Centre.',
      { heading: "Map", layout: "figure", figure: { path: "images/members-map.png", alt: "Members [2026]", caption: 'The "members"' }, body: "Map: Halden Centre." }],
    ["chart", '## Trade {layout=chart chart=line unit="US$ bn" labels}\n\n| Year | Exports | Imports |\n| --- | --- | --- |\n| 2020 | 12.50 | 3 |\n| 2021 | 14 |  |\n\nSource: IMF.',
      { heading: "Trade", layout: "chart", attributes: { chart: "line", unit: "US$ bn", labels: true }, table: { columns: ["Year", "Exports", "Imports"], rows: [["2020", 12.50, 3], [2021, 14, null]] }, body: "Source: IMF." }],
    ["vega-lite", '## Custom {layout=chart}\n\n```vega-lite\n{"mark": "bar", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}\n```',
      { heading: "Custom", layout: "chart", spec: { mark: "bar", data: { values: [{ a: 1 }] }, encoding: { x: { field: "a", type: "quantitative" } } } }],
    ["notes and footnotes", "## Text\n\nA claim.[^imf]\n\n::: notes\nSay it slowly.\n:::\n\n::: handout\nFor the reader.\n:::\n\n[^imf]: IMF, World Economic Outlook.",
      { heading: "Text", body: "A claim.[^imf]", notes: "Say it slowly.", handout: "For the reader.", footnotes: { imf: "IMF, World Economic Outlook." } }],
  ];

  it.each(cases)("%s: the same model as its Markdown", (_, markdown, section) => {
    const expected = parseMarkdown(`${front}${markdown}\n`);
    expect(expected.diagnostics).toEqual([]);
    for (const format of FORMATS) {
      const result = parseText(serialise({ title: "T", date: "2026-01-08", sections: [section] }, format), format);
      expect(result.diagnostics.map(formatDiagnostic), format).toEqual([]);
      expect(content(result.briefing), format).toEqual(content(expected.briefing));
    }
  });

  it("a layout field on the wrong layout is an error that names the right one", () => {
    const problems = parseText(JSON.stringify({ title: "T", date: "2026-01-08", sections: [{ heading: "X", items: ["a"] }] }), "json").diagnostics;
    expect(problems.map((d) => d.message)).toEqual(['sections[0].items: "items" belongs to layout summary or timeline or stats or sources, not text: set "layout" to summary or write the slide in "body"']);
  });

  it("the model's places point into the JSON: sections, items and images", () => {
    const text = `${JSON.stringify({ title: "T", date: "2026-01-08", sections: [{ heading: "A", body: "x" }, { heading: "Map", layout: "figure", figure: { path: "images/members-map.png", alt: "Members" } }] }, null, 2)}\n`;
    const briefing = parseText(text, "json").briefing;
    expect(briefing?.sections.map((s) => [s.position.line, s.position.column, s.endLine])).toEqual([[5, 5, 8], [9, 5, 16]]);
    expect(briefing?.images.map((image) => [image.position.line, image.position.column])).toEqual([[13, 17]]);
  });
});
