import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/dev/server.js";
import type { DevServer } from "../src/dev/server.js";
import { launchTestBrowser } from "./support/browser.js";
import { mark, openLive, waitForReload } from "./support/dev.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, ROOT, temporaryFolder } from "./support/files.js";

/** Waits until a line of the server's log matches. */
async function waitForLog(log: string[], pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!log.some((line) => pattern.test(line))) {
    if (Date.now() > deadline) throw new Error(`no log line ${pattern} in:\n${log.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const HEADING = "## From cultural forum to security platform";
const small = (title: string, text: string): string => `---\ntitle: ${title}\ndate: 2026-02-01\n---\n\n## Only section\n\n${text}\n`;

/** Runs git in `cwd` with an identity of its own, whatever the machine's settings. */
function git(cwd: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], { cwd, stdio: "pipe" });
}

/**
 * Every way an editor or a tool saves a file must be seen, again and again:
 * a save that replaced the file once must not blind the watcher to the next.
 */
describe("briefdeck dev sees every save", () => {
  const root = temporaryFolder("briefdeck-watch-");
  // The project (a git repository) holds the content; the output folder is outside it.
  const repo = join(root.path, "project");
  const content = join(repo, "content");
  const out = join(root.path, "dist");
  const deck = join(content, `${EXAMPLE_SLUG}.md`);
  const log: string[] = [];
  let original: string;
  let server: DevServer;
  let browser: Browser;
  let page: Page;

  /** Saves with `save`, then expects the open deck to reload once, showing `marker` on slide 3. */
  async function savedAndShown(save: (text: string) => void, marker: string): Promise<void> {
    await mark(page);
    save(original.replace(HEADING, `${HEADING} ${marker}`));
    await waitForReload(page);
    expect(await page.evaluate("Reveal.getCurrentSlide().textContent"), log.join("\n")).toContain(marker);
  }

  beforeAll(async () => {
    cpSync(EXAMPLE_CONTENT, content, { recursive: true });
    for (const name of ["alpha", "bravo", "charlie"]) writeFileSync(join(content, `${name}.md`), small(name, `${name} as committed.`));
    original = readFileSync(deck, "utf8");
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "content");
    git(repo, "commit", "-q", "-m", "briefings");
    [server, browser] = await Promise.all([
      startDevServer({ contentDir: content, outDir: out, pdf: false, port: 0, watchBuiltInTemplates: false, log: (line) => log.push(line) }),
      launchTestBrowser(),
    ]);
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    await openLive(page, `${server.url}${EXAMPLE_SLUG}/index.html#/3`);
    await page.waitForFunction("window.Reveal && Reveal.isReady()", { polling: 50 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    root.remove();
  });

  it("a write in place, twice", async () => {
    await savedAndShown((text) => writeFileSync(deck, text), "(in place 1)");
    await savedAndShown((text) => writeFileSync(deck, text), "(in place 2)");
  });

  it("a write to a temporary file renamed over the briefing (sed -i, vim, JetBrains), then every later save", async () => {
    const replace = (text: string): void => {
      const temporary = join(content, `${EXAMPLE_SLUG}.md.tmp-${process.pid}`);
      writeFileSync(temporary, text);
      renameSync(temporary, deck);
    };
    await savedAndShown(replace, "(renamed 1)");
    await savedAndShown(replace, "(renamed 2)");
    await savedAndShown((text) => writeFileSync(deck, text), "(in place after rename)");
    await mark(page);
    execFileSync("sed", ["-i", "s/(in place after rename)/(sed -i)/", deck]);
    await waitForReload(page);
    expect(await page.evaluate("Reveal.getCurrentSlide().textContent")).toContain("(sed -i)");
  });

  it("a delete then a create, at once and after a pause", async () => {
    await savedAndShown((text) => {
      unlinkSync(deck);
      writeFileSync(deck, text);
    }, "(recreated at once)");
    await mark(page);
    unlinkSync(deck);
    await new Promise((resolve) => setTimeout(resolve, 400));
    writeFileSync(deck, original.replace(HEADING, `${HEADING} (recreated later)`));
    await waitForReload(page);
    expect(await page.evaluate("Reveal.getCurrentSlide().textContent"), log.join("\n")).toContain("(recreated later)");
    await savedAndShown((text) => writeFileSync(deck, text), "(in place after recreate)");
  });

  it("a git checkout that changes three briefings at once rebuilds and reloads all three", async () => {
    const pages = await Promise.all(["alpha", "bravo", "charlie"].map(async (name) => {
      const opened = await browser.newPage();
      await openLive(opened, `${server.url}${name}/`);
      await mark(opened);
      return opened;
    }));
    // The edits are made on a branch while the server watches; checking out main then changes three files in one go.
    git(repo, "checkout", "-q", "-b", "edits");
    for (const name of ["alpha", "bravo", "charlie"]) writeFileSync(join(content, `${name}.md`), small(name, `${name} from the branch.`));
    git(repo, "commit", "-q", "-am", "edits");
    for (const opened of pages) await waitForReload(opened);
    for (const opened of pages) await mark(opened);
    await mark(page);
    git(repo, "checkout", "-q", "main");
    for (const [index, name] of ["alpha", "bravo", "charlie"].entries()) {
      const opened = pages[index];
      if (!opened) continue;
      await waitForReload(opened);
      expect(await opened.evaluate("document.body.textContent"), log.join("\n")).toContain(`${name} as committed.`);
      expect(readFileSync(join(out, name, "index.html"), "utf8")).toContain(`${name} as committed.`);
      await opened.close();
    }
    // The example deck went back to its committed text too.
    await waitForReload(page);
    expect(await page.evaluate("Reveal.getCurrentSlide().textContent")).not.toContain("(in place after recreate)");
  });

  it("a new briefing is built and its card appears on the open index", async () => {
    const index = await browser.newPage();
    await openLive(index, server.url);
    await mark(index);
    writeFileSync(join(content, "delta.md"), small("Delta briefing", "Brand new."));
    await waitForReload(index);
    expect(await index.$$eval(".briefing-title", (titles) => titles.map((title) => title.textContent))).toContain("Delta briefing");
    expect(readFileSync(join(out, "delta", "index.html"), "utf8")).toContain("Brand new.");
    await index.close();
  });

  it("a JSON briefing is built when it appears and rebuilt on each save", async () => {
    const file = join(content, "jay.json");
    const briefing = (text: string): string => JSON.stringify({ title: "Jay", date: "2026-02-01", sections: [{ heading: "Only section", body: text }] }, null, 2);
    writeFileSync(file, briefing("JSON as first written."));
    await waitForLog(log, /^rebuilt jay /);
    log.length = 0;
    writeFileSync(file, briefing("JSON as saved again."));
    await waitForLog(log, /^rebuilt jay /);
    expect(readFileSync(join(out, "jay", "index.html"), "utf8")).toContain("JSON as saved again.");
  });

  it("a chart's CSV file saved rebuilds the deck that reads it", async () => {
    const folder = join(content, "charted");
    cpSync(join(ROOT, "test/fixtures/charts/content/data"), join(folder, "data"), { recursive: true });
    writeFileSync(join(folder, "index.md"), "---\ntitle: Charted\ndate: 2026-02-01\n---\n\n## Column from a CSV {layout=chart chart=column labels data=data/column.csv}\n");
    await waitForLog(log, /^rebuilt charted /);
    log.length = 0;
    const csv = join(folder, "data", "column.csv");
    writeFileSync(csv, readFileSync(csv, "utf8").replace(/\n$/, "\nZetaland,1,2,3\n"));
    await waitForLog(log, /^rebuilt charted /);
    expect(readFileSync(join(out, "charted", "index.html"), "utf8")).toContain("Zetaland");
  });

  it("a deleted briefing loses its deck folder and its card, and the log says so", async () => {
    const index = await browser.newPage();
    await openLive(index, server.url);
    expect(await index.$$eval(".briefing-title", (titles) => titles.map((title) => title.textContent))).toContain("Delta briefing");
    await mark(index);
    rmSync(join(content, "delta.md"));
    await waitForReload(index);
    expect(await index.$$eval(".briefing-title", (titles) => titles.map((title) => title.textContent))).not.toContain("Delta briefing");
    expect(existsSync(join(out, "delta"))).toBe(false);
    expect(log).toContainEqual(expect.stringMatching(/^removed delta: its briefing is gone/));
    expect((await fetch(`${server.url}delta/index.html`)).status).toBe(404);
    await index.close();
  });

  it("comes back on the slide reached with the keyboard just before the save, not the one the URL still names", async () => {
    await page.evaluate("Reveal.slide(1)");
    // Long enough for reveal.js to write slide 1 into the URL.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await page.bringToFront();
    await page.focus("body");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    const target = (await page.evaluate("({ h: Reveal.getIndices().h, id: Reveal.getCurrentSlide().id, hash: location.hash })")) as { h: number; id: string; hash: string };
    expect(target.h).toBe(3);
    // Saved well within 200 ms of the last key, while the URL may still name the old slide.
    await mark(page);
    writeFileSync(deck, readFileSync(deck, "utf8").replace(HEADING, `${HEADING} (after keys)`));
    await waitForReload(page);
    expect(await page.evaluate("Reveal.getIndices().h"), `URL when saved: ${target.hash}`).toBe(3);
    expect(await page.evaluate("Reveal.getCurrentSlide().id")).toBe(target.id);
    expect(await page.evaluate("Reveal.getCurrentSlide().textContent")).toContain("(after keys)");
  });
});

describe("briefdeck dev watches briefdeck.yaml", () => {
  const root = temporaryFolder("briefdeck-watch-config-");
  const content = join(root.path, "content");
  const out = join(root.path, "dist");
  const settings = join(root.path, "briefdeck.yaml");
  let stdout = "";
  let stderr = "";
  let finished: Promise<number>;

  beforeAll(async () => {
    cpSync(EXAMPLE_CONTENT, content, { recursive: true });
    const { main } = await import("../src/cli/main.js");
    finished = main(["dev", "--no-pdf", "--port", "0", "--content", content, "--out", out], {
      stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, isTty: false,
    });
    const deadline = Date.now() + 60_000;
    while (!stdout.includes("serving") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stdout).toContain("briefdeck.yaml");
  }, 90_000);

  afterAll(async () => {
    // What Ctrl-C sends; the command shuts down and returns 0.
    process.emit("SIGINT");
    expect(await finished).toBe(0);
    root.remove();
  });

  const waitFor = async (check: () => boolean): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!check()) {
      expect(Date.now(), stderr).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it("applies a settings file created while serving, reports its mistakes, and asks for a restart where it must", async () => {
    const singleFile = join(out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.html`);
    expect(existsSync(singleFile)).toBe(false);
    writeFileSync(settings, "single-file: true\n");
    await waitFor(() => existsSync(singleFile));

    writeFileSync(settings, "single-file: true\nsingle_fle: true\n");
    await waitFor(() => /briefdeck\.yaml:2:1: error: unknown setting "single_fle"/.test(stderr));

    // The port is given on the command line, which wins; the host is not.
    writeFileSync(settings, "single-file: false\nport: 8123\nhost: 0.0.0.0\n");
    await waitFor(() => /host changed in briefdeck\.yaml: restart briefdeck dev to apply it/.test(stderr));
    expect(stderr).not.toMatch(/port changed/);
  });
});
