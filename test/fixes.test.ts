import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Semaphore } from "../src/exporters/pdf/semaphore.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, ROOT, runCli, temporaryFolder } from "./support/files.js";

/** Defects found in review; each test failed before its fix. */
const root = temporaryFolder("briefdeck-fixes-");
afterAll(() => root.remove());

function project(name: string): { content: string; out: string } {
  const content = join(root.path, name, "content");
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  return { content, out: join(root.path, name, "dist") };
}

const BRIEFING = (image: string): string => `---\ntitle: Pictures\ndate: 2026-03-01\nagenda: false\nsources: false\n---\n\n## A map {layout=figure}\n\n![The map](${image})\n`;
/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("fixed defects", () => {
  it("the semaphore never lets two holders in at a limit of 1, even when a new acquire races a woken waiter", async () => {
    const slots = new Semaphore(1);
    let holders = 0;
    let most = 0;
    const hold = async (): Promise<void> => {
      const release = await slots.acquire();
      holders++;
      most = Math.max(most, holders);
      await Promise.resolve();
      holders--;
      release();
    };
    const first = await slots.acquire();
    const waiter = hold();
    first();
    // Arrives after the release, before the woken waiter has run.
    const latecomer = hold();
    await Promise.all([waiter, latecomer]);
    expect(most).toBe(1);
  });

  it("check names the real reason for a briefing that is a symlink out of the content folder", async () => {
    const { content } = project("symlink");
    const outside = join(root.path, "outside.md");
    writeFileSync(outside, BRIEFING("nothing.png"));
    symlinkSync(outside, join(content, "evil.md"));
    const result = await runCli(["check", "--no-fit", "--content", content, "evil"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("evil.md is a symlink pointing outside the content folder");
    expect(result.stderr).not.toContain("no briefing named");
  });

  it("a folder whose name merely starts with .. is inside the content folder (refused as hidden, never as an escape)", async () => {
    const { content, out } = project("dotdot");
    mkdirSync(join(content, "..notes"));
    writeFileSync(join(content, "..notes", "map.png"), PNG);
    writeFileSync(join(content, "pictures.md"), BRIEFING("..notes/map.png"));
    const result = await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out, "pictures"]);
    // Hidden folders are never shipped (SECURITY.md): the reason given is that, not a path leaving the folder.
    expect(result.stderr).toContain('image "..notes/map.png" is a hidden file or inside a hidden folder');
    expect(result.stderr).not.toMatch(/outside the content folder|leaves the content folder/);
    expect(result.code).toBe(1);
  });

  it("the single-file deck inlines an image whose name holds &", async () => {
    const { content, out } = project("ampersand");
    writeFileSync(join(content, "maps & charts.png"), PNG);
    writeFileSync(join(content, "pictures.md"), BRIEFING("<maps & charts.png>"));
    const result = await runCli(["build", "--no-pdf", "--single-file", "--quiet", "--content", content, "--out", out, "pictures"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const html = readFileSync(join(out, "pictures", "pictures.html"), "utf8");
    // Attribute values are HTML-escaped ("=" may be written &#x3D;): compare what the browser reads.
    expect(html.replace(/&#x3D;/g, "=")).toContain(`src="data:image/png;base64,${PNG.toString("base64")}"`);
    expect(html).not.toMatch(/src="media\//);
  });

  it("the index page links the single-file deck and the handout", async () => {
    const { content, out } = project("index-links");
    const result = await runCli(["build", "--single-file", "--handout", "--quiet", "--content", content, "--out", out, EXAMPLE_SLUG]);
    expect(result.code).toBe(0);
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).toContain(`href="${EXAMPLE_SLUG}/${EXAMPLE_SLUG}.html"`);
    expect(index).toContain(`href="${EXAMPLE_SLUG}/${EXAMPLE_SLUG}-handout.pdf"`);
  }, 120_000);

  it("an edit of handout.hbs or handout.css under --templates rebuilds the handout", async () => {
    const { content, out } = project("handout-cache");
    const templates = join(root.path, "handout-cache", "templates");
    mkdirSync(templates, { recursive: true });
    for (const name of ["handout.hbs", "handout.css"]) cpSync(join(ROOT, "templates", name), join(templates, name));
    const args = ["build", "--handout", "--templates", templates, "--content", content, "--out", out, EXAMPLE_SLUG];
    expect((await runCli(args)).code).toBe(0);
    expect((await runCli(args)).stdout).toContain(`unchanged ${EXAMPLE_SLUG}`);
    writeFileSync(join(templates, "handout.css"), `${readFileSync(join(templates, "handout.css"), "utf8")}\n.handout-note { color: #111; }\n`);
    const afterCss = await runCli(args);
    expect(afterCss.stdout).toContain(`built ${EXAMPLE_SLUG}`);
    writeFileSync(join(templates, "handout.hbs"), `${readFileSync(join(templates, "handout.hbs"), "utf8")}\n`);
    const afterHbs = await runCli(args);
    expect(afterHbs.stdout).toContain(`built ${EXAMPLE_SLUG}`);
  }, 180_000);

  it("only pages the dev server serves may open a WebSocket: built decks allow no ws: connection", async () => {
    const { content, out } = project("csp");
    expect((await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out, EXAMPLE_SLUG])).code).toBe(0);
    const deck = readFileSync(join(out, EXAMPLE_SLUG, "index.html"), "utf8");
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(deck)?.[1] ?? "";
    expect(policy).toMatch(/connect-src 'self'/);
    expect(policy).not.toMatch(/ws:/);
    expect(existsSync(join(out, EXAMPLE_SLUG))).toBe(true);
  });
});
