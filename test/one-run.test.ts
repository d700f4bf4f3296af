import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, temporaryFolder } from "./support/files.js";

const folder = temporaryFolder();
const content = join(folder.path, "content");

/** Sixty long lines of code: one block no layout can fit or split. */
const CODE = Array.from({ length: 60 }, (_, i) => `line ${i} = compute(value_${i}, other_${i})  # a comment that makes this line rather long`).join("\n");

beforeAll(() => {
  mkdirSync(content, { recursive: true });
  writeFileSync(
    join(content, "draft.md"),
    `---\ntitle: Content and fitting errors together\ndate: 2026-01-08\npresentr: Analysis desk\n---\n\n## Code that cannot fit\n\n\`\`\`\n${CODE}\n\`\`\`\n\n## Quote {layout=quote}\n\nNo blockquote here.\n`,
  );
});
afterAll(() => folder.remove());

/** The error lines of a run, without the folder part of the path. */
function errorLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.includes(": error: ")).map((line) => line.slice(line.indexOf("draft.md:")));
}

describe("front matter, body and fitting errors in one run", () => {
  const expected = [
    'draft.md:4:1: error: unknown front matter field "presentr" (did you mean "presenter"?); use one of: title, date, subtitle, short_title, presenter, organization, audience, classification, summary, tags, lang, theme, source, agenda, sources, logo, accent, handout-notes',
    expect.stringMatching(/^draft\.md:7:1: error: code block in "Code that cannot fit" does not fit one slide/),
    "draft.md:72:1: error: quote layout needs a blockquote: write > the words, then a last line > — Speaker, role",
  ];

  it("check reports all three, in line order", async () => {
    const result = await runCli(["check", "--content", content]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual(expected);
  }, 120_000);

  it("build reports the same and writes no deck", async () => {
    const out = join(folder.path, "out");
    const result = await runCli(["build", "--quiet", "--content", content, "--out", out]);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual(expected);
    expect(existsSync(join(out, "draft"))).toBe(false);
  }, 120_000);
});
