import { describe, expect, it } from "vitest";
import { Diagnostics, formatDiagnostic } from "../../src/core/diagnostics.js";
import { isIsoDate, parseFrontMatter, splitFrontMatter } from "../../src/input/parse/front-matter.js";

/** Parses a whole briefing's front matter; returns the model and every diagnostic as `line:col: message`. */
function read(source: string, themes?: ReadonlySet<string>) {
  const diagnostics = new Diagnostics("b.md");
  const frontMatter = parseFrontMatter(splitFrontMatter(source), diagnostics, themes);
  return { frontMatter, said: diagnostics.items.map((d) => `${d.line}:${d.column}: ${d.message}`), diagnostics };
}

/** Front matter around the given lines, after a valid title and date. */
const briefing = (...lines: string[]) => ["---", "title: T", "date: 2026-01-08", ...lines, "---", "body"].join("\n");

describe("splitting front matter from the body", () => {
  it("ends at --- or ..., with CRLF and trailing spaces allowed, and counts the body's first line", () => {
    for (const closing of ["---", "...", "---\r", "---  ", "... \r"]) {
      const split = splitFrontMatter(["--- \r", "title: T", closing, "body"].join("\n"));
      expect(split).toEqual({ yaml: "title: T", yamlLine: 2, body: "body", bodyLine: 4 });
    }
  });

  it("finds the first closing line, not a later one", () => {
    expect(splitFrontMatter("---\na: 1\n---\nb\n---\nc")).toEqual({ yaml: "a: 1", yamlLine: 2, body: "b\n---\nc", bodyLine: 4 });
  });

  it("leaves a file without an opening --- whole, and an unclosed one unsplit", () => {
    expect(splitFrontMatter("# T\n---\nx")).toEqual({ yamlLine: 1, body: "# T\n---\nx", bodyLine: 1 });
    expect(splitFrontMatter(" ---\ntitle: T\n---\n")).toEqual({ yamlLine: 1, body: " ---\ntitle: T\n---\n", bodyLine: 1 });
    expect(splitFrontMatter("---\ntitle: T\n")).toEqual({ yaml: undefined, yamlLine: 1, body: "---\ntitle: T\n", bodyLine: 1 });
    expect(splitFrontMatter("---x\ntitle: T\n---\n").yaml).toBeUndefined();
    expect(splitFrontMatter("--\r-\ntitle: T\n---\n").yaml).toBeUndefined();
    expect(splitFrontMatter("---\ntitle: T\n--\r-\n").yaml).toBeUndefined();
  });

  it("takes an empty block as empty YAML", () => {
    expect(splitFrontMatter("---\n---\nbody")).toEqual({ yaml: "", yamlLine: 2, body: "body", bodyLine: 3 });
  });
});

