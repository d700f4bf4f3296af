import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import type { Diagnostic } from "../src/core/diagnostics.js";
import type { Briefing } from "../src/core/model.js";
import { parseMarkdown } from "./support/parse.js";

const FILE = "test/hostile.md";

/** What must never reach an HTML string of the model, in any case. */
const FORBIDDEN = ["<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg", "vbscript", "data:text/html", "alert(", "style="];

interface HostileCase {
  name: string;
  /** One line of Markdown; the warning must point at it. */
  line: string;
  /** What the warning says. */
  warning: RegExp;
  /** Column the warning must point at, where it is worth pinning. */
  column?: number;
  /** Text of the line that must survive. */
  keeps?: string;
}

const CASES: HostileCase[] = [
  { name: "script block", line: '<script>alert("block")</script>', warning: /^removed raw HTML <script>/, column: 1 },
  { name: "inline script", line: 'Before <script>alert("inline")</script> after.', warning: /^removed raw HTML <script>/, column: 8, keeps: "Before  after." },
  { name: "img onerror", line: 'A <img src="x.png" onerror="alert(1)"> picture.', warning: /^removed raw HTML <img>/, column: 3, keeps: "A  picture." },
  { name: "svg onload", line: 'Shape <svg onload="alert(1)"><circle r="4"/></svg> gone.', warning: /^removed raw HTML <svg>/, column: 7, keeps: "Shape  gone." },
  { name: "iframe", line: '<iframe src="https://evil.example/"></iframe>', warning: /^removed raw HTML <iframe>/, column: 1 },
  { name: "javascript: link", line: "[plain](javascript:alert(1))", warning: /^removed link to "javascript:alert\(1\)"/, column: 1, keeps: "plain" },
  { name: "entity-encoded javascript:", line: "Go [decimal](&#106;avascript:alert(1)) now.", warning: /^removed link to "&#106;avascript/, column: 4, keeps: "decimal" },
  { name: "hex-entity javascript:", line: "[hex](&#x6A;avascript&#x3A;alert(1))", warning: /^removed link to "&#x6A;avascript/, keeps: "hex" },
  { name: "javascript: with a tab", line: "[tabbed](<java\tscript:alert(1)>)", warning: /^removed link to "java\tscript/, keeps: "tabbed" },
  { name: "javascript: with an encoded tab", line: "[tab entity](java&#9;script:alert(1))", warning: /^removed link to "java&#9;script/, keeps: "tab entity" },
  { name: "javascript: with an encoded newline", line: "[newline](java&#10;script:alert(1))", warning: /^removed link to "java&#10;script/, keeps: "newline" },
  { name: "javascript: with a leading space entity", line: "[spaced](&#32;javascript:alert(1))", warning: /^removed link to/, keeps: "spaced" },
  { name: "upper-case JAVASCRIPT:", line: "[shout](JAVASCRIPT:alert(1))", warning: /^removed link to "JAVASCRIPT:/, keeps: "shout" },
  { name: "vbscript:", line: "[vb](vbscript:msgbox(1))", warning: /^removed link to "vbscript:/, keeps: "vb" },
  { name: "data:text/html", line: "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", warning: /^removed link to "data:text\/html/, keeps: "data" },
  { name: "reference-style javascript: link", line: "[by reference][evil]", warning: /^removed link to "javascript:/, keeps: "by reference" },
  { name: "raw <a href=javascript:>", line: 'Raw <a href="javascript:alert(1)">anchor</a> here.', warning: /^removed raw HTML <a>/, column: 5, keeps: "Raw anchor here." },
  { name: "span onclick", line: 'A <span onclick="alert(1)">clickable</span> word.', warning: /^removed attribute onclick from <span>/, column: 9, keeps: "<span>clickable</span>" },
  { name: "span style", line: 'A <span style="background:url(javascript:alert(1))">styled</span> word.', warning: /^removed attribute style from <span>/, column: 9, keeps: "<span>styled</span>" },
  { name: "div with a handler", line: '<div onmouseover="alert(1)">hover</div>', warning: /^removed raw HTML <div>/, column: 1 },
];

/** Every case as its own paragraph in one section, so each has a line of its own. */
function hostileBriefing(): { source: string; lineOf: (text: string) => number } {
  const lines = ["---", "title: Hostile input", "date: 2026-01-08", "---", "", "## Every trick"];
  for (const c of CASES) lines.push("", c.line);
  lines.push("", "[evil]: javascript:alert(1)", "");
  return { source: lines.join("\n"), lineOf: (text) => lines.indexOf(text) + 1 };
}

function parseOk(source: string): { briefing: Briefing; diagnostics: Diagnostic[] } {
  const result = parseMarkdown(source, FILE);
  expect(result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([]);
  if (!result.briefing) throw new Error("no briefing");
  return { briefing: result.briefing, diagnostics: result.diagnostics };
}

function expectClean(briefing: Briefing): void {
  const json = JSON.stringify(briefing).toLowerCase();
  for (const needle of FORBIDDEN) expect(json, `model contains ${needle}`).not.toContain(needle);
}

describe("hostile Markdown in a section body", () => {
  const { source, lineOf } = hostileBriefing();
  const { briefing, diagnostics } = parseOk(source);
  const html = JSON.stringify(briefing.sections[0]?.content);

  it("keeps every dangerous thing out of the model", () => {
    expectClean(briefing);
  });

  it.each(CASES)("$name: a warning at its line", (c) => {
    const line = lineOf(c.line);
    const here = diagnostics.filter((d) => d.line === line);
    expect(here.map(formatDiagnostic).join("\n")).toMatch(new RegExp(`^${FILE}:${line}:\\d+: warning: `));
    expect(here.some((d) => d.severity === "warning" && c.warning.test(d.message)), here.map(formatDiagnostic).join("\n")).toBe(true);
    if (c.column !== undefined) expect(here[0]?.column).toBe(c.column);
    if (c.keeps !== undefined) expect(html).toContain(c.keeps);
  });

  it("warns only where something was removed, one warning per removal", () => {
    const warned = new Set(diagnostics.map((d) => d.line));
    expect([...warned].sort((a, b) => a - b)).toEqual(CASES.map((c) => lineOf(c.line)));
    const keys = diagnostics.map(formatDiagnostic);
    expect(new Set(keys).size).toBe(keys.length);
    expect(diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });

  it("drops an empty paragraph left behind by a removed block", () => {
    const blocks = briefing.sections[0]?.content.layout === "text" ? briefing.sections[0].content.blocks : [];
    expect(blocks.map((b) => b.line)).not.toContain(lineOf(CASES[0]?.line ?? ""));
    expect(blocks.every((b) => b.html.replace(/<\/?p>/g, "").trim() !== "")).toBe(true);
  });
});

describe("hostile HTML everywhere else a briefing holds text", () => {
  const source = [
    "---", // 1
    "title: Hostile places",
    "date: 2026-01-08",
    "---",
    "", // 5
    "Lede <script>alert(1)</script> and <img src=x onerror=alert(2)>.",
    "",
    "## Heading <script>alert(3)</script> text[^note]",
    "",
    "- item one", // 10
    "- item <iframe src=https://evil.example></iframe> two",
    "- item [three](javascript:alert(4))",
    "",
    "| a | b |",
    "|---|---|", // 15
    "| <svg onload=alert(5)></svg> | [x](vbscript:alert(6)) |",
    "",
    "> quoted <script>alert(7)</script>",
    "",
    "::: notes", // 20
    "Say <img src=x onerror=alert(8)> this.",
    ":::",
    "",
    "[^note]: See [this](javascript:alert(9)).",
    "", // 25
    "## Stats {layout=stats}",
    "",
    "- **6** members <script>alert(10)</script>",
    "",
    "## Said {layout=quote}", // 30
    "",
    "> Words <span onclick=alert(11)>here</span>.",
    "> — <script>alert(12)</script>Speaker, Role",
    "",
  ].join("\n");
  const { briefing, diagnostics } = parseOk(source);

  it("keeps every dangerous thing out of the model", () => {
    expectClean(briefing);
  });

  it("reports each removal once, at its line and column", () => {
    expect(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message.split(":")[0]}`)).toEqual([
      "6:6: removed raw HTML <script>",
      "6:36: removed raw HTML <img>",
      "8:12: removed raw HTML <script>",
      "11:8: removed raw HTML <iframe>",
      "12:8: removed link to \"javascript",
      "16:3: removed raw HTML <svg>",
      "16:33: removed link to \"vbscript",
      "18:10: removed raw HTML <script>",
      "21:5: removed raw HTML <img>",
      "24:14: removed link to \"javascript",
      "28:17: removed raw HTML <script>",
      "32:15: removed attribute onclick from <span>",
      "33:5: removed raw HTML <script>",
    ]);
  });

  it("keeps the text around what it removed", () => {
    const [first, stats, quote] = briefing.sections;
    expect(briefing.ledeHtml).toBe("<p>Lede  and .</p>\n");
    expect(first?.heading).toBe("Heading text");
    expect(first?.notesHtml).toBe("<p>Say  this.</p>\n");
    expect(first?.footnotes[0]?.html).toBe("See this.");
    expect(stats?.content.layout === "stats" && stats.content.items[0]?.html).toBe("members");
    expect(quote?.content.layout === "quote" && quote.content.attribution).toEqual({ speaker: "Speaker", role: "Role" });
    expect(quote?.content.layout === "quote" && quote.content.quoteHtml).toBe("<p>Words <span>here</span>.</p>\n");
  });
});

describe("repeated and nested tricks", () => {
  it("two identical tags in one paragraph are reported at their own lines", () => {
    const source = "---\ntitle: T\ndate: 2026-01-08\n---\n\n## S\n\nOne <script>a()</script>\ntwo <script>a()</script>\n";
    const { diagnostics, briefing } = parseOk(source);
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([[8, 5], [9, 5]]);
    expectClean(briefing);
  });

  it("raw HTML in the third list item is reported once, at that item", () => {
    const source = "---\ntitle: T\ndate: 2026-01-08\n---\n\n## S\n\n- one\n- two\n- three <b>bold</b>\n";
    const { diagnostics } = parseOk(source);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${FILE}:10:9: warning: removed raw HTML <b>: only sup, sub, mark, abbr, br, span are allowed in briefings`,
    ]);
  });

  it("an autolink to javascript: is not a link", () => {
    const source = "---\ntitle: T\ndate: 2026-01-08\n---\n\n## S\n\nSee <javascript:alert(1)>.\n";
    const { diagnostics, briefing } = parseOk(source);
    expect(diagnostics.map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 8, 5]]);
    expect(JSON.stringify(briefing)).not.toMatch(/href="javascript/i);
  });
});

describe("the allowlist", () => {
  it("sup, sub, mark, abbr, br and span survive with their text and harmless attributes", () => {
    const source = [
      "---",
      "title: T",
      "date: 2026-01-08",
      "---",
      "",
      "## S",
      "",
      'H<sub>2</sub>O, 2<sup>nd</sup>, <mark>key</mark>, <abbr title="Organization of Turkic States">OTS</abbr>,<br>',
      '<span class="flag" lang="az" dir="ltr" title="Azərbaycan">Azərbaycan</span>.',
      "",
    ].join("\n");
    const { briefing, diagnostics } = parseOk(source);
    expect(diagnostics).toEqual([]);
    const html = briefing.sections[0]?.content.layout === "text" ? briefing.sections[0].content.blocks[0]?.html : "";
    expect(html).toBe(
      '<p>H<sub>2</sub>O, 2<sup>nd</sup>, <mark>key</mark>, <abbr title="Organization of Turkic States">OTS</abbr>,<br />\n' +
        '<span class="flag" lang="az" dir="ltr" title="Azərbaycan">Azərbaycan</span>.</p>\n',
    );
  });
});
