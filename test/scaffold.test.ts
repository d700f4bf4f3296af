import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import { LAYOUTS } from "../src/core/model.js";
import { parseBriefing } from "../src/input/parse/index.js";
import { runCli, temporaryFolder } from "./support/files.js";

const folder = temporaryFolder();
const content = join(folder.path, "content");
afterAll(() => folder.remove());

describe("briefdeck new", () => {
  it("writes a starter that shows every layout once, with a placeholder title, and builds without a word of complaint", async () => {
    const created = await runCli(["new", "eu-crma-one-year", "--content", content]);
    expect(created.code).toBe(0);
    const path = join(content, "eu-crma-one-year", "index.md");
    const text = readFileSync(path, "utf8");
    const parsed = parseBriefing({ source: text, file: "index.md", slug: "eu-crma-one-year", baseDir: "eu-crma-one-year" });
    expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([]);
    const layouts = parsed.briefing?.sections.map((section) => section.layout) ?? [];
    expect([...layouts].sort()).toEqual([...LAYOUTS, "text"].sort());
    expect(layouts.filter((layout) => layout === "text")).toHaveLength(2); // plain text, and fragments, which any layout can have
    expect(parsed.briefing?.meta.title).toBe("Title of your briefing");
    expect(parsed.briefing?.meta.title).not.toMatch(/crma/i);
    // Every image it refers to is written beside it.
    for (const image of parsed.briefing?.images ?? []) expect(existsSync(join(content, image.contentPath))).toBe(true);

    const out = join(folder.path, "out");
    const built = await runCli(["build", "--content", content, "--out", out]);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    expect(existsSync(join(out, "eu-crma-one-year", "eu-crma-one-year.pdf"))).toBe(true);
    expect(existsSync(join(out, "eu-crma-one-year", "media", "eu-crma-one-year", "images", "placeholder.svg"))).toBe(true);
  }, 120_000);
});
