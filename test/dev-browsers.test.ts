import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyConfig, parseProjectConfig } from "../src/cli/config.js";
import { startDevServer } from "../src/dev/server.js";
import { startRemoteBrowser } from "./support/browser.js";
import type { RemoteBrowser } from "./support/browser.js";
import { ROOT, runCli, temporaryFolder } from "./support/files.js";

const FIT_CONTENT = join(ROOT, "test/fixtures/fit/content");

/** A content folder holding one briefing that fitting must split. */
function project(): { root: string; content: string; out: string; remove: () => void } {
  const root = temporaryFolder("briefdeck-dev-browsers-");
  const content = join(root.path, "content");
  mkdirSync(content);
  copyFileSync(join(FIT_CONTENT, "long-list.md"), join(content, "long-list.md"));
  return { root: root.path, content, out: join(root.path, "dist"), remove: root.remove };
}

/** Runs `work` with the local browser made unusable: anything that tried to start one would fail or go unfitted. */
async function withoutLocalBrowser<T>(work: () => Promise<T>): Promise<T> {
  const saved = { browser: process.env.BRIEFDECK_BROWSER, puppeteer: process.env.PUPPETEER_EXECUTABLE_PATH };
  process.env.BRIEFDECK_BROWSER = "/nonexistent/no-local-browser";
  process.env.PUPPETEER_EXECUTABLE_PATH = "/nonexistent/no-local-browser";
  try {
    return await work();
  } finally {
    if (saved.browser === undefined) delete process.env.BRIEFDECK_BROWSER;
    else process.env.BRIEFDECK_BROWSER = saved.browser;
    if (saved.puppeteer === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
    else process.env.PUPPETEER_EXECUTABLE_PATH = saved.puppeteer;
  }
}

const deckHtml = (out: string): string => readFileSync(join(out, "long-list", "index.html"), "utf8");

describe("dev --no-pdf fits the slides when a browser is found", () => {
  it("splits what does not fit, prints no PDF", async () => {
    const files = project();
    const log: string[] = [];
    const server = await startDevServer({ contentDir: files.content, outDir: files.out, pdf: false, port: 0, watchBuiltInTemplates: false, log: (line) => log.push(line) });
    try {
      expect(deckHtml(files.out)).toContain("Thirty items (cont.)");
      expect(log.join("\n")).toMatch(/long-list\.md:9:1: note: "Thirty items" continues on \d+ more slides?/);
      expect(log.join("\n")).not.toMatch(/not fitted/);
      expect(existsSync(join(files.out, "long-list", "long-list.pdf"))).toBe(false);
    } finally {
      await server.close();
      files.remove();
    }
  }, 120_000);

  it("without a usable browser it still serves, unfitted, and says so; with --no-fit it never looks for one", async () => {
    const files = project();
    const log: string[] = [];
    await withoutLocalBrowser(async () => {
      const server = await startDevServer({ contentDir: files.content, outDir: files.out, pdf: false, port: 0, watchBuiltInTemplates: false, log: (line) => log.push(line) });
      try {
        expect(deckHtml(files.out)).not.toContain("(cont.)");
        expect(log).toContainEqual(expect.stringMatching(/^briefdeck: slides not fitted \(the browser .* names cannot be run\), long sections may overflow$/));
        expect((await fetch(server.url)).status).toBe(200);
      } finally {
        await server.close();
      }
      const quiet: string[] = [];
      const unfitted = await startDevServer({ contentDir: files.content, outDir: join(files.root, "dist2"), pdf: false, fit: false, port: 0, watchBuiltInTemplates: false, log: (line) => quiet.push(line) });
      await unfitted.close();
      expect(quiet.join("\n")).not.toMatch(/browser/);
    });
    files.remove();
  }, 120_000);
});

describe("browser-url: dev and briefdeck.yaml print on running browsers", () => {
  let remote: RemoteBrowser;
  beforeAll(async () => {
    remote = await startRemoteBrowser();
  }, 60_000);
  afterAll(() => remote?.kill());

  it("reads one address or a list from briefdeck.yaml, checked at its line; the command line replaces it", () => {
    const one = parseProjectConfig("browser-url: http://10.0.0.5:9222\n", "briefdeck.yaml", "/p");
    expect(one.config["browser-url"]).toEqual(["http://10.0.0.5:9222"]);
    const list = parseProjectConfig("pdf: true\nbrowser-url:\n  - http://10.0.0.5:9222\n  - ws://pool:3000/chrome\nserve-host: 10.0.0.2\n", "briefdeck.yaml", "/p");
    expect(list.diagnostics).toEqual([]);
    expect(list.config).toMatchObject({ "browser-url": ["http://10.0.0.5:9222", "ws://pool:3000/chrome"], "serve-host": "10.0.0.2" });
    const bad = parseProjectConfig("browser-url:\n  - http://10.0.0.5:9222\n  - file:///tmp/x\n", "briefdeck.yaml", "/p");
    expect(bad.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      expect.stringMatching(/^2:3 browser-url takes http:\/\/host:port of a browser started with --remote-debugging-port, or a ws:\/\/ endpoint \(one, or a list of them\), not "file:\/\/\/tmp\/x"$/),
    ]);
    expect(applyConfig({}, list.config)["browser-url"]).toEqual(["http://10.0.0.5:9222", "ws://pool:3000/chrome"]);
    expect(applyConfig({ "browser-url": ["http://other:9222"] }, list.config)["browser-url"]).toEqual(["http://other:9222"]);
  });

  it("a build prints on the browsers briefdeck.yaml names, starting none of its own", async () => {
    const files = project();
    writeFileSync(join(files.root, "briefdeck.yaml"), `browser-url:\n  - ${remote.httpUrl}\n`);
    const result = await withoutLocalBrowser(() => runCli(["build", "--quiet", "--content", files.content, "--out", files.out]));
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(files.out, "long-list", "long-list.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(deckHtml(files.out)).toContain("Thirty items (cont.)");
    expect(await remote.pages()).toHaveLength(1);
    files.remove();
  }, 120_000);

  it("dev fits and prints on the running browser, leaves no page open there after close", async () => {
    const files = project();
    const log: string[] = [];
    const before = await remote.pages();
    await withoutLocalBrowser(async () => {
      const server = await startDevServer({
        contentDir: files.content, outDir: files.out, pdf: true, browserUrls: [remote.httpUrl], port: 0, watchBuiltInTemplates: false, log: (line) => log.push(line),
      });
      try {
        const deadline = Date.now() + 90_000;
        while (!log.some((line) => line.startsWith("PDF of long-list updated"))) {
          expect(Date.now(), log.join("\n")).toBeLessThan(deadline);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(readFileSync(join(files.out, "long-list", "long-list.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
        expect(deckHtml(files.out)).toContain("Thirty items (cont.)");
      } finally {
        await server.close();
      }
    });
    expect(await remote.pages()).toEqual(before);
    files.remove();
  }, 150_000);
});
