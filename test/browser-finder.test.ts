import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvironmentError } from "../src/core/errors.js";
import { findBrowser, noBrowserError, systemBrowserPaths } from "../src/exporters/pdf/browser-finder.js";
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

/**
 * A machine of our own making: the finder sees only these executables, this
 * environment and this platform, never the real machine's browsers.
 */
function fakeMachine(executables: readonly string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform = "linux", downloaded?: string): Parameters<typeof findBrowser>[0] & { probed: string[] } {
  const present = new Set(executables);
  const probed: string[] = [];
  return {
    env, platform, probed,
    isExecutable: (path) => { probed.push(path); return present.has(path); },
    ...(downloaded === undefined ? {} : { puppeteerPath: () => downloaded }),
  };
}

describe("browser resolution order, on a fake machine", () => {
  const env = { BRIEFDECK_BROWSER: "/fake/env-chrome", PUPPETEER_EXECUTABLE_PATH: "/fake/puppeteer-env-chrome", PATH: "/fake/empty:/fake/bin:/fake/bin2" };
  const known = systemBrowserPaths("linux", env);
  /** Every place the finder may take a browser from, in the order it must try them. */
  const ORDER: { path: string; source: string; withFlag?: boolean }[] = [
    { path: "/fake/flag-chrome", source: "--browser", withFlag: true },
    { path: "/fake/env-chrome", source: "BRIEFDECK_BROWSER" },
    { path: "/fake/puppeteer-env-chrome", source: "PUPPETEER_EXECUTABLE_PATH" },
    { path: "/fake/downloaded-chrome", source: "puppeteer" },
    ...known.map((path) => ({ path, source: "system" })),
    // On PATH: each folder in turn, and in each the names in a fixed order.
    { path: "/fake/bin/chromium", source: "system" },
    { path: "/fake/bin/google-chrome", source: "system" },
    { path: "/fake/bin2/chromium-browser", source: "system" },
  ];

  it("takes the first candidate present, whichever ones are missing", () => {
    for (let first = 0; first < ORDER.length; first++) {
      const rest = ORDER.slice(first);
      const present = rest.map((candidate) => candidate.path);
      const explicit = (source: string): boolean => rest.some((candidate) => candidate.source === source);
      const machine = fakeMachine(present, {
        PATH: env.PATH,
        ...(explicit("BRIEFDECK_BROWSER") ? { BRIEFDECK_BROWSER: env.BRIEFDECK_BROWSER } : {}),
        ...(explicit("PUPPETEER_EXECUTABLE_PATH") ? { PUPPETEER_EXECUTABLE_PATH: env.PUPPETEER_EXECUTABLE_PATH } : {}),
      }, "linux", "/fake/downloaded-chrome");
      const expected = ORDER[first];
      expect(findBrowser({ ...machine, flag: expected?.withFlag ? expected.path : undefined }), `with ${expected?.path} first`)
        .toEqual({ path: expected?.path, source: expected?.source });
    }
  });

  it("an explicit path wins over every other one present", () => {
    const everything = ORDER.map((candidate) => candidate.path);
    expect(findBrowser({ ...fakeMachine(everything, env, "linux", "/fake/downloaded-chrome"), flag: "/fake/flag-chrome" })?.source).toBe("--browser");
    expect(findBrowser(fakeMachine(everything, env, "linux", "/fake/downloaded-chrome"))?.source).toBe("BRIEFDECK_BROWSER");
  });

  it("an empty variable is not set", () => {
    expect(findBrowser(fakeMachine(["/fake/downloaded-chrome"], { BRIEFDECK_BROWSER: "", PUPPETEER_EXECUTABLE_PATH: "" }, "linux", "/fake/downloaded-chrome")))
      .toEqual({ path: "/fake/downloaded-chrome", source: "puppeteer" });
  });

  it("refuses an explicit path that cannot run instead of falling back to another", () => {
    const others = ORDER.slice(3).map((candidate) => candidate.path);
    expect(() => findBrowser({ ...fakeMachine(others, env), flag: "/fake/missing" })).toThrow(/^browser \/fake\/missing \(from --browser\) does not exist or cannot be run: point --browser at a Chrome or Chromium executable, or use --no-pdf for HTML only$/);
    expect(() => findBrowser(fakeMachine(others, { ...env, BRIEFDECK_BROWSER: "/fake/missing" }))).toThrow(EnvironmentError);
    expect(() => findBrowser(fakeMachine(others, { PUPPETEER_EXECUTABLE_PATH: "/fake/missing" }))).toThrow(/from PUPPETEER_EXECUTABLE_PATH/);
  });

  it("skips puppeteer's download when it is not there", () => {
    expect(findBrowser(fakeMachine([known[0] ?? ""], {}, "linux", "/fake/downloaded-chrome"))).toEqual({ path: known[0], source: "system" });
  });

  it("finds nothing on a machine with nothing, after looking everywhere", () => {
    const machine = fakeMachine([], { PATH: "/fake/bin" });
    expect(findBrowser(machine)).toBeUndefined();
    expect(machine.probed).toEqual([...known, ...["chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome", "msedge"].map((name) => `/fake/bin/${name}`)]);
  });

  it("reads PATH with the platform's separator and adds .exe on Windows", () => {
    const windows = { PATH: "C:\\fake;C:\\bin" };
    const found = findBrowser(fakeMachine([join("C:\\bin", "chrome.exe")], windows, "win32"));
    expect(found).toEqual({ path: join("C:\\bin", "chrome.exe"), source: "system" });
    expect(findBrowser(fakeMachine([join("/fake/bin", "chromium")], { PATH: "/fake/none:/fake/bin" }, "darwin"))?.path).toBe("/fake/bin/chromium");
  });

  it("knows macOS and Windows locations, in the user's folders too", () => {
    const mac = systemBrowserPaths("darwin", { HOME: "/Users/a" });
    expect(mac[0]).toBe("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    expect(mac).toContain("/Users/a/Applications/Chromium.app/Contents/MacOS/Chromium");
    expect(systemBrowserPaths("darwin", {})).toHaveLength(4);
    const windows = systemBrowserPaths("win32", { PROGRAMFILES: "C:\\Program Files", LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" });
    expect(windows[0]).toBe("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe");
    expect(windows).toContain("C:\\Users\\a\\AppData\\Local\\Microsoft\\Edge\\Application\\msedge.exe");
    expect(windows).toHaveLength(6);
    expect(systemBrowserPaths("linux", {})[0]).toBe("/usr/bin/chromium");
  });

  it("says how to install a browser on each platform", () => {
    expect(noBrowserError("linux").message).toMatch(/sudo apt-get install -y chromium.*BRIEFDECK_BROWSER=.*--no-pdf/);
    expect(noBrowserError("darwin").message).toMatch(/brew install --cask chromium/);
    expect(noBrowserError("win32").message).toMatch(/Microsoft Edge/);
    expect(noBrowserError("linux")).toBeInstanceOf(EnvironmentError);
  });
});

describe("what counts as a browser that can run (real files)", () => {
  const executable = fakeBrowser("bin/chromium");
  const notExecutable = join(dir.path, "plain-file");
  writeFileSync(notExecutable, "#!/bin/sh\n");
  chmodSync(notExecutable, 0o644);
  const folder = join(dir.path, "a-folder");
  mkdirSync(folder);
  chmodSync(folder, 0o755);

  it("an executable file", () => {
    expect(findBrowser({ flag: executable, env: {}, platform: "linux" })).toEqual({ path: executable, source: "--browser" });
  });

  it("not a plain file, not a folder, not a missing path", () => {
    for (const path of [notExecutable, folder, join(dir.path, "missing")]) {
      expect(() => findBrowser({ flag: path, env: {}, platform: "linux" }), path).toThrow(EnvironmentError);
    }
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
