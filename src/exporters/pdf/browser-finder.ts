import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { EnvironmentError } from "../../core/errors.js";

/** Where the browser was found, for messages and debugging. */
export type BrowserSource =
  | "--browser"
  | "BRIEFDECK_BROWSER"
  | "PUPPETEER_EXECUTABLE_PATH"
  | "puppeteer"
  | "system";

export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

/** Everything the finder looks at, injectable so tests can use fake executables. */
export interface FinderContext {
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Path of puppeteer's own downloaded browser, if puppeteer knows one. */
  puppeteerPath?: () => string | undefined;
  isExecutable?: (path: string) => boolean;
}

/** Per-platform places where Chrome or Chromium usually lives. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  switch (platform) {
    case "darwin": {
      const apps = [
        "Google Chrome.app/Contents/MacOS/Google Chrome",
        "Chromium.app/Contents/MacOS/Chromium",
        "Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary",
        "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
      ];
      const roots = ["/Applications", ...(env.HOME ? [join(env.HOME, "Applications")] : [])];
      return roots.flatMap((root) => apps.map((app) => `${root}/${app}`));
    }
    case "win32": {
      const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
      const apps = ["Google\\Chrome\\Application\\chrome.exe", "Chromium\\Application\\chrome.exe", "Microsoft\\Edge\\Application\\msedge.exe"];
      return roots.flatMap((root) => apps.map((app) => `${root}\\${app}`));
    }
    default:
      return [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome-stable",
        "/usr/bin/google-chrome",
        "/snap/bin/chromium",
        "/opt/google/chrome/chrome",
        "/usr/lib/chromium/chromium",
      ];
  }
}

const PATH_BINARIES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome", "msedge"];

function defaultIsExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves the browser in a fixed order: `--browser`, `BRIEFDECK_BROWSER`,
 * `PUPPETEER_EXECUTABLE_PATH`, puppeteer's own download, then the system's
 * Chrome or Chromium (known paths, then binaries on PATH). A path the user
 * names explicitly must work: it is never silently skipped.
 */
export function findBrowser(context: FinderContext): FoundBrowser | undefined {
  const isExecutable = context.isExecutable ?? defaultIsExecutable;
  const explicit: [BrowserSource, string | undefined][] = [
    ["--browser", context.flag],
    ["BRIEFDECK_BROWSER", context.env.BRIEFDECK_BROWSER],
    ["PUPPETEER_EXECUTABLE_PATH", context.env.PUPPETEER_EXECUTABLE_PATH],
  ];
  for (const [source, path] of explicit) {
    if (path === undefined || path === "") continue;
    if (!isExecutable(path)) {
      throw new EnvironmentError(
        `browser ${path} (from ${source}) does not exist or cannot be run: point ${source} at a Chrome or Chromium executable, or use --no-pdf for HTML only`,
      );
    }
    return { path, source };
  }
  const downloaded = context.puppeteerPath?.();
  if (downloaded && isExecutable(downloaded)) return { path: downloaded, source: "puppeteer" };
  for (const path of systemBrowserPaths(context.platform, context.env)) {
    if (isExecutable(path)) return { path, source: "system" };
  }
  const pathDirs = (context.env.PATH ?? "").split(context.platform === "win32" ? ";" : delimiter).filter(Boolean);
  const extension = context.platform === "win32" ? ".exe" : "";
  for (const dir of pathDirs) {
    for (const name of PATH_BINARIES) {
      const candidate = join(dir, name + extension);
      if (isExecutable(candidate)) return { path: candidate, source: "system" };
    }
  }
  return undefined;
}

/** The exact command that installs a browser here, for the message when none is found. */
export function installAdvice(platform: NodeJS.Platform): string {
  switch (platform) {
    case "darwin":
      return "install Google Chrome (https://www.google.com/chrome/) or run: brew install --cask chromium";
    case "win32":
      return "install Google Chrome or Microsoft Edge, or set BRIEFDECK_BROWSER to chrome.exe";
    default:
      return "run: sudo apt-get install -y chromium (Debian/Ubuntu) or sudo dnf install -y chromium (Fedora)";
  }
}

/** No browser anywhere (as opposed to a named one that does not run): HTML-only builds go on unfitted. */
export class NoBrowserFoundError extends EnvironmentError {}

export function noBrowserError(platform: NodeJS.Platform): NoBrowserFoundError {
  return new NoBrowserFoundError(
    `no Chrome or Chromium found to print the PDF: ${installAdvice(platform)}; or set BRIEFDECK_BROWSER=/path/to/chrome; or build HTML only with --no-pdf`,
  );
}
