import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CONFIG_KEYS, applyConfig, parseProjectConfig } from "../src/cli/config.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, runCli, temporaryFolder } from "./support/files.js";
import { solidPng } from "./support/png.js";

const folders: (() => void)[] = [];
afterAll(() => {
  for (const remove of folders) remove();
});

/** A project folder: the example in content/, and a briefdeck.yaml beside it when given. */
function project(settings?: string): { root: string; content: string } {
  const root = temporaryFolder("briefdeck-config-");
  folders.push(root.remove);
  const content = join(root.path, "content");
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  if (settings !== undefined) writeFileSync(join(root.path, "briefdeck.yaml"), settings);
  return { root: root.path, content };
}

describe("briefdeck.yaml: read and validated like front matter", () => {
  it("reads every key into typed settings, paths resolved against the file's folder", () => {
    const { root } = project();
    mkdirSync(join(root, "briefs", "brand"), { recursive: true });
    writeFileSync(join(root, "briefs", "brand", "logo.png"), solidPng(4, 4));
    const source = [
      "pdf: false", "handout: true", "paper: letter", "single-file: true", "pdf-fragments: true", "pptx: true", "content: briefs",
      "out: ../public", "templates: t", "browser: /usr/bin/chromium", "concurrency: 3", "strict: true", "fit: false",
      "port: 0", "host: 0.0.0.0", "logo: briefs/brand/logo.png", 'accent: "#1D4F91"', "browser-url: http://10.0.0.5:9222", "serve-host: 10.0.0.2",
    ].join("\n");
    const { config, diagnostics } = parseProjectConfig(source, "briefdeck.yaml", root);
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      file: "briefdeck.yaml", pdf: false, handout: true, paper: "letter", "single-file": true, "pdf-fragments": true, pptx: true,
      content: join(root, "briefs"), out: join(root, "..", "public"), templates: join(root, "t"), browser: "/usr/bin/chromium",
      concurrency: 3, strict: true, fit: false, port: 0, host: "0.0.0.0",
      logo: { path: join(root, "briefs", "brand", "logo.png"), src: "briefs/brand/logo.png", line: 16, column: 7 }, accent: "#1d4f91",
      "browser-url": ["http://10.0.0.5:9222"], "serve-host": "10.0.0.2",
    });
    expect(Object.keys(config).filter((key) => key !== "file").sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it("reports unknown keys with a did-you-mean and wrong types at their line and column, all at once", () => {
    const source = "pfd: false\nconcurrency: two\npaper: a5\n  # comment\nstrict: yes\nport: 70000\nsingle_file: true\n";
    const { diagnostics } = parseProjectConfig(source, "briefdeck.yaml", "/p");
    const lines = diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^1:1 unknown setting "pfd" \(did you mean "pdf"\?\); use one of: pdf, handout/),
      expect.stringMatching(/^2:14 concurrency must be a whole number from 1 up, not "two"/),
      expect.stringMatching(/^3:8 paper must be one of: a4, letter, not "a5"/),
      expect.stringMatching(/^5:9 strict must be true or false, not "yes"/),
      expect.stringMatching(/^6:7 port must be a whole number from 0 to 65535, not 70000/),
      expect.stringMatching(/^7:1 unknown setting "single_file" \(did you mean "single-file"\?\)/),
    ]);
  });

  it("reports YAML syntax errors and a file that is not a mapping", () => {
    expect(parseProjectConfig("pdf: [false\n", "b.yaml", "/").diagnostics[0]).toMatchObject({ severity: "error", line: expect.any(Number) as unknown });
    expect(parseProjectConfig("pdf: 1\npdf: 2\n", "b.yaml", "/").diagnostics).toHaveLength(1);
    expect(parseProjectConfig("- pdf\n", "b.yaml", "/").diagnostics[0]?.message).toMatch(/holds settings, one per line/);
    expect(parseProjectConfig("# nothing set yet\n", "b.yaml", "/").diagnostics).toEqual([]);
  });

  it("lets flags override the file, both ways", () => {
    const config = { file: "b.yaml", pdf: false, handout: true, fit: false, concurrency: 2, out: "/o" };
    expect(applyConfig({}, config)).toMatchObject({ "no-pdf": true, handout: true, "no-fit": true, concurrency: "2", out: "/o" });
    expect(applyConfig({ pdf: true, "no-handout": true, fit: true, concurrency: "5", out: "x" }, config))
      .toMatchObject({ "no-pdf": false, handout: false, "no-fit": false, concurrency: "5", out: "x" });
    expect(() => applyConfig({ pdf: true, "no-pdf": true }, undefined)).toThrow(/--pdf and --no-pdf contradict/);
  });
});

