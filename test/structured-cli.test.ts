import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { displayPath } from "../src/input/discover.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, runCli, temporaryFolder } from "./support/files.js";

const work = temporaryFolder();
afterAll(() => work.remove());

describe("JSON and YAML briefings on the command line", () => {
  it("finds .json, .yaml and .yml briefings beside Markdown ones, and index.json in a folder", async () => {
    const content = join(work.path, "mixed");
    mkdirSync(join(content, "folder"), { recursive: true });
    const briefing = (title: string): Record<string, unknown> => ({ title, date: "2026-01-08", sections: [{ heading: "One", body: "Text." }] });
    writeFileSync(join(content, "a.md"), "---\ntitle: A\ndate: 2026-01-08\n---\n\n## One\n\nText.\n");
    writeFileSync(join(content, "b.json"), JSON.stringify(briefing("B")));
    writeFileSync(join(content, "c.yaml"), stringify(briefing("C")));
    writeFileSync(join(content, "d.yml"), stringify(briefing("D")));
    writeFileSync(join(content, "folder", "index.json"), JSON.stringify(briefing("Folder")));
    const out = join(work.path, "mixed-out");
    const built = await runCli(["build", "--no-pdf", "--no-fit", "--quiet", "--content", content, "--out", out]);
    expect(built.code, built.stderr).toBe(0);
    for (const [slug, title] of [["a", "A"], ["b", "B"], ["c", "C"], ["d", "D"], ["folder", "Folder"]]) {
      expect(readFileSync(join(out, slug ?? "", "index.html"), "utf8")).toContain(`<title>${title}`);
    }
  });

  it("two sources for one name are an error naming both files; neither is built", async () => {
    const content = join(work.path, "twice");
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, "x.md"), "---\ntitle: X\ndate: 2026-01-08\n---\n");
    writeFileSync(join(content, "x.json"), JSON.stringify({ title: "X", date: "2026-01-08", sections: [] }));
    writeFileSync(join(content, "x.yaml"), "title: X\ndate: 2026-01-08\n");
    const checked = await runCli(["check", "--no-fit", "--content", content]);
    expect(checked.code).toBe(1);
    const file = (name: string): string => displayPath(join(content, name));
    expect(checked.stderr).toContain(`${file("x.json")}:1:1: error: 3 briefings are named "x" (this file and ${file("x.md")} and ${file("x.yaml")}): rename or remove all but one`);
    expect(checked.stderr).toContain(`${file("x.md")}:1:1: error: 3 briefings are named "x"`);
  });

  it("a YAML briefing exported from the example builds the same deck", async () => {
    const model = await runCli(["model", EXAMPLE_SLUG, "--content", EXAMPLE_CONTENT]);
    expect(model.code, model.stderr).toBe(0);
    const content = join(work.path, "yaml");
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, `${EXAMPLE_SLUG}.yaml`), stringify(JSON.parse(model.stdout), { lineWidth: 0 }));
    const decks: string[] = [];
    for (const [name, folder] of [["md", EXAMPLE_CONTENT], ["yaml", content]] as const) {
      const built = await runCli(["build", "--no-pdf", "--no-fit", "--quiet", "--content", folder, "--out", join(work.path, `yaml-out-${name}`), EXAMPLE_SLUG]);
      expect(built.code, built.stderr).toBe(0);
      decks.push(readFileSync(join(work.path, `yaml-out-${name}`, EXAMPLE_SLUG, "index.html"), "utf8").replace(/ data-line="\d+"/g, ""));
    }
    expect(decks[1]).toBe(decks[0]);
  });

  it("model and schema are commands with their own options and help", async () => {
    const help = await runCli(["--help"]);
    expect(help.stdout).toMatch(/briefdeck model SLUG +print the briefing/);
    expect(help.stdout).toMatch(/briefdeck schema +print the JSON Schema/);
    expect(help.stdout).toMatch(/build, check, dev, new and model:\n +--config PATH/);
    for (const [argv, message] of [
      [["model"], "model takes one briefing name"],
      [["model", "a", "b"], "model takes one briefing name"],
      [["model", "--out", "x", EXAMPLE_SLUG], "--out does nothing for model"],
      [["model", "--content", EXAMPLE_CONTENT, "nope"], 'no briefing named "nope"'],
      [["schema", "x"], "schema takes no briefing name"],
      [["schema", "--content", "x"], "--content does nothing for schema"],
    ] as const) {
      const result = await runCli([...argv]);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});
