import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CONTENT, ROOT } from "./support/files.js";

const SLOW = process.env.BRIEFDECK_SLOW_TESTS === "1";
/** Kills in the full run; a quick run still kills inside the commit and at random. */
const KILLS = SLOW ? 30 : 6;

// A short path: Chromium's temporary folder goes inside its profile only when the socket path it makes there fits.
const root = { path: mkdtempSync("/tmp/bk-"), remove: () => rmSync(root.path, { recursive: true, force: true }) };
const content = join(root.path, "content");
const tmp = join(root.path, "t");

beforeAll(() => {
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  // A second deck, so kills land while one deck commits and the other still prints.
  cpSync(join(content, "ots-security.md"), join(content, "second-briefing.md"));
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => root.remove());

/** Every file under a folder with its bytes (cache records aside: they hold timings of their own build). */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(folder, { recursive: true, encoding: "utf8" }).sort()) {
    const path = join(folder, name);
    if (statSync(path).isFile() && !name.includes(".briefdeck-cache")) files.set(name, readFileSync(path).toString("base64"));
  }
  return files;
}

function build(out: string, env: Record<string, string> = {}): ReturnType<typeof spawn> {
  return spawn(process.execPath, [join(ROOT, "bin/briefdeck.js"), "build", "--quiet", "--force", "--content", content, "--out", out], {
    env: { ...process.env, TMPDIR: tmp, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/** The exit code, and what was printed to stderr when it is not 0. */
function exited(child: ReturnType<typeof spawn>): Promise<string> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolve) => child.on("close", (code) => resolve(code === 0 ? "0" : `${code}: ${stderr}`)));
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once a commit journal appears in `out` (the build is between its renames), or after `ms`. */
async function commitBegins(out: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (existsSync(out) && readdirSync(out).some((name) => name.includes(".commit-"))) return true;
    await delay(5);
  }
  return false;
}

/** A small deterministic random source, so a failing sequence of kills can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("5. killed builds leave nothing behind", () => {
  it(`${KILLS} kill -9s at random moments and inside the commit, then one build: exactly the expected decks, nothing else`, async () => {
    const expected = join(root.path, "expected");
    expect(await exited(build(expected))).toBe("0");
    const reference = snapshot(expected);

    const out = join(root.path, "dist");
    const next = random(12);
    let insideCommit = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const inCommit = kill % 3 === 0;
      // Every third build pauses between its two renames, and is killed there.
      const child = build(out, inCommit ? { BRIEFDECK_TEST_COMMIT_PAUSE_MS: "2000" } : {});
      const done = exited(child);
      if (inCommit) {
        if (await commitBegins(out, 60_000)) insideCommit++;
        await delay(20);
      } else {
        await delay(100 + next() * 5_000);
      }
      child.kill("SIGKILL");
      await done;
    }
    expect(insideCommit).toBe(Math.ceil(KILLS / 3));

    expect(await exited(build(out))).toBe("0");
    expect(snapshot(out)).toEqual(reference);
    const hidden = readdirSync(out).filter((name) => name.startsWith(".") && name !== ".briefdeck-cache.json");
    expect(hidden).toEqual([]);
    expect(readdirSync(tmp).filter((name) => name.startsWith("briefdeck-") || name.startsWith("org.chromium."))).toEqual([]);
    // The last build's own browser is closed as it ends; those of killed builds were killed by it.
    await delay(500);
    expect(spawnSync("pgrep", ["-f", tmp], { encoding: "utf8" }).stdout.trim()).toBe("");
  }, SLOW ? 900_000 : 300_000);
});