describe("briefdeck.yaml on the command line", () => {
  it("is found beside the content folder and its settings stick: no PDF, a single-file deck, another output folder", async () => {
    const { root, content } = project("pdf: false\nsingle-file: true\nout: public\n");
    const result = await runCli(["build", "--quiet", "--content", content]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const deck = join(root, "public", EXAMPLE_SLUG);
    expect(readdirSync(deck)).toContain(`${EXAMPLE_SLUG}.html`);
    expect(existsSync(join(deck, `${EXAMPLE_SLUG}.pdf`))).toBe(false);
  });

  it("is overridden by flags", async () => {
    const { root, content } = project("pdf: false\nsingle-file: true\nout: public\n");
    const out = join(root, "elsewhere");
    const result = await runCli(["build", "--quiet", "--no-single-file", "--content", content, "--out", out]);
    expect(result.code).toBe(0);
    expect(readdirSync(join(out, EXAMPLE_SLUG))).not.toContain(`${EXAMPLE_SLUG}.html`);
    expect(existsSync(join(root, "public"))).toBe(false);
  });

  it("is taken from --config PATH, which must exist", async () => {
    const { root, content } = project();
    mkdirSync(join(root, "settings"));
    writeFileSync(join(root, "settings", "site.yaml"), "pdf: false\nout: ../site-out\n");
    const result = await runCli(["build", "--quiet", "--config", join(root, "settings", "site.yaml"), "--content", content]);
    expect(result.code).toBe(0);
    expect(existsSync(join(root, "site-out", EXAMPLE_SLUG, "index.html"))).toBe(true);
    const missing = await runCli(["build", "--config", join(root, "nope.yaml"), "--content", content]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the settings file .*nope\.yaml/);
  });

  it("stops with exit code 2 and file:line:col errors when a key is wrong; nothing is built", async () => {
    const { root, content } = project("pdf: false\nhandot: true\n");
    const result = await runCli(["build", "--content", content, "--out", join(root, "dist")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\S*briefdeck\.yaml:2:1: error: unknown setting "handot" \(did you mean "handout"\?\)/m);
    expect(existsSync(join(root, "dist"))).toBe(false);
  });

  it("is written by briefdeck new, every setting commented out, and the starter file is valid", async () => {
    const { root, content } = project();
    const created = await runCli(["new", "gas-transit", "--content", content]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created .*briefdeck\.yaml/);
    const starter = readFileSync(join(root, "briefdeck.yaml"), "utf8");
    for (const key of CONFIG_KEYS) expect(starter).toContain(`# ${key}:`);
    expect(parseProjectConfig(starter, "briefdeck.yaml", root).diagnostics).toEqual([]);
    // Uncommented, every example value is valid too (the logo once its image is there).
    mkdirSync(join(content, "brand"), { recursive: true });
    writeFileSync(join(content, "brand", "logo.png"), solidPng(4, 4));
    const uncommented = starter.split("\n").map((line) => line.replace(/^# (?=[a-z-]+:)/, "")).join("\n");
    expect(parseProjectConfig(uncommented, "briefdeck.yaml", root).diagnostics).toEqual([]);
    // A second briefing leaves the settings the user may have edited alone.
    writeFileSync(join(root, "briefdeck.yaml"), "pdf: false\n");
    expect((await runCli(["new", "second", "--content", content])).stdout).not.toMatch(/briefdeck\.yaml/);
    expect(readFileSync(join(root, "briefdeck.yaml"), "utf8")).toBe("pdf: false\n");
  });
});
