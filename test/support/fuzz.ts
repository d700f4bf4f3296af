import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { FRONT_MATTER_FIELDS } from "../../src/input/parse/front-matter.js";
import { ROOT } from "./files.js";
import { markdownFiles } from "./parse.js";

/** True when the long property runs and the huge inputs are wanted (.ci/run sets it). */
export const SLOW = process.env.BRIEFDECK_SLOW_TESTS === "1";

/** Runs per property: a quick pass by default, a deeper one in CI, any number for a long campaign (BRIEFDECK_FUZZ_RUNS). */
export const RUNS = Number(process.env.BRIEFDECK_FUZZ_RUNS) || (SLOW ? 1000 : 80);

const VALID_FRONT_MATTER = "---\ntitle: Fuzzed\ndate: 2026-01-08\n---\n";

/** Pieces that mean something to briefdeck's parser, marked or YAML: the fuzzer builds text out of them. */
const TOKENS = [
  "\n", "\n\n", " ", "  ", "    ", "\t", "\r", "\r\n", "\0", "\uFEFF", "\uFFFD", "\u202E", "é", "ə", "ğ", "Ж", "ع", "😀", "\u0301",
  "#", "# ", "## ", "### ", "{layout=quote}", "{layout=timeline fragments}", "{layout=stats}", "{layout=columns}", "{layout=figure}",
  "{layout=section}", "{layout=sources}", "{layout=summary}", "{class=wide}", "{layout=", "{", "}",
  "- ", "* ", "+ ", "1. ", "1) ", "> ", ">", "> — ", "— ", "-- ", "---", "***", "===", "```", "~~~", "    code",
  "::: notes", ":::", "::: box", "[^1]", "[^1]: ", "[^a]", "[^a]: ", "[", "]", "(", ")", "![", "](", "](images/a.png)", "](https://example.com/)",
  "[x][r]", "[r]: https://example.com/", "<", ">", "</", "/>", "<span>", "</span>", "<sup>", "<br>", "<script>", "</script>",
  "<img src=x onerror=alert(1)>", "<!--", "-->", "<![CDATA[", "&", "&amp;", "&#0;", "&#x110000;", "&#", "\\", "`", "``", "*", "**", "_", "__", "~~",
  "|", "| a | b |", "|---|---|", "http://", "https://example.com/", "javascript:", "mailto:a@b.c", "word", "Word ", "2021", "**2021**", "**6**",
];

/** Random text made of the tokens above and arbitrary characters (any code point, lone surrogates included). */
export const markdownSoup: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 2 }) }), { maxLength: 300, size: "max" })
  .map((parts) => parts.join(""));

/** A briefing whose body is soup: front matter valid, so the body is what gets exercised. */
export const soupBriefing: fc.Arbitrary<string> = markdownSoup.map((body) => `${VALID_FRONT_MATTER}\n${body}`);

/** Structured Markdown: sections with headings, attributes, lists, quotes, fences and notes, not always closed. */
export const structuredBriefing: fc.Arbitrary<string> = fc
  .array(
    fc.record({
      heading: fc.oneof(fc.constantFrom("Key judgments", "Timeline", "Ölçü", "Цифры", ""), markdownSoup.map((s) => s.slice(0, 40))),
      attributes: fc.constantFrom("", " {layout=summary}", " {layout=timeline}", " {layout=stats}", " {layout=quote}", " {layout=columns}", " {layout=figure}", " {layout=section}", " {layout=sources}", " {fragments}", " {bogus"),
      body: fc.array(
        fc.oneof(
          fc.constantFrom("- **2021** a thing\n- **2022** another", "> the words\n> — Speaker, Role", "### One\n\nx\n\n### Two\n\ny", "![alt](images/a.png \"cap\")", "::: notes\nsay this", ":::", "```\ncode", "| a |\n|---|\n| b |", "Text[^1].\n\n[^1]: The source."),
          markdownSoup,
        ),
        { maxLength: 6 },
      ),
    }),
    { maxLength: 8 },
  )
  .map((sections) => `${VALID_FRONT_MATTER}\nLede.\n\n${sections.map((s) => `## ${s.heading}${s.attributes}\n\n${s.body.join("\n\n")}`).join("\n\n")}\n`);

/** YAML front matter: random values under real and made-up keys, sometimes not YAML at all. */
export const randomFrontMatter: fc.Arbitrary<string> = fc
  .oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...FRONT_MATTER_FIELDS), fc.string({ maxLength: 12 })), fc.anything({ maxDepth: 3 }), { maxKeys: 8 }).map((value) => safeStringify(value)),
    fc.record({ title: fc.oneof(fc.string(), fc.anything()), date: fc.oneof(fc.constant("2026-01-08"), fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), tags: fc.anything(), source: fc.anything() }).map((value) => safeStringify(value)),
    fc.array(fc.constantFrom("title: ", "date: ", "2026-01-08", "\n", "  ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!binary ", "!!js/function ", "? ", ": ", "'", "\"", "|", ">", "#", "---", "...", "%YAML 1.2", "\t", "\0"), { maxLength: 60, size: "max" }).map((parts) => parts.join("")),
  )
  .chain((yaml) => fc.constantFrom(`---\n${yaml}\n---\n\n## S\n\nBody.\n`, `---\n${yaml}\n`, `${yaml}\n---\n`, `---\r\n${yaml}\r\n---\r\n`));

function safeStringify(value: unknown): string {
  try {
    return stringify(value);
  } catch (error) {
    // Some generated values (symbols, functions) are not YAML; their text stands in.
    return String(error);
  }
}

/** The valid fixtures and the example briefing: real text to mutate. */
export const SEEDS: string[] = [...markdownFiles("test/fixtures/valid"), "content/ots-security.md"].map((file) => readFileSync(join(ROOT, file), "utf8"));

