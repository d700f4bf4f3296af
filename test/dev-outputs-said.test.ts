import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/dev/server.js";
import type { DevServer } from "../src/dev/server.js";
import { launchTestBrowser } from "./support/browser.js";
import { mark, openLive, waitForReload } from "./support/dev.js";
import { ROOT, runCli, temporaryFolder } from "./support/files.js";
import { brokenLinks, readIndexCards } from "./support/index-page.js";

/** The dev server writes its index with the build's own code: the same removal lines, the same failure flags. */
describe("briefdeck dev says what it removes and flags what failed", () => {
  const root = temporaryFolder("briefdeck-dev-outputs-");
  const content = join(root.path, "content");
  const out = join(root.path, "dist");
  const first = join(content, "first.md");
  const log: string[] = [];
  let server: DevServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(content);
    copyFileSync(join(ROOT, "test/fixtures/valid/text.md"), first);
    writeFileSync(join(content, "second.md"), "---\ntitle: Second briefing\ndate: 2026-02-01\n---\n\n## Only section\n\nSome text.\n");
    // An earlier build made single files; the dev server is not asked for them.
    expect((await runCli(["build", "--no-pdf", "--no-fit", "--single-file", "--quiet", "--content", content, "--out", out])).code).toBe(0);
    [server, browser] = await Promise.all([
      startDevServer({ contentDir: content, outDir: out, pdf: false, fit: false, port: 0, watchBuiltInTemplates: false, log: (line) => log.push(line) }),
      launchTestBrowser(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    root.remove();
  });

  it("logs each single file its first pass removed, with the flag that brings it back", () => {
    for (const slug of ["first", "second"]) {
      expect(log).toContainEqual(expect.stringMatching(new RegExp(`^removed \\S*dist/${slug}/${slug}\\.html: this build has no --single-file; build with --single-file`)));
      expect(existsSync(join(out, slug, `${slug}.html`))).toBe(false);
    }
    expect(brokenLinks(out, readIndexCards(out))).toEqual([]);
  });

  it("an invalid save flags the card on the open index, keeping the deck; a good save clears it", async () => {
    const page = await browser.newPage();
    await openLive(page, server.url);
    const deck = readFileSync(join(out, "first", "index.html"));
    const good = readFileSync(first, "utf8");
    const flaggedSlugs = (): Promise<string[]> => page.$$eval(".briefing--failed", (cards) => cards.map((card) => card.getAttribute("data-slug") ?? ""));
    expect(await flaggedSlugs()).toEqual([]);

    await mark(page);
    writeFileSync(first, good.replace(/^date: .*$/m, "date: 2026-13-45"));
    await waitForReload(page);
    expect(await flaggedSlugs(), log.join("\n")).toEqual(["first"]);
    expect(await page.$eval(".briefing--failed .briefing-error", (code) => code.textContent)).toMatch(/first\.md:\d+:\d+: error: date "2026-13-45" is not a date/);
    expect(readFileSync(join(out, "first", "index.html")).equals(deck)).toBe(true);
    // The page on disk says the same as the page served.
    expect(readIndexCards(out).filter((card) => card.flagged).map((card) => card.slug)).toEqual(["first"]);

    await mark(page);
    writeFileSync(first, good.replace("Closing paragraph", "Fixed closing paragraph"));
    await waitForReload(page);
    expect(await flaggedSlugs(), log.join("\n")).toEqual([]);
    expect(readFileSync(join(out, "first", "index.html"), "utf8")).toContain("Fixed closing paragraph");
    await page.close();
  }, 60_000);
});
