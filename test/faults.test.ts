import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { PdfExporter, PrintSession } from "../src/exporters/contracts.js";
import { createPdfExporter } from "../src/exporters/pdf/exporter.js";
import { cannotRunHere } from "./support/ci.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, ROOT, runCli, temporaryFolder } from "./support/files.js";
import { brokenLinks, readIndexCards } from "./support/index-page.js";
import { FAILURE_FILE } from "../src/output/build-failure.js";

const root = temporaryFolder();
const content = join(root.path, "content");
const tmp = join(root.path, "tmp");

/** Every file under a folder with its bytes, to prove an output was not touched. */
function snapshot(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(folder, { recursive: true, encoding: "utf8" }).sort()) {
    const path = join(folder, name);
    if (statSync(path).isFile() && !name.includes(".briefdeck-cache")) files.set(name, readFileSync(path));
  }
  return files;
}

/** Leftovers a failed build must not leave: staging folders, locks, browser processes and profiles. */
function leftovers(out: string): string[] {
  const hidden = readdirSync(out).filter((name) => name.startsWith(".") && name !== ".briefdeck-cache.json");
  const profiles = existsSync(tmp) ? readdirSync(tmp).filter((name) => name.startsWith("briefdeck-chromium-")) : [];
  const processes = spawnSync("pgrep", ["-f", tmp], { encoding: "utf8" }).stdout.trim();
  return [...hidden, ...profiles, ...(processes ? [`process ${processes}`] : [])];
}

function runBinary(args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, [join(ROOT, "bin/briefdeck.js"), ...args], { env: { ...process.env, TMPDIR: tmp } });
}

function finished(child: ReturnType<typeof spawn>): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

/**
 * A failed build left every file of the previous output as it was; it only
 * added the failure mark beside the deck and flagged its card on the index
 * (whose links still name files that are there).
 */
