import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export type InstallResult = { installed: true } | { installed: false; reason: string };

/**
 * Installs the operating system's Chromium package where this can be done
 * without asking anyone: Linux, running as root, with apt-get. Elsewhere the
 * caller prints the exact command instead.
 */
export function installSystemBrowser(log: (line: string) => void): InstallResult {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (process.platform !== "linux" || !isRoot || !existsSync("/usr/bin/apt-get")) {
    return { installed: false, reason: "automatic install needs Linux, root and apt-get" };
  }
  log("briefdeck: no browser found; installing Debian's chromium package (apt-get install -y chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"], env });
  if (update.status !== 0) return { installed: false, reason: "apt-get update failed" };
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: ["ignore", "ignore", "inherit"], env });
  if (install.status !== 0) return { installed: false, reason: "apt-get install chromium failed" };
  return { installed: true };
}
