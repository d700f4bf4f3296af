import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inShard, parseShard } from "../src/build/shard.js";
import { startRemoteBrowser } from "./support/browser.js";
import type { RemoteBrowser } from "./support/browser.js";
import { EXAMPLE_CONTENT, runCli, temporaryFolder } from "./support/files.js";

const SLUGS = ["alpha", "bravo", "charlie", "delta"];
const content = temporaryFolder();
const local = temporaryFolder();

/** Runs the CLI with the local browser made unusable: a build that tried to start one would fail. */
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

/** Watches an endpoint's page targets while a build runs: did any of our decks open there? */
function watchDecks(browser: RemoteBrowser, onDeck?: () => void): { seen: () => boolean; stop: () => void } {
  let seen = false;
  let stopped = false;
  const poll = async (): Promise<void> => {
    while (!stopped) {
      try {
        const response = await fetch(`${browser.httpUrl}/json/list`);
        const targets = (await response.json()) as Array<{ url: string }>;
        if (targets.some((target) => /index\.html\?print-pdf/.test(target.url))) {
          if (!seen) onDeck?.();
          seen = true;
        }
      } catch {
        // The browser was killed: nothing more to see.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  void poll();
  return { seen: () => seen, stop: () => { stopped = true; } };
}

beforeAll(async () => {
  for (const slug of SLUGS) cpSync(join(EXAMPLE_CONTENT, "ots-security.md"), join(content.path, `${slug}.md`));
  const built = await runCli(["build", "--content", content.path, "--out", local.path, "--quiet"]);
  expect(built.code, built.stderr).toBe(0);
}, 180_000);

afterAll(() => {
  content.remove();
  local.remove();
});

describe("printing on running browsers (--browser-url)", () => {
  it("spreads the briefings over two endpoints, prints the same PDFs as a local browser, leaves no page open and starts no browser", async () => {
    const browsers = [await startRemoteBrowser(), await startRemoteBrowser()];
    const out = temporaryFolder();
    try {
      const before = await Promise.all(browsers.map((browser) => browser.pages()));
      const watchers = browsers.map((browser) => watchDecks(browser));
      const result = await withoutLocalBrowser(() =>
        runCli(["build", "--content", content.path, "--out", out.path, "--quiet", "--concurrency", "2", "--browser-url", browsers[0]?.httpUrl ?? "", "--browser-url", browsers[1]?.wsUrl ?? ""]),
      );
      for (const watcher of watchers) watcher.stop();
      expect(result.code, result.stderr).toBe(0);
      expect(watchers.map((watcher) => watcher.seen())).toEqual([true, true]);
      for (const slug of SLUGS) {
        const remote = readFileSync(join(out.path, slug, `${slug}.pdf`));
        expect(remote.equals(readFileSync(join(local.path, slug, `${slug}.pdf`))), `${slug}.pdf`).toBe(true);
      }
      expect(await Promise.all(browsers.map((browser) => browser.pages()))).toEqual(before);
    } finally {
      for (const browser of browsers) browser.kill();
      out.remove();
    }
  }, 240_000);

  it("moves a briefing to the other endpoint when its browser is killed mid-build, and the build still succeeds", async () => {
    const [doomed, survivor] = [await startRemoteBrowser(), await startRemoteBrowser()];
    const out = temporaryFolder();
    try {
      const before = await survivor.pages();
      const watcher = watchDecks(doomed, () => doomed.kill());
      const result = await withoutLocalBrowser(() =>
        runCli(["build", "--content", content.path, "--out", out.path, "--quiet", "--concurrency", "2", "--browser-url", doomed.httpUrl, "--browser-url", survivor.httpUrl]),
      );
      watcher.stop();
      expect(watcher.seen()).toBe(true);
      expect(result.code, result.stderr).toBe(0);
      for (const slug of SLUGS) {
        expect(readFileSync(join(out.path, slug, `${slug}.pdf`)).equals(readFileSync(join(local.path, slug, `${slug}.pdf`))), `${slug}.pdf`).toBe(true);
      }
      expect(await survivor.pages()).toEqual(before);
    } finally {
      doomed.kill();
      survivor.kill();
      out.remove();
    }
  }, 240_000);

  it("fails the briefing with a clear error, and keeps its previous output, when no endpoint is left", async () => {
    const only = await startRemoteBrowser();
    const out = temporaryFolder();
    try {
      cpSync(local.path, out.path, { recursive: true });
      const previous = readFileSync(join(out.path, "alpha", "alpha.pdf"));
      writeFileSync(join(content.path, "alpha.md"), readFileSync(join(content.path, "alpha.md"), "utf8").replace("Key judgments", "Key judgements"));
      const watcher = watchDecks(only, () => only.kill());
      const result = await withoutLocalBrowser(() =>
        runCli(["build", "--content", content.path, "--out", out.path, "--quiet", "--concurrency", "1", "--browser-url", only.httpUrl, "alpha"]),
      );
      watcher.stop();
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/went away while printing alpha|no remote browser is left/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(join(out.path, "alpha", "alpha.pdf")).equals(previous)).toBe(true);
    } finally {
      writeFileSync(join(content.path, "alpha.md"), readFileSync(join(EXAMPLE_CONTENT, "ots-security.md"), "utf8"));
      only.kill();
      out.remove();
    }
  }, 240_000);

  it("says which address it cannot reach, as an environment problem", async () => {
    const result = await withoutLocalBrowser(() => runCli(["build", "--content", content.path, "--out", temporaryFolder().path, "--browser-url", "http://127.0.0.1:9", "alpha"]));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("cannot reach the browser at http://127.0.0.1:9");
    const wrong = await runCli(["build", "--content", content.path, "--browser-url", "chrome.local"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--browser-url takes http://host:port");
  });
});

describe("shards (--shard i/n) and briefdeck index", () => {
  const slugs = Array.from({ length: 300 }, (_, index) => `briefing-${index.toString(36)}`);

  it("gives every briefing to exactly one shard, whatever n", () => {
    for (const count of [1, 2, 3, 5, 8]) {
      for (const slug of slugs) {
        const owners = Array.from({ length: count }, (_, index) => index + 1).filter((index) => inShard(slug, { index, count }));
        expect(owners, `${slug} in ${count} shards`).toHaveLength(1);
      }
    }
  });

  it("keeps each briefing in its shard when briefings are added or removed", () => {
    const shardOf = (slug: string, count: number): number => Array.from({ length: count }, (_, i) => i + 1).find((index) => inShard(slug, { index, count })) ?? 0;
    const first = new Map(slugs.slice(0, 100).map((slug) => [slug, shardOf(slug, 4)]));
    // Deciding for more briefings does not change the decision for the first hundred.
    const later = slugs.map((slug) => [slug, shardOf(slug, 4)] as const).filter(([slug]) => first.has(slug));
    expect(new Map(later)).toEqual(first);
    // And the shares are roughly even.
    for (let index = 1; index <= 4; index++) expect(slugs.filter((slug) => inShard(slug, { index, count: 4 })).length).toBeGreaterThan(40);
  });

  it("refuses a shard that does not exist", () => {
    for (const text of ["0/2", "3/2", "1/0", "a/b", "1"]) expect(() => parseShard(text), text).toThrow(/--shard takes i\/n/);
  });

  it("builds the shards apart, then index lists every deck of the merged output", async () => {
    const out = temporaryFolder();
    try {
      const counts: number[] = [];
      for (const shard of ["1/2", "2/2"]) {
        const result = await runCli(["build", "--content", content.path, "--out", out.path, "--no-pdf", "--no-fit", "--quiet", "--shard", shard]);
        expect(result.code, result.stderr).toBe(0);
        counts.push(readdirSync(out.path).filter((name) => SLUGS.includes(name)).length);
      }
      expect(counts[1]).toBe(SLUGS.length);
      expect(counts[0]).toBeLessThan(SLUGS.length);
      const index = await runCli(["index", "--out", out.path]);
      expect(index.code, index.stderr).toBe(0);
      expect(index.stdout).toContain(`(${SLUGS.length} decks)`);
      const html = readFileSync(join(out.path, "index.html"), "utf8");
      for (const slug of SLUGS) expect(html).toContain(`${slug}/index.html`);
      expect(existsSync(join(out.path, "_assets"))).toBe(true);
      const misuse = await runCli(["index", "--out", out.path, "--no-pdf"]);
      expect(misuse.code).toBe(2);
    } finally {
      out.remove();
    }
  });
});
