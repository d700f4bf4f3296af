import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvironmentError } from "../src/core/errors.js";
import { findBrowser, systemBrowserPaths } from "../src/exporters/pdf/browser-finder.js";
import { runCli, temporaryFolder, EXAMPLE_CONTENT } from "./support/files.js";

const dir = temporaryFolder();
afterAll(() => dir.remove());

/** A fake executable: the finder only needs it to exist and be runnable. */
function fakeBrowser(name: string): string {
  const path = join(dir.path, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "#!/bin/sh\nexit 0\n");
  chmodSync(path, 0o755);
  return path;
}

const flag = fakeBrowser("flag-chrome");
const briefdeckEnv = fakeBrowser("env-chrome");
const puppeteerEnv = fakeBrowser("puppeteer-env-chrome");
const downloaded = fakeBrowser("downloaded-chrome");
const onPath = fakeBrowser("bin/chromium");
const notExecutable = join(dir.path, "plain-file");
writeFileSync(notExecutable, "");

const none = { env: {}, platform: "linux" as const, isExecutable: (path: string) => !systemBrowserPaths("linux", {}).includes(path) && path !== notExecutable && !path.includes("missing") };

describe("browser resolution order", () => {
  it("takes --browser first", () => {
    expect(findBrowser({ flag, env: { BRIEFDECK_BROWSER: briefdeckEnv, PUPPETEER_EXECUTABLE_PATH: puppeteerEnv }, platform: "linux" }))
      .toEqual({ path: flag, source: "--browser" });
  });

  it("then BRIEFDECK_BROWSER, then PUPPETEER_EXECUTABLE_PATH", () => {
    expect(findBrowser({ env: { BRIEFDECK_BROWSER: briefdeckEnv, PUPPETEER_EXECUTABLE_PATH: puppeteerEnv }, platform: "linux" })?.source)
      .toBe("BRIEFDECK_BROWSER");
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: puppeteerEnv }, platform: "linux" })?.source).toBe("PUPPETEER_EXECUTABLE_PATH");
  });

  it("then puppeteer's own downloaded browser", () => {
    expect(findBrowser({ env: {}, platform: "linux", puppeteerPath: () => downloaded })).toEqual({ path: downloaded, source: "puppeteer" });
  });

  it("then the system's known paths, before binaries on PATH", () => {
    const known = systemBrowserPaths("linux", {})[1] ?? "";
    const found = findBrowser({ env: { PATH: join(dir.path, "bin") }, platform: "linux", isExecutable: (path) => path === known || path === onPath });
    expect(found).toEqual({ path: known, source: "system" });
  });

  it("then a chromium binary on PATH", () => {
    const found = findBrowser({ ...none, env: { PATH: `/missing:${join(dir.path, "bin")}` } });
    expect(found).toEqual({ path: onPath, source: "system" });
  });

  it("knows macOS and Windows locations", () => {
    expect(systemBrowserPaths("darwin", { HOME: "/Users/a" })).toContain("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    expect(systemBrowserPaths("win32", { PROGRAMFILES: "C:\\Program Files" })).toContain("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe");
  });

  it("finds nothing when there is nothing", () => {
    expect(findBrowser({ ...none, env: { PATH: "/missing" } })).toBeUndefined();
  });

  it("refuses an explicit path that cannot run instead of skipping it", () => {
    expect(() => findBrowser({ flag: notExecutable, env: {}, platform: "linux" })).toThrow(EnvironmentError);
    expect(() => findBrowser({ env: { BRIEFDECK_BROWSER: "/nonexistent" }, platform: "linux" })).toThrow(/BRIEFDECK_BROWSER/);
  });
});

describe("build without a usable browser", () => {
  it("exits 3 with a message that says what to do when BRIEFDECK_BROWSER=/nonexistent", async () => {
    const out = temporaryFolder();
    const saved = process.env.BRIEFDECK_BROWSER;
    process.env.BRIEFDECK_BROWSER = "/nonexistent";
    try {
      const result = await runCli(["build", "--content", EXAMPLE_CONTENT, "--out", out.path]);
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/^briefdeck: browser \/nonexistent \(from BRIEFDECK_BROWSER\) does not exist or cannot be run: .*--no-pdf/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      if (saved === undefined) delete process.env.BRIEFDECK_BROWSER;
      else process.env.BRIEFDECK_BROWSER = saved;
      out.remove();
    }
  });

  it("still builds HTML with --no-pdf", async () => {
    const out = temporaryFolder();
    const saved = process.env.BRIEFDECK_BROWSER;
    process.env.BRIEFDECK_BROWSER = "/nonexistent";
    try {
      const result = await runCli(["build", "--no-pdf", "--quiet", "--content", EXAMPLE_CONTENT, "--out", out.path]);
      expect(result.code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.BRIEFDECK_BROWSER;
      else process.env.BRIEFDECK_BROWSER = saved;
      out.remove();
    }
  });
});