/** A seed with a handful of edits: pieces inserted, deleted, duplicated, bytes garbled. */
export const mutatedBriefing: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.nat({ max: 40 }),
        kind: fc.constantFrom("insert", "delete", "duplicate", "bytes"),
        text: fc.oneof(fc.constantFrom(...TOKENS), markdownSoup),
        bytes: fc.uint8Array({ maxLength: 16 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map(([seed, edits]) => edits.reduce((text, edit) => {
    const at = Math.floor(edit.at * text.length);
    switch (edit.kind) {
      case "insert": return text.slice(0, at) + edit.text + text.slice(at);
      case "delete": return text.slice(0, at) + text.slice(at + edit.length);
      case "duplicate": return text.slice(0, at + edit.length) + text.slice(at, at + edit.length) + text.slice(at + edit.length);
      case "bytes": return text.slice(0, at) + Buffer.from(edit.bytes).toString("utf8") + text.slice(at);
      default: return text;
    }
  }, seed));

/** Random bytes read as UTF-8, the way the build reads any file. */
export const invalidUtf8: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SEEDS), fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([seed, bytes, where]) => {
    const at = Math.floor(where * seed.length);
    return seed.slice(0, at) + Buffer.from(bytes).toString("utf8") + seed.slice(at);
  });

/** Huge and hostile inputs, each built on demand (some are tens of megabytes). */
export const HUGE: Record<string, () => string> = {
  "a 10 MB line": () => `${VALID_FRONT_MATTER}\n## S\n\n${"word ".repeat(2_000_000)}\n`,
  "a 10 MB line of one character": () => `${VALID_FRONT_MATTER}\n## S\n\n${"a".repeat(10_000_000)}\n`,
  "a 99 kB line of brackets (quadratic in the footnote extension before)": () => `${VALID_FRONT_MATTER}\n## S\n\n${"[".repeat(99_000)}\n`,
  "a 96 kB line of attributes to remove": () => `${VALID_FRONT_MATTER}\n## S\n\n<span ${'a="b" '.repeat(16_000)}>x</span>\n`,
  "5,000 nested lists, indented": () => `${VALID_FRONT_MATTER}\n## S\n\n${Array.from({ length: 5000 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n")}\n`,
  "5,000 nested lists, indented within the size limit": () => `${VALID_FRONT_MATTER}\n## S\n\n${Array.from({ length: 5000 }, (_, i) => `${"  ".repeat(i % 90)}- x`).join("\n")}\n`,
  "5,000 nested lists on one line": () => `${VALID_FRONT_MATTER}\n## S\n\n${"- ".repeat(5000)}x\n`,
  "5,000 nested quotes": () => `${VALID_FRONT_MATTER}\n## S\n\n${"> ".repeat(5000)}x\n`,
  "5,000 nested inline tags": () => `${VALID_FRONT_MATTER}\n## S\n\n${"<span>".repeat(5000)}x\n`,
  "10,000 sections": () => `${VALID_FRONT_MATTER}\n${Array.from({ length: 10_000 }, (_, i) => `## Section ${i}\n\nText ${i}.\n`).join("\n")}`,
  "5,000 unbalanced fences": () => `${VALID_FRONT_MATTER}\n## S\n\n${"```\n".repeat(5001)}x\n`,
  "5,000 unbalanced ::: blocks": () => `${VALID_FRONT_MATTER}\n## S\n\n${"::: notes\nx\n".repeat(2000)}${":::\n".repeat(5000)}`,
  "5,000 footnotes citing each other in a chain": () => `${VALID_FRONT_MATTER}\n## S\n\nx[^0]\n\n${Array.from({ length: 5000 }, (_, i) => `[^${i}]: n[^${i + 1}]`).join("\n")}\n`,
  "a 450 kB paragraph of inline tags": () => `${VALID_FRONT_MATTER}\n## S\n\n${`${"<span>".repeat(15_000)}\n`.repeat(5)}\n`,
  "a 10 MB front matter value": () => `---\ntitle: ${"a".repeat(10_000_000)}\ndate: 2026-01-08\n---\n`,
  "front matter nested 10,000 deep": () => `---\ntitle: ${"[".repeat(10_000)}\ndate: 2026-01-08\n---\n`,
  "a YAML alias bomb": () => `---\n${["a: &a [x,x,x,x,x,x,x,x,x]", ..."bcdefgh".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(",")}]`)].join("\n")}\ntitle: T\ndate: 2026-01-08\n---\n`,
  "an HTML block of 12,000 unclosed tags with open quotes (quadratic in the sanitiser before)": () => `${VALID_FRONT_MATTER}\n## S\n\n<div>\n${'<b c="x '.repeat(12_000)}\n`,
  "a block of 60,000 lines alternating | and |-| (hours in marked's table rules before)": () => `${VALID_FRONT_MATTER}\n## S\n\n${"|\n|-|\n".repeat(30_000)}`,
  "100,000 one-word paragraphs": () => `${VALID_FRONT_MATTER}\n## S\n\n${"p\n\n".repeat(100_000)}`,
  "14,000 unclosed <svg> in one paragraph (quadratic in hidden-content removal before)": () => `${VALID_FRONT_MATTER}\n## S\n\nText ${"<svg>x ".repeat(14_000)}\n`,
  "a million NUL bytes": () => `${VALID_FRONT_MATTER}\n## S\n\n${"\0".repeat(1_000_000)}\n`,
  "400,000 NUL bytes on lines of 80": () => `${VALID_FRONT_MATTER}\n## S\n\n${`${"\0".repeat(80)}\n`.repeat(5000)}`,
};
