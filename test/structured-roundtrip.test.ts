import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, ROOT, runCli, temporaryFolder } from "./support/files.js";

/** Every valid briefing the tests hold, by content folder. */
const FOLDERS = ["test/fixtures/valid", "test/fixtures/layouts/content", "test/fixtures/charts/content", "content"];
const work = temporaryFolder();
afterAll(() => work.remove());

/** Each file of a deck folder, by path relative to it; not the build cache's record, a hash of the inputs (which differ by design). */
function filesOf(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((name) => statSync(join(folder, name)).isFile() && name !== ".briefdeck-cache.json").sort();
}

/**
 * A deck's files as compared: the same bytes, but for what names the source
 * file (its name, and the source line each slide starts at, `data-line`, used
 * to point the dev server's messages at the source).
 */
function comparable(folder: string, name: string): string {
  const text = readFileSync(join(folder, name), "latin1");
  return name.endsWith(".html") || name.endsWith(".json") ? text.replace(/ data-line="\d+"/g, "").replace(/\b([a-z0-9-]+|index)\.(md|json)\b/g, "$1.SRC") : text;
}

/** `briefdeck model SLUG` for every briefing of `folder`, saved as `<slug>.json` in a copy of the folder without the Markdown. */
async function exportFolder(folder: string, target: string): Promise<string[]> {
  cpSync(join(ROOT, folder), target, { recursive: true });
  const slugs: string[] = [];
  for (const name of readdirSync(target).filter((entry) => entry.endsWith(".md"))) {
    const slug = name.slice(0, -3);
    const model = await runCli(["model", "--content", join(ROOT, folder), slug]);
    expect(model.code, `${folder}/${name}: ${model.stderr}`).toBe(0);
    rmSync(join(target, name));
    writeFileSync(join(target, `${slug}.json`), model.stdout);
    slugs.push(slug);
  }
  return slugs;
}

describe("a briefing exported with model and built from JSON gives the same deck", () => {
  it.each(FOLDERS)("%s: every deck, file for file", async (folder) => {
    const base = join(work.path, folder.replace(/\W+/g, "-"));
    const slugs = await exportFolder(folder, join(base, "json"));
    expect(slugs.length).toBeGreaterThan(0);
    for (const [name, content] of [["md", join(ROOT, folder)], ["json", join(base, "json")]] as const) {
      const built = await runCli(["build", "--no-pdf", "--no-fit", "--quiet", "--content", content, "--out", join(base, `out-${name}`)]);
      expect(built.code, built.stderr).toBe(0);
    }
    for (const slug of slugs) {
      const [fromMarkdown, fromJson] = ["md", "json"].map((name) => join(base, `out-${name}`, slug));
      const files = filesOf(fromMarkdown ?? "");
      expect(files, slug).toContain("index.html");
      expect(filesOf(fromJson ?? ""), slug).toEqual(files);
      for (const file of files) expect(comparable(fromJson ?? "", file), `${slug}/${file}`).toBe(comparable(fromMarkdown ?? "", file));
    }
  }, 240_000);

  it("the example, fitted and printed: the same PDF text on the same pages", async () => {
    const base = join(work.path, "pdf");
    await exportFolder("content", join(base, "json"));
    const pdfs: string[] = [];
    for (const [name, content] of [["md", EXAMPLE_CONTENT], ["json", join(base, "json")]] as const) {
      const out = join(base, `out-${name}`);
      const built = await runCli(["build", "--quiet", "--content", content, "--out", out, EXAMPLE_SLUG]);
      expect(built.code, built.stderr).toBe(0);
      pdfs.push(join(out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`));
    }
    const [pages, texts] = [pdfs.map((pdf) => /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]), pdfs.map((pdf) => execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }))];
    expect(Number(pages[0])).toBeGreaterThan(5);
    expect(pages[1]).toBe(pages[0]);
    expect(texts[0]?.length).toBeGreaterThan(1000);
    expect(texts[1]).toBe(texts[0]);
  }, 240_000);
});

describe("the published JSON Schema", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, "schema/briefing.schema.json"), "utf8")) as Record<string, unknown>;
  // Strict, but for `required` inside `if`, which names properties defined beside it (ajv checks only the subschema).
  const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);

  it("is what briefdeck schema prints, and ships in the package", async () => {
    const printed = await runCli(["schema"]);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(schema);
    const pack = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pack.files).toContain("schema");
  });

  it.each(FOLDERS)("accepts the model of every briefing in %s", async (folder) => {
    const names = readdirSync(join(ROOT, folder)).filter((name) => name.endsWith(".md"));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const model = await runCli(["model", "--content", join(ROOT, folder), name.slice(0, -3)]);
      const valid = validate(JSON.parse(model.stdout));
      expect(valid, `${folder}/${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  const good = { title: "T", date: "2026-01-08", sections: [{ heading: "When", layout: "timeline", items: [{ date: "2009", text: "Founded" }] }] };
  it.each([
    ["no date", { title: "T", sections: [] }, "/"],
    ["a US date", { ...good, date: "01/08/2026" }, "/date"],
    ["an unknown field", { ...good, presentor: "X" }, "/"],
    ["an unknown layout", { ...good, sections: [{ heading: "X", layout: "quotes" }] }, "/sections/0/layout"],
    ["items on a text slide", { ...good, sections: [{ heading: "X", items: ["a"] }] }, "/sections/0"],
    ["a timeline item without its date", { ...good, sections: [{ heading: "X", layout: "timeline", items: [{ text: "a" }] }] }, "/sections/0/items/0"],
    ["an unknown attribute", { ...good, sections: [{ heading: "X", attributes: { fragment: true } }] }, "/sections/0/attributes"],
    ["a figure without alt text", { ...good, sections: [{ heading: "X", layout: "figure", figure: { path: "a.png" } }] }, "/sections/0/figure"],
  ])("rejects %s", (_, briefing, where) => {
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(briefing)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toContain(where === "/" ? "" : where);
  });

  it("and the briefings it rejects, briefdeck rejects too", async () => {
    const content = join(work.path, "rejected");
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, "bad.json"), JSON.stringify({ title: "T", date: "2026-01-08", sections: [{ heading: "X", layout: "timeline", items: [{ text: "a" }] }] }));
    const model = await runCli(["model", "--content", content, "bad"]);
    expect(model.code).toBe(1);
    expect(model.stdout).toBe("");
    expect(relative(ROOT, content) !== "" && model.stderr).toMatch(/bad\.json:\d+:\d+: error: sections\[0\]\.items\[0\]: timeline item must start with a bold date/);
  });
});