function expectKeptAndFlagged(out: string, before: Map<string, Buffer>, error: RegExp): void {
  const after = snapshot(out);
  expect(after.has(join(EXAMPLE_SLUG, FAILURE_FILE))).toBe(true);
  const outputOnly = (files: Map<string, Buffer>): Map<string, Buffer> =>
    new Map([...files].filter(([name]) => name !== "index.html" && name !== join(EXAMPLE_SLUG, FAILURE_FILE)));
  expect(outputOnly(after)).toEqual(outputOnly(before));
  const cards = readIndexCards(out);
  const card = cards.find((entry) => entry.slug === EXAMPLE_SLUG);
  expect(card?.flagged).toBe(true);
  expect(card?.failure?.error).toMatch(error);
  const pdf = join(EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`);
  expect(card?.links).toEqual({ deck: `${EXAMPLE_SLUG}/index.html`, ...(before.has(pdf) ? { pdf: `${EXAMPLE_SLUG}/${EXAMPLE_SLUG}.pdf` } : {}) });
  expect(brokenLinks(out, cards)).toEqual([]);
}

async function goodBuild(out: string): Promise<Map<string, Buffer>> {
  const result = await runCli(["build", "--quiet", "--content", content, "--out", out]);
  expect(result.code).toBe(0);
  return snapshot(out);
}

beforeAll(() => {
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => root.remove());

describe("faults lose nothing", () => {
  it("a browser killed in the middle of the PDF: clear failure, previous output byte-identical, nothing left", async () => {
    const out = join(root.path, "killed");
    const before = await goodBuild(out);
    writeFileSync(join(content, "ots-security.md"), readFileSync(join(content, "ots-security.md"), "utf8").replace("Key judgments", "Key judgements"));
    const real = await createPdfExporter({ concurrency: 1 });
    // Kills the browser just as the PDF is asked for.
    const killing: PdfExporter = {
      open: async (deckPath, slug) => {
        const session = await real.open(deckPath, slug);
        const wrapped: PrintSession = {
          load: (options) => session.load(options),
          measure: () => session.measure(),
          print: async (...args) => { real.killNow?.(); return session.print(...args); },
          printHandout: (...args) => session.printHandout(...args),
          inspect: (inPage, arg) => session.inspect(inPage, arg),
          close: () => session.close(),
        };
        return wrapped;
      },
      close: () => real.close(),
    };
    try {
      const report = await build({ contentDir: content, outDir: out, pdf: true, force: true, pdfExporter: killing });
      expect(report.environmentFailure).toMatch(/^ots-security: the browser stopped while printing the PDF; nothing was written for this briefing, try again$/);
    } finally {
      await real.close();
      writeFileSync(join(content, "ots-security.md"), readFileSync(join(EXAMPLE_CONTENT, "ots-security.md")));
    }
    expectKeptAndFlagged(out, before, /^ots-security: the browser stopped while printing the PDF/);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);

  it("Ctrl-C in the middle of a build: exit 130, previous output byte-identical, no staging folder, no browser left", async () => {
    const out = join(root.path, "interrupted");
    const before = await goodBuild(out);
    const child = runBinary(["build", "--force", "--handout", "--content", content, "--out", out]);
    const done = finished(child);
    // Interrupt once the build is writing (it holds the output lock), not while node is still starting.
    const lock = join(out, ".briefdeck.lock");
    for (let waited = 0; !existsSync(lock) && waited < 60_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    const { code, stderr } = await done;
    expect(code).toBe(130);
    expect(stderr).toMatch(/briefdeck: interrupted \(SIGINT\); briefings not finished were not written, the previous output is untouched/);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);

  it("Ctrl-C during an HTML-only build: exit 130, the output lock released, no staging folder left", async () => {
    // Many briefings, so that the build is still writing when the signal comes.
    const many = join(root.path, "many");
    mkdirSync(many, { recursive: true });
    const example = readFileSync(join(EXAMPLE_CONTENT, `${EXAMPLE_SLUG}.md`), "utf8");
    for (let copy = 0; copy < 60; copy++) writeFileSync(join(many, `copy-${copy}.md`), example);
    const out = join(root.path, "interrupted-html");
    const child = runBinary(["build", "--no-pdf", "--content", many, "--out", out]);
    const done = finished(child);
    const lock = join(out, ".briefdeck.lock");
    for (let waited = 0; !existsSync(lock) && waited < 60_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(existsSync(lock)).toBe(true);
    child.kill("SIGINT");
    const { code, stderr } = await done;
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/briefdeck: interrupted \(SIGINT\)/);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);

  it("two builds into one output folder at once: the second says so and exits 3; a lock left by a dead build is taken over", async () => {
    const out = join(root.path, "concurrent");
    await goodBuild(out);
    // This test process stands for a build that is still running and holds the folder.
    writeFileSync(join(out, ".briefdeck.lock"), String(process.pid));
    const second = await finished(runBinary(["build", "--force", "--quiet", "--no-pdf", "--content", content, "--out", out]));
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/another briefdeck build \(process \d+\) is writing to .*concurrent: wait for it to finish, or build into another folder with --out/);
    // A build that crashed leaves its lock behind; the next build must not be stuck on it.
    writeFileSync(join(out, ".briefdeck.lock"), "2147483646");
    const next = await finished(runBinary(["build", "--force", "--quiet", "--no-pdf", "--content", content, "--out", out]));
    expect(next.code).toBe(0);
    expect(existsSync(join(out, EXAMPLE_SLUG, "index.html"))).toBe(true);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);

  it("a browser that hangs is given --timeout and the build names the briefing", async () => {
    const out = join(root.path, "hung");
    const before = await goodBuild(out);
    // A deck page that never starts reveal.js never fires pdf-ready: the browser "hangs" on it.
    const templates = join(root.path, "hanging-templates");
    mkdirSync(templates, { recursive: true });
    writeFileSync(join(templates, "deck.hbs"), readFileSync(join(ROOT, "templates/deck.hbs"), "utf8").replace(/Reveal\.initialize\(/, "void ("));
    const result = await runCli(["build", "--force", "--timeout", "2", "--templates", templates, "--content", content, "--out", out]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/briefdeck: ots-security: the browser hung while loading the deck \(no answer in 2 s\); try again, or raise --timeout/);
    expectKeptAndFlagged(out, before, /^ots-security: the browser hung while loading the deck/);
  }, 120_000);

  it("a full disk: clear failure, exit 3, previous output byte-identical", async (context) => {
    const disk = join(root.path, "tiny");
    mkdirSync(disk, { recursive: true });
    // CI runs as root and must mount; elsewhere (not root, a container) the test counts as skipped.
    const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=2000k", "tmpfs", disk], { encoding: "utf8" });
    if (mount.status !== 0) cannotRunHere(context, `cannot mount a small tmpfs here (${(mount.stderr || mount.error?.message || "").trim()})`);
    try {
      const out = join(disk, "dist");
      const html = await runCli(["build", "--quiet", "--no-pdf", "--content", content, "--out", out]);
      expect(html.code).toBe(0);
      const before = snapshot(out);
      // The PDF, handout and single file do not fit in what is left.
      const full = await runCli(["build", "--quiet", "--force", "--handout", "--single-file", "--content", content, "--out", out]);
      expect(full.code).toBe(3);
      expect(full.stderr).toMatch(/ots-security: .*ENOSPC|no space/i);
      expect(full.stderr).not.toMatch(/\n\s+at /);
      expectKeptAndFlagged(out, before, /^ots-security: .*(ENOSPC|no space)/i);
      expect(readdirSync(out).filter((name) => name.startsWith(".") && !name.includes("cache"))).toEqual([]);
    } finally {
      spawnSync("umount", [disk]);
    }
  }, 120_000);
});
