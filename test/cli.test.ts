import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EXAMPLE_CONTENT, runCli, temporaryFolder } from "./support/files.js";

const folders: { remove: () => void }[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

function project(): { content: string; out: string } {
  const root = temporaryFolder();
  folders.push(root);
  const content = join(root.path, "content");
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  return { content, out: join(root.path, "dist") };
}

const GOOD = `---
title: Second briefing
date: 2026-02-01
---

## Only section

Some text.
`;

describe("briefdeck CLI", () => {
  it("prints help and version", async () => {
    expect((await runCli(["--help"])).stdout).toMatch(/briefdeck build \[SLUG…\]/);
    expect((await runCli(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("exits 2 on wrong usage, with a hint", async () => {
    const unknownOption = await runCli(["build", "--frobnicate"]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/--frobnicate/);
    expect(unknownOption.stderr).toMatch(/--help/);
    expect((await runCli(["publish"])).code).toBe(2);
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(["build", "--concurrency", "zero", "--no-pdf"])).code).toBe(2);
  });

  it("exits 2 for a briefing that does not exist", async () => {
    const { content, out } = project();
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no briefing named "nope"/);
  });

  it("builds the index and the deck with --no-pdf", async () => {
    const { content, out } = project();
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/built ots-security: \d+ slides/);
    expect(existsSync(join(out, "index.html"))).toBe(true);
    expect(existsSync(join(out, "ots-security", "index.html"))).toBe(true);
    expect(existsSync(join(out, "ots-security", "assets", "reveal", "reveal.js"))).toBe(true);
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).toContain("Turkic States Deepen Security Cooperation");
    expect(index).toContain("UNCLASSIFIED");
    expect(index).toContain('href="ots-security/index.html"');
  });

  it("reports every content error at once, exits 1, keeps the previous output and builds the others", async () => {
    const { content, out } = project();
    writeFileSync(join(content, "second.md"), GOOD);
    expect((await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, "ots-security", "index.html"));

    const broken = readFileSync(join(content, "ots-security.md"), "utf8")
      .replace("date: 2026-01-12", "date: 12/01/2026")
      .replace("{layout=timeline}", "{layout=timelime}");
    writeFileSync(join(content, "ots-security.md"), broken);
    writeFileSync(join(content, "second.md"), GOOD.replace("Some text.", "Changed text."));
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out]);

    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines.filter((line) => line.includes(": error: "))).toHaveLength(2);
    expect(result.stderr).toMatch(/content\/ots-security\.md:\d+:\d+: error: date "12\/01\/2026" is not a date/);
    expect(result.stderr).toMatch(/content\/ots-security\.md:\d+:\d+: error: unknown layout "timelime"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(out, "ots-security", "index.html"))).toEqual(before);
    expect(readFileSync(join(out, "second", "index.html"), "utf8")).toContain("Changed text.");
    expect(readdirSync(out).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("check validates without writing anything", async () => {
    const { content, out } = project();
    const result = await runCli(["check", "--content", content, "--out", out]);
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(false);
    writeFileSync(join(content, "bad.md"), "# Title\n");
    const bad = await runCli(["check", "--content", content, "--out", out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.md:1:1: error:/);
  });

  it("new scaffolds a briefing that builds, and refuses to overwrite or take a bad name", async () => {
    const { content, out } = project();
    const created = await runCli(["new", "gas-transit", "--content", content]);
    expect(created.code).toBe(0);
    expect(existsSync(join(content, "gas-transit", "index.md"))).toBe(true);
    expect((await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out, "gas-transit"])).code).toBe(0);
    expect((await runCli(["new", "gas-transit", "--content", content])).code).toBe(2);
    expect((await runCli(["new", "Bad Name", "--content", content])).code).toBe(2);
  });

  it("lets --templates replace a built-in template of the same name", async () => {
    const { content, out } = project();
    const overrides = join(out, "..", "my-templates");
    mkdirSync(join(overrides, "partials"), { recursive: true });
    writeFileSync(join(overrides, "partials", "footer.hbs"), '<footer class="slide-footer">CUSTOM FOOTER {{number}}</footer>');
    const result = await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out, "--templates", overrides]);
    expect(result.code).toBe(0);
    const html = readFileSync(join(out, "ots-security", "index.html"), "utf8");
    expect(html).toContain("CUSTOM FOOTER 1");
    expect(html).toContain("layout-quote");
  });

  it("removes the deck of a briefing whose source is gone, says so on its own line, and leaves other folders alone", async () => {
    const { content, out } = project();
    writeFileSync(join(content, "second.md"), GOOD);
    expect((await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out])).code).toBe(0);
    mkdirSync(join(out, "my-notes"));
    writeFileSync(join(out, "my-notes", "todo.txt"), "not a deck\n");
    rmSync(join(content, "second.md"));
    // Building only some briefings says nothing about the others.
    const some = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "ots-security"]);
    expect(some.stdout).not.toMatch(/removed/);
    expect(existsSync(join(out, "second"))).toBe(true);
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^removed \S*dist\/second\/: no briefing named second is left in \S*content\/$/m);
    expect(existsSync(join(out, "second"))).toBe(false);
    expect(readFileSync(join(out, "index.html"), "utf8")).not.toContain("Second briefing");
    expect(readFileSync(join(out, "my-notes", "todo.txt"), "utf8")).toBe("not a deck\n");
  });

  it("exits 3 when the output folder cannot be written", async () => {
    const { content } = project();
    const blocker = join(content, "..", "not-a-folder");
    writeFileSync(blocker, "");
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", join(blocker, "dist")]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot create the output folder/);
  });
});