describe("dates", () => {
  it("are real calendar days written YYYY-MM-DD", () => {
    expect(isIsoDate("2026-01-08")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-12-31")).toBe(true);
    expect(isIsoDate("0050-01-01")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
    for (const wrong of ["2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00", "2026-1-08", "26-01-08", " 2026-01-08", "2026-01-08x", "x2026-01-08", "08/01/2026"]) {
      expect(isIsoDate(wrong), wrong).toBe(false);
    }
  });
});

describe("a valid front matter", () => {
  it("reads every field, with the writer's text trimmed", () => {
    const { frontMatter, said } = read(
      briefing(
        "subtitle: '  Sub  '",
        "short_title: Short",
        "presenter: P",
        "organization: O",
        "audience: A",
        "classification: C",
        "summary: S",
        "tags: [x, 2]",
        "lang: az-Latn",
        "theme: dark-2",
        "source:",
        "  title: Article",
        "  publisher: Pub",
        "  author: Au",
        "  url: HTTPS://example.org/a",
        "  date: 2025-12-31",
        "agenda: false",
        "sources: false",
        "handout-notes: none",
        "logo: media/logo.png",
        "accent: '#1F5FAD'",
      ),
    );
    expect(said).toEqual([]);
    expect(frontMatter).toEqual({
      title: "T",
      date: "2026-01-08",
      subtitle: "Sub",
      shortTitle: "Short",
      presenter: "P",
      organization: "O",
      audience: "A",
      classification: "C",
      summary: "S",
      tags: ["x", "2"],
      lang: "az-Latn",
      theme: "dark-2",
      source: { title: "Article", publisher: "Pub", author: "Au", url: "HTTPS://example.org/a", date: "2025-12-31" },
      agenda: false,
      sources: false,
      handoutNotes: "none",
      logo: "media/logo.png",
      accent: expect.stringMatching(/^#1f5fad$/i),
    });
  });

  it("fills the defaults and leaves out what was not given", () => {
    const { frontMatter, said } = read(briefing());
    expect(said).toEqual([]);
    expect(frontMatter).toEqual({ title: "T", date: "2026-01-08", tags: [], lang: "en", theme: "briefing", sources: true, handoutNotes: "speaker" });
    expect(Object.keys(frontMatter ?? {})).not.toContain("agenda");
  });

  it("treats empty optional fields as absent", () => {
    const { frontMatter, said } = read(briefing("subtitle:", "summary: ''", "tags:", "agenda:", "sources: ~", "source:", "handout-notes:", "accent:"));
    expect(said).toEqual([]);
    expect(frontMatter).toEqual({ title: "T", date: "2026-01-08", tags: [], lang: "en", theme: "briefing", sources: true, handoutNotes: "speaker" });
  });

  it("keeps an http or https source address, and drops one that is refused", () => {
    expect(read(briefing("source:", "  title: A", "  url: http://example.org/a")).frontMatter?.source).toEqual({ title: "A", url: "http://example.org/a" });
    expect(read(briefing("source:", "  title: A", "  url: https://example.org/a")).frontMatter?.source).toEqual({ title: "A", url: "https://example.org/a" });
    expect(read(briefing("source:", "  title: A", "  url: ftp://example.org/a")).frontMatter?.source).toEqual({ title: "A" });
    expect(read(briefing("source:", "  title: A", "  url: see https://example.org/a")).frontMatter?.source).toEqual({ title: "A" });
  });

  it("takes agenda: true and handout-notes: handout", () => {
    const { frontMatter } = read(briefing("agenda: true", "handout-notes: handout"));
    expect(frontMatter?.agenda).toBe(true);
    expect(frontMatter?.handoutNotes).toBe("handout");
  });

  it("keeps numbers as written", () => {
    const { frontMatter, said } = read(briefing("subtitle: 2026", "presenter: 0x1F", "tags: [1.50]"));
    expect(said).toEqual(["5:12: presenter \"0x1F\" is read as the number 31: put it in quotes to keep it as written, e.g. \"0x1F\"", "6:8: an entry of tags \"1.50\" is read as the number 1.5: put it in quotes to keep it as written, e.g. \"1.50\""]);
    expect(frontMatter?.subtitle).toBe("2026");
    expect(frontMatter?.presenter).toBeUndefined();
    expect(frontMatter?.tags).toEqual([]);
  });

  it("accepts a theme from the installed set, and refuses one outside it", () => {
    expect(read(briefing("theme: dark"), new Set(["briefing", "dark"])).said).toEqual([]);
    expect(read(briefing(), new Set(["briefing"])).said).toEqual([]);
    expect(read(briefing("theme: light"), new Set(["briefing", "dark"])).said).toEqual(['4:8: theme "light" not found; use one of: briefing, dark']);
    expect(read(briefing(), new Set(["dark"])).said).toEqual(['1:1: theme "briefing" not found; use one of: dark']);
  });
});

describe("each field is named in its own messages", () => {
  it.each(["subtitle", "short_title", "presenter", "organization", "audience", "classification", "summary", "lang", "theme", "logo", "accent", "handout-notes"])("%s", (field) => {
    expect(read(briefing(`${field}: [a]`)).said).toEqual([`4:${field.length + 3}: ${field} must be text, not a list: write it on one line after ${field}:, in quotes if it holds a colon`]);
  });

  it.each(["title", "publisher", "author", "url", "date"])("source.%s", (field) => {
    const lines = field === "title" ? ["source:", "  title: [a]"] : ["source:", "  title: T", `  ${field}: [a]`];
    expect(read(briefing(...lines)).said).toEqual([`${lines.length + 3}:${field.length + 5}: source.${field} must be text, not a list: write it on one line after source.${field}:, in quotes if it holds a colon`]);
  });

  it("date and title", () => {
    expect(read("---\ntitle: [a]\ndate: [b]\n---\n").said).toEqual([
      "2:8: title must be text, not a list: write it on one line after title:, in quotes if it holds a colon",
      "3:7: date must be text, not a list: write it on one line after date:, in quotes if it holds a colon",
    ]);
  });

  it("sources, agenda and tags", () => {
    expect(read(briefing("agenda: [a]", "sources: {a: 1}", "tags: 3")).said).toEqual([
      "6:7: tags must be a list of strings: write tags: [security, central-asia]",
      "4:9: agenda must be true or false: write agenda: true or agenda: false, or leave it out",
      "5:10: sources must be true or false: write sources: true or sources: false, or leave it out",
    ]);
  });
});

describe("front matter mistakes are reported where they were made", () => {
  const cases: [string, string, string[]][] = [
    ["no front matter", "# Title\n", ["1:1: a briefing starts with YAML front matter: put title and date between two --- lines at the top of the file"]],
    ["an unclosed block", "---\ntitle: T\n", ["1:1: front matter is not closed: end it with a line holding only ---"]],
    ["a list instead of fields", "---\n- a\n---\n", ["1:1: front matter must be YAML fields, one per line: write title: … and date: … between the --- lines"]],
    ["an empty block", "---\n---\n", ["1:1: front matter must be YAML fields, one per line: write title: … and date: … between the --- lines"]],
    ["no title", "---\ndate: 2026-01-08\n---\n", ["1:1: front matter has no title: add `title: …`"]],
    ["no date", "---\ntitle: T\n---\n", ["1:1: front matter has no date: add `date: …`"]],
    ["an empty title", "---\ntitle: ''\ndate: 2026-01-08\n---\n", ["2:1: title is empty: give the briefing a title"]],
    ["a blank title", "---\ntitle: '   '\ndate: 2026-01-08\n---\n", ["2:8: title is empty: give the briefing a title"]],
    ["a title that is a list", "---\ntitle: [a]\ndate: 2026-01-08\n---\n", ["2:8: title must be text, not a list: write it on one line after title:, in quotes if it holds a colon"]],
    ["a title that is a mapping", "---\ntitle:\n  a: b\ndate: 2026-01-08\n---\n", ["3:3: title must be text, not a mapping: write it on one line after title:, in quotes if it holds a colon"]],
    ["a boolean subtitle", briefing("subtitle: yes"), []],
    ["a boolean presenter", briefing("presenter: true"), ["4:12: presenter must be text, not boolean: write it on one line after presenter:, in quotes if it holds a colon"]],
    ["a date in another form", briefing("source:", "  title: A", "  date: 31/12/2025"), ['6:9: source.date "31/12/2025" is not a date: write it as YYYY-MM-DD, e.g. 2026-01-08']],
    ["a bad date", "---\ntitle: T\ndate: 2026-02-30\n---\n", ['3:7: date "2026-02-30" is not a date: write it as YYYY-MM-DD, e.g. 2026-01-08']],
    ["a bad lang", briefing("lang: english language"), ['4:7: lang "english language" is not a BCP 47 language tag: use one such as en, tr or az-Latn']],
    ["a one-letter lang", briefing("lang: e"), ['4:7: lang "e" is not a BCP 47 language tag: use one such as en, tr or az-Latn']],
    ["a bad theme name", briefing("theme: Dark Mode"), ['4:8: theme "Dark Mode" is not a theme name: use lowercase letters, digits and -']],
    ["a theme with a space", briefing("theme: dark mode"), ['4:8: theme "dark mode" is not a theme name: use lowercase letters, digits and -']],
    ["a source url after text", briefing("source:", "  title: A", "  url: see http://x.org"), ['6:8: source.url "see http://x.org" must be an http(s) address: write the article\'s web address, https://…']],
    ["a theme starting with -", briefing("theme: -dark"), ['4:8: theme "-dark" is not a theme name: use lowercase letters, digits and -']],
    ["agenda as text", briefing("agenda: sometimes"), ["4:9: agenda must be true or false: write agenda: true or agenda: false, or leave it out"]],
    ["sources as text", briefing("sources: 'true'"), ["4:10: sources must be true or false: write sources: true or sources: false, or leave it out"]],
    ["tags as text", briefing("tags: security"), ["4:7: tags must be a list of strings: write tags: [security, central-asia]"]],
    ["a tag that is a mapping", briefing("tags:", "  - a", "  - b: c"), ["6:5: every entry of tags must be a string: write each as plain text, e.g. - security"]],
    ["a source that is text", briefing("source: an article"), ["4:9: source must be a mapping: give it indented fields title, publisher, author, url, date"]],
    ["a source without a title", briefing("source:", "  publisher: P"), ["4:1: source needs a title: add `title: …` under source"]],
    ["a source with an unknown field", briefing("source:", "  title: A", "  link: x"), ['6:3: unknown source field "link"; use one of: title, publisher, author, url, date']],
    ["a source url that is not http", briefing("source:", "  title: A", "  url: ftp://x.org/a"), ['6:8: source.url "ftp://x.org/a" must be an http(s) address: write the article\'s web address, https://…']],
    ["a source url with a space", briefing("source:", "  title: A", "  url: https://x.org/a b"), ['6:8: source.url "https://x.org/a b" must be an http(s) address: write the article\'s web address, https://…']],
    ["a misspelt field", briefing("subtitel: S"), ['4:1: unknown front matter field "subtitel" (did you mean "subtitle"?); use one of: title, date, subtitle, short_title, presenter, organization, audience, classification, summary, tags, lang, theme, source, agenda, sources, logo, accent, handout-notes']],
    ["a key that is not text", briefing("[a]: b"), ['4:1: unknown front matter field "?"; use one of: title, date, subtitle, short_title, presenter, organization, audience, classification, summary, tags, lang, theme, source, agenda, sources, logo, accent, handout-notes']],
    ["a bad handout-notes", briefing("handout-notes: speakers"), ['4:16: handout-notes "speakers" (did you mean "speaker"?) is not one of: speaker, handout, none; use speaker (speaker notes and ::: handout text), handout (::: handout text only) or none']],
    ["a bad accent", briefing("accent: blue"), [expect.stringMatching(/^4:9: accent "blue" /) as unknown as string]],
    ["a field given twice", briefing("title: U"), ['4:1: front matter is not valid YAML: field "title" is given twice: keep one of them']],
    ["a tab as indentation", briefing("source:", "\ttitle: A"), ["5:1: front matter is not valid YAML: a tab is used for indentation: indent with spaces"]],
    ["a tab-indented field repeating no key", briefing("source:", "\tpublisher: A"), [expect.stringMatching(/^5:1: front matter is not valid YAML: .*(tab|indent)/) as unknown as string]],
    ["a field given twice after a blank line", briefing("", "  ", "date: 2026-01-09"), ['6:1: front matter is not valid YAML: field "date" is given twice: keep one of them']],
    ["an unclosed quote", briefing('subtitle: "Open', "presenter: P"), ['4:11: front matter is not valid YAML: this quoted value is never closed: add the closing " at the end of the value']],
    ["an unclosed single quote", briefing("subtitle: 'Open", "presenter: P"), ["4:11: front matter is not valid YAML: this quoted value is never closed: add the closing ' at the end of the value"]],
    ["a colon in a value", briefing("subtitle: COMMENT: a view"), ['4:11: front matter is not valid YAML: Nested mappings are not allowed in compact mappings: put a value that contains ": " in quotes, e.g. title: "COMMENT: …", and check the indentation']],
  ];

  it.each(cases)("%s", (_name, source, expected) => {
    const { said, frontMatter, diagnostics } = read(source);
    expect(said).toEqual(expected);
    for (const d of diagnostics.items) expect(formatDiagnostic(d)).toMatch(/^b\.md:\d+:\d+: error: /);
    if (expected.length === 0) expect(frontMatter).toBeDefined();
  });

  it("reports one YAML error per line, in line order", () => {
    const { said } = read(briefing('subtitle: "a', 'presenter: "b'));
    const lines = said.map((s) => Number(s.split(":")[0]));
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("gives no model for YAML it cannot read, and one for fields it can", () => {
    expect(read(briefing('subtitle: "a')).frontMatter).toBeUndefined();
    expect(read("---\n- a\n---\n").frontMatter).toBeUndefined();
    expect(read(briefing("agenda: x")).frontMatter).toMatchObject({ title: "T", date: "2026-01-08" });
  });
});
