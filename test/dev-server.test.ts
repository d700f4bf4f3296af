import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/dev/server.js";
import type { DevServer } from "../src/dev/server.js";
import { BUILT_IN_TEMPLATES } from "../src/render/templates.js";
import { launchTestBrowser } from "./support/browser.js";
import { childChromiums, mark, openLive, rawStatus, waitForReload } from "./support/dev.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, runCli, temporaryFolder } from "./support/files.js";

const SECOND = "---\ntitle: Second briefing\ndate: 2026-02-01\n---\n\n## Only section\n\nSome text.\n";
const SLIDE_3_HEADING = "## From cultural forum to security platform";

/** The example and a second briefing in a temporary folder, with an empty --templates folder beside them. */
function project(): { remove: () => void; root: string; content: string; templates: string; out: string; deck: string } {
  const root = temporaryFolder("briefdeck-dev-");
  const content = join(root.path, "content");
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  writeFileSync(join(content, "second.md"), SECOND);
  const templates = join(root.path, "my-templates");
  mkdirSync(templates);
  writeFileSync(join(root.path, "secret.txt"), "outside the output folder\n");
  return { remove: root.remove, root: root.path, content, templates, out: join(root.path, "dist"), deck: join(content, `${EXAMPLE_SLUG}.md`) };
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe("briefdeck dev: serving, reloading, errors", () => {
  const files = project();
  const log: string[] = [];
  const original = readFileSync(files.deck, "utf8");
  const edited = original.replace(SLIDE_3_HEADING, `${SLIDE_3_HEADING}, edited live\n\nA sentence written while presenting.`);
  let server: DevServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startDevServer({
        contentDir: files.content, outDir: files.out, templatesDir: files.templates,
        pdf: false, port: 0, watchBuiltInTemplates: false, log: (line) => log.push(line),
      }),
      launchTestBrowser(),
    ]);
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
  });

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    files.remove();
  });

  it("listens on 127.0.0.1 by default, not on the machine's other addresses", async () => {
    const { hostname, port } = new URL(server.url);
    expect(hostname).toBe("127.0.0.1");
    expect(await canConnect("127.0.0.1", Number(port))).toBe(true);
    const external = Object.values(networkInterfaces()).flat().find((address) => address?.family === "IPv4" && !address.internal);
    if (external) expect(await canConnect(external.address, Number(port))).toBe(false);
  });

  it("refuses a port already in use (exit 3) and a bad --port (exit 2); --help tells about dev", async () => {
    const { port } = new URL(server.url);
    await expect(startDevServer({ contentDir: files.content, outDir: files.out, pdf: false, port: Number(port), log: () => undefined }))
      .rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/port \d+ is in use/) as unknown });
    const bad = await runCli(["dev", "--port", "http", "--content", files.content, "--out", files.out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a number/);
    const help = (await runCli(["--help"])).stdout;
    for (const word of ["briefdeck dev", "--port N", "--host NAME", "--force"]) expect(help).toContain(word);
  });

  it("refuses requests addressed to a name that is not loopback (DNS rebinding)", async () => {
    const { port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const sent = request({ host: "127.0.0.1", port, path: "/", headers: { Host: `attacker.example:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      sent.on("error", reject);
      sent.end();
    });
    expect(status).toBe(403);
  });

  it("answers 404 for any path leading outside the output folder, however it is spelled", async () => {
    const escapes = [
      "/../package.json", "/%2e%2e/package.json", "/..%2fpackage.json", "/%2e%2e%2fpackage.json", "/..%5cpackage.json",
      "/%5c..%5cpackage.json", "/..\\package.json", "/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt",
      `/${EXAMPLE_SLUG}/..%2f..%2fsecret.txt`, `/${EXAMPLE_SLUG}/%2e%2e/%2e%2e/secret.txt`, "/%2e%2e%5csecret.txt", "/%00", "/%zz",
      `/${EXAMPLE_SLUG}/.briefdeck-cache.json`,
    ];
    for (const path of escapes) expect(await rawStatus(server.url, path), path).toBe(404);
    expect(await rawStatus(server.url, "/")).toBe(200);
    expect(await rawStatus(server.url, `/${EXAMPLE_SLUG}/index.html`)).toBe(200);
  });

  it("adds the reload client to the pages it serves, never to the files built", async () => {
    const served = await (await fetch(`${server.url}${EXAMPLE_SLUG}/`)).text();
    expect(served).toContain("/__briefdeck/client.js");
    expect(readFileSync(join(files.out, EXAMPLE_SLUG, "index.html"), "utf8")).not.toContain("__briefdeck");
    expect(readFileSync(join(files.out, "index.html"), "utf8")).not.toContain("__briefdeck");
  });

  it("reloads an open deck after an edit, with the new text, on the slide it was showing", async () => {
    await openLive(page, `${server.url}${EXAMPLE_SLUG}/index.html#/3`);
    await page.waitForFunction("window.Reveal && Reveal.isReady()", { polling: 50 });
    expect(await page.evaluate("Reveal.getIndices().h")).toBe(3);
    expect(await page.evaluate("Reveal.getCurrentSlide().textContent")).toContain("From cultural forum to security platform");
    await mark(page);
    writeFileSync(files.deck, edited);
    await waitForReload(page);
    expect(await page.evaluate("Reveal.getIndices().h")).toBe(3);
    const slide = await page.evaluate("Reveal.getCurrentSlide().textContent");
    expect(slide).toContain("edited live");
    expect(slide).toContain("A sentence written while presenting.");
  });

  it("keeps the last good deck under an overlay of escaped errors when an edit breaks it, and recovers", async () => {
    await mark(page);
    const broken = edited.replace("date: 2026-01-12", 'date: 2026-01-12\n"<b>bold</b>": 1');
    writeFileSync(files.deck, broken);
    await page.waitForSelector("#briefdeck-overlay", { timeout: 20_000 });
    const overlay = await page.$eval("#briefdeck-overlay", (element) => ({ text: element.textContent ?? "", bold: element.querySelectorAll("b").length }));
    expect(overlay.text).toMatch(/ots-security\.md:\d+:\d+: error: unknown front matter field "<b>bold<\/b>"/);
    expect(overlay.bold).toBe(0);
    expect(log.join("\n")).toMatch(/ots-security\.md:\d+:\d+: error: unknown front matter field/);
    // The same page, the same slides: nothing reloaded.
    expect(await page.evaluate("window.briefdeckTestMark")).toBe(true);
    expect(await page.evaluate("Reveal.getCurrentSlide().textContent")).toContain("edited live");
    expect(readFileSync(join(files.out, EXAMPLE_SLUG, "index.html"), "utf8")).toContain("edited live");

    // A page opened while the briefing is broken shows the errors at once.
    const late = await browser.newPage();
    await openLive(late, `${server.url}${EXAMPLE_SLUG}/`);
    await late.waitForSelector("#briefdeck-overlay");
    await late.close();

    writeFileSync(files.deck, edited);
    await page.waitForFunction('!document.getElementById("briefdeck-overlay")', { timeout: 20_000, polling: 50 });
    expect(await page.evaluate("Reveal.getIndices().h")).toBe(3);
    expect(await page.evaluate("Reveal.getCurrentSlide().textContent")).toContain("edited live");
  });

  it("rebuilds only the briefing edited", async () => {
    const second = await browser.newPage();
    await openLive(second, `${server.url}second/`);
    await Promise.all([mark(page), mark(second)]);
    writeFileSync(join(files.content, "second.md"), SECOND.replace("Some text.", "Other text."));
    await waitForReload(second);
    expect(await second.evaluate("document.body.textContent")).toContain("Other text.");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.evaluate("window.briefdeckTestMark")).toBe(true);
    await second.close();
  });

  it("reloads every deck and the index when a template they use changes", async () => {
    const second = await browser.newPage();
    const index = await browser.newPage();
    await Promise.all([openLive(second, `${server.url}second/`), openLive(index, server.url)]);
    await Promise.all([mark(page), mark(second), mark(index)]);
    const footer = readFileSync(join(BUILT_IN_TEMPLATES, "partials", "footer.hbs"), "utf8");
    mkdirSync(join(files.templates, "partials"));
    writeFileSync(join(files.templates, "partials", "footer.hbs"), footer.replace("</footer>", '<span class="custom">CUSTOM FOOTER</span></footer>'));
    await Promise.all([waitForReload(page), waitForReload(second), waitForReload(index)]);
    for (const deck of [page, second]) expect(await deck.evaluate("document.querySelectorAll('.custom').length")).toBeGreaterThan(0);
    expect(await page.evaluate("Reveal.getIndices().h")).toBe(3);
    await Promise.all([second.close(), index.close()]);
  });
});

describe("briefdeck dev: the PDF follows, and close() leaves nothing running", () => {
  const files = project();
  const log: string[] = [];
  let server: DevServer;
  let browser: Browser;
  let before: number[];
  const pdfPath = join(files.out, EXAMPLE_SLUG, `${EXAMPLE_SLUG}.pdf`);

  beforeAll(async () => {
    browser = await launchTestBrowser();
    before = childChromiums();
    server = await startDevServer({
      contentDir: files.content, outDir: files.out, pdf: true, port: 0, concurrency: 2, watchBuiltInTemplates: false, log: (line) => log.push(line),
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    files.remove();
  });

  it("prints the PDF in the background, and after an edit serves only complete PDFs until the new one is in", async () => {
    const deadline = Date.now() + 60_000;
    while (!existsSync(pdfPath) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(pdfPath), log.join("\n")).toBe(true);

    writeFileSync(files.deck, readFileSync(files.deck, "utf8").replace(SLIDE_3_HEADING, `${SLIDE_3_HEADING} (PDF check)`));
    let served = 0;
    for (;;) {
      const response = await fetch(`${server.url}${EXAMPLE_SLUG}/${EXAMPLE_SLUG}.pdf`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(response.status).toBe(200);
      expect(body.subarray(0, 5).toString()).toBe("%PDF-");
      expect(body.subarray(-1024).toString("latin1")).toContain("%%EOF");
      served++;
      if (execFileSync("pdftotext", ["-", "-"], { input: body, encoding: "utf8" }).includes("(PDF check)")) break;
      expect(Date.now(), log.join("\n")).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(served).toBeGreaterThan(1);
  }, 90_000);

  it("drops the PDF of an edit superseded by a newer one: only the newer one lands", async () => {
    const landed = (): number => log.filter((line) => line.startsWith(`PDF of ${EXAMPLE_SLUG} updated`)).length;
    const before = landed();
    const logStart = log.length;
    const text = readFileSync(files.deck, "utf8");
    writeFileSync(files.deck, text.replace(SLIDE_3_HEADING, `${SLIDE_3_HEADING} (first draft)`));
    // The HTML pass of the first edit is done and its PDF is being printed when the second edit comes.
    const deadline = Date.now() + 30_000;
    while (!log.slice(logStart).some((line) => line.startsWith(`rebuilt ${EXAMPLE_SLUG}`)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    writeFileSync(files.deck, text.replace(SLIDE_3_HEADING, `${SLIDE_3_HEADING} (second draft)`));
    const seen: string[] = [];
    for (;;) {
      const body = Buffer.from(await (await fetch(`${server.url}${EXAMPLE_SLUG}/${EXAMPLE_SLUG}.pdf`)).arrayBuffer());
      const pdfText = execFileSync("pdftotext", ["-", "-"], { input: body, encoding: "utf8" });
      seen.push(pdfText.includes("(first draft)") ? "first" : pdfText.includes("(second draft)") ? "second" : "older");
      if (seen.at(-1) === "second") break;
      expect(Date.now(), log.join("\n")).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).not.toContain("first");
    expect(landed() - before).toBe(1);
  }, 60_000);

  it("close() shuts the watcher, the page sockets and the browser", async () => {
    const page = await browser.newPage();
    await openLive(page, `${server.url}${EXAMPLE_SLUG}/`);
    expect(childChromiums().length).toBeGreaterThan(before.length);
    const { port } = new URL(server.url);
    await server.close();
    expect(childChromiums()).toEqual(before);
    await page.waitForFunction('!document.documentElement.hasAttribute("data-briefdeck-live")', { polling: 50 });
    expect(await canConnect("127.0.0.1", Number(port))).toBe(false);
    const lines = log.length;
    writeFileSync(files.deck, readFileSync(files.deck, "utf8").replace("(PDF check)", "(after close)"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.length).toBe(lines);
    await page.close();
  }, 60_000);
});
