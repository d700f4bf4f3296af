import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_SLIDES, MAX_TABLE_CELLS } from "../src/input/parse/limits.js";
import { runCli, temporaryFolder } from "./support/files.js";
import { parseMarkdown } from "./support/parse.js";

const folders: { remove: () => void }[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

function project(name: string, markdown: string): { content: string; out: string } {
  const root = temporaryFolder("briefdeck-bounds-");
  folders.push(root);
  const content = join(root.path, "content");
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, `${name}.md`), markdown);
  return { content, out: join(root.path, "dist") };
}

const HEAD = "---\ntitle: Bounds\ndate: 2026-01-08\n---\n\n";
/** The line of section `index` (0-based) when every section is "## S<n>\n\nText.\n\n". */
const sectionLine = (index: number): number => 6 + index * 4;

describe("4. bounded work, reported as content errors", () => {
  it("a 10,000-section briefing ends in seconds with a content error at the section that crosses the slide limit", async () => {
    const sections = Array.from({ length: 10_000 }, (_, index) => `## S${index + 1}\n\nText.\n`).join("\n");
    const { content, out } = project("huge", `${HEAD}${sections}`);
    const started = performance.now();
    const result = await runCli(["build", "--content", content, "--out", out]);
    const seconds = (performance.now() - started) / 1000;
    expect(result.code).toBe(1);
    // With the title, agenda and sources slides, section 498 makes the deck 501 slides long.
    expect(result.stderr).toContain(`huge.md:${sectionLine(MAX_SLIDES - 3)}:1: error: too many slides: from here the deck has more than ${MAX_SLIDES} (at least 10003)`);
    expect(result.stderr.match(/error:/g)).toHaveLength(1);
    expect(seconds).toBeLessThan(30);
  }, 60_000);

  it("the limit also holds after fitting: sections split over continuation slides count", async () => {
    // 260 sections (262 slides as written), each too long for one slide: fitting would make more than 500.
    const list = Array.from({ length: 24 }, (_, item) => `- Point ${item + 1}, long enough to take a line of its own on the slide.`).join("\n");
    const sections = Array.from({ length: 260 }, (_, index) => `## S${index + 1}\n\n${list}\n`).join("\n");
    const { content, out } = project("split", `${HEAD}${sections}`);
    const result = await runCli(["build", "--content", content, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/split\.md:\d+:1: error: too many slides: from here the deck has more than 500 \(at least \d+\)/);
    const line = Number(/split\.md:(\d+):1/.exec(result.stderr)?.[1]);
    // The crossing slide belongs to a section in the second half of the briefing.
    expect(line).toBeGreaterThan(6 + 130 * 27);
  }, 240_000);

  it("table cells are bounded, with the error at the row that crosses the limit", () => {
    const row = `| ${Array.from({ length: 10 }, (_, cell) => `c${cell}`).join(" | ")} |`;
    const table = [row, `|${"---|".repeat(10)}`, ...Array.from({ length: 100 }, () => row)].join("\n");
    // Ten tables of 1,010 cells each: the tenth crosses 10,000 at its 91st row.
    const sections = Array.from({ length: 10 }, (_, index) => `## T${index + 1}\n\n${table}\n`).join("\n");
    const result = parseMarkdown(`${HEAD}${sections}`);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    const tableLine = 6 + 9 * 105 + 2;
    expect(MAX_TABLE_CELLS).toBe(10_000);
    expect(errors[0]).toMatchObject({ line: tableLine + 1 + 91, column: 1 });
    expect(errors[0]?.message).toMatch(/^tables reach 10000 cells here, more than briefdeck lays out in one briefing: /);
  });
});

describe("7. front-matter numbers that would not survive as written", () => {
  it.each([
    ["title: 1e999", 2, 'title "1e999" is read as the number Infinity: put it in quotes'],
    ["title: T\nsubtitle: 0x83FFFFFFFFFFFFFFFFFF", 3, 'subtitle "0x83FFFFFFFFFFFFFFFFFF" is read as the number 6.233523757387932e+23'],
    ["title: T\ndate: 1e999", 3, 'date "1e999" is read as the number Infinity'],
    ["title: T\ntags: [security, 1e999]", 3, 'an entry of tags "1e999" is read as the number Infinity'],
    ["title: T\nclassification: 1.50", 3, 'classification "1.50" is read as the number 1.5'],
  ])("%s is refused at its line", (yaml, line, message) => {
    const date = yaml.includes("date:") ? "" : "\ndate: 2026-01-08";
    const result = parseMarkdown(`---\n${yaml}${date}\n---\n\n## S\n\nText.\n`);
    expect(result.briefing).toBeUndefined();
    const error = result.diagnostics.find((d) => d.severity === "error");
    expect(error).toMatchObject({ line });
    expect(error?.message).toContain(message);
  });

  it("numbers that print as written are still text", () => {
    const result = parseMarkdown("---\ntitle: 2026\nsubtitle: 42\ndate: 2026-01-08\ntags: [7, security]\n---\n\n## S\n\nText.\n");
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.briefing?.meta).toMatchObject({ title: "2026", subtitle: "42", tags: ["7", "security"] });
  });
});
