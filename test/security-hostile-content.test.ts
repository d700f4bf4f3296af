import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { displayPath } from "../src/input/discover.js";
import { launchTestBrowser } from "./support/browser.js";
import { ROOT, runCli, temporaryFolder } from "./support/files.js";
import { ALSO, ATTACKS, HOSTILE_FIXTURE, PIXEL_PNG, WARNING_KINDS, lineOf } from "./support/hostile.js";

/** What a page did while the test watched it. */
interface Watch {
  dialogs: string[];
  requests: string[];
  consoleErrors: string[];
}

const project = temporaryFolder("briefdeck-hostile-");
const content = join(project.path, "content");
const out = join(project.path, "dist");
const file = join(content, "hostile.md");
const meta = parseYaml(readFileSync(HOSTILE_FIXTURE, "utf8").split("\n---\n")[0]?.replace(/^---\n/, "") ?? "") as Record<string, unknown>;
let build: { code: number; stdout: string; stderr: string };
let browser: Browser;

/** Every diagnostic the build printed, by line. */
function printed(): { line: number; severity: string; message: string }[] {
  const shown = displayPath(file);
  return build.stderr.split("\n").flatMap((text) => {
    if (!text.startsWith(`${shown}:`)) return [];
    const match = /^:(\d+):\d+: (\w+): (.*)$/.exec(text.slice(shown.length));
    return match ? [{ line: Number(match[1]), severity: match[2] ?? "", message: match[3] ?? "" }] : [];
  });
}

async function open(url: string): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage();
  const watch: Watch = { dialogs: [], requests: [], consoleErrors: [] };
  page.on("dialog", (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => watch.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") watch.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => watch.consoleErrors.push(String(error)));
  await page.goto(url, { waitUntil: "load" });
  return { page, watch };
}

/** Pokes every element the way a presenter would (hover, focus, click, toggle), except links, which navigate. */
async function pokeEverything(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const element of document.querySelectorAll<HTMLElement>("body *")) {
      if (element.closest("a")) continue;
      for (const type of ["mouseover", "mouseenter", "focus", "click", "toggle", "load", "error"]) element.dispatchEvent(new Event(type));
    }
  });
}

beforeAll(async () => {
  mkdirSync(join(content, "images"), { recursive: true });
  copyFileSync(HOSTILE_FIXTURE, file);
  writeFileSync(join(content, "images", "pixel.png"), PIXEL_PNG);
  build = await runCli(["build", "--no-pdf", "--no-fit", "--content", content, "--out", out]);
  browser = await launchTestBrowser();
});

afterAll(async () => {
  await browser?.close();
  project.remove();
});

describe("building a briefing full of attacks", () => {
  it("builds (removals are warnings, not errors)", () => {
    expect(printed().filter((d) => d.severity === "error")).toEqual([]);
    expect(build.code).toBe(0);
  });

  it.each(ATTACKS)("$marker: the right warning at its line, or none when shown as text", ({ marker, warning }) => {
    const line = lineOf(marker);
    const here = printed().filter((d) => d.line === line);
    if (warning === undefined) expect(here).toEqual([]);
    else expect(here.map((d) => d.message), `line ${line}`).toContainEqual(expect.stringMatching(warning));
  });

  it.each(ALSO)("$marker: also $warning", ({ marker, warning }) => {
    expect(printed().filter((d) => d.line === lineOf(marker)).map((d) => d.message)).toContainEqual(expect.stringMatching(warning));
  });

  it("warns about nothing else", () => {
    const expected = new Set([...ATTACKS, ...ALSO].filter((a) => a.warning).map((a) => lineOf(a.marker)));
    const diagnostics = printed();
    expect(diagnostics.filter((d) => !expected.has(d.line))).toEqual([]);
    expect(diagnostics.every((d) => d.severity === "warning" && WARNING_KINDS.some((kind) => kind.test(d.message)))).toBe(true);
  });
});

describe("the hostile deck in a real Chromium", () => {
  const deckFolder = (): string => `${pathToFileURL(join(out, "hostile")).href}/`;

  it("runs no script but its own, opens no dialog and fetches nothing from outside its folder, on any slide", async () => {
    const { page, watch } = await open(pathToFileURL(join(out, "hostile", "index.html")).href);
    await page.waitForFunction("window.Reveal && Reveal.isReady()");
    const total = Number(await page.evaluate("Reveal.getTotalSlides()"));
    expect(total).toBeGreaterThanOrEqual(5);
    for (let index = 0; index < total; index++) {
      await page.evaluate(`Reveal.slide(${index})`);
      await pokeEverything(page);
    }
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(watch.dialogs).toEqual([]);
    expect(watch.requests.filter((url) => !url.startsWith(deckFolder()))).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it("holds no handler, foreign element, script or dangerous link in its DOM", async () => {
    const { page } = await open(pathToFileURL(join(out, "hostile", "index.html")).href);
    const dom = await page.evaluate(() => ({
      handlers: [...document.querySelectorAll("*")].flatMap((element) =>
        [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName} ${attribute.name}`)),
      foreign: [...document.querySelectorAll("iframe, object, embed, svg, math, form, base, template, noscript, video, details, input, meta[http-equiv=refresh]")].map((e) => e.tagName),
      scripts: [...document.scripts].map((script) => script.getAttribute("src") ?? `inline: ${script.text.trim().slice(0, 40)}`),
      links: [...document.querySelectorAll<HTMLAnchorElement>("a[href]")].map((a) => a.getAttribute("href") ?? ""),
      styles: [...document.querySelectorAll("[style]")].map((e) => e.getAttribute("style") ?? ""),
      images: [...document.images].map((img) => img.src),
    }));
    expect(dom.handlers).toEqual([]);
    expect(dom.foreign).toEqual([]);
    expect(dom.scripts.filter((s) => !["assets/reveal/reveal.js", "assets/reveal/plugin/notes.js"].includes(s) && !s.startsWith("inline: // On paper"))).toEqual([]);
    expect(dom.links.filter((href) => !/^(https?:\/\/|mailto:|#)/.test(href))).toEqual([]);
    expect(dom.styles.filter((style) => /expression|url\(|javascript/i.test(style))).toEqual([]);
    expect(dom.images.filter((src) => !src.startsWith(deckFolder()))).toEqual([]);
    await page.close();
  });

  it("keeps the speaker view (which shows the notes) just as clean", async () => {
    const { page, watch } = await open(pathToFileURL(join(out, "hostile", "index.html")).href);
    await page.waitForFunction("window.Reveal && Reveal.hasPlugin('notes')");
    const notesSlide = Number(await page.evaluate("[...document.querySelectorAll('.slides > section')].findIndex((s) => s.querySelector('aside.notes'))"));
    await page.evaluate(`Reveal.slide(${notesSlide})`);
    const popup = new Promise<Page | null>((resolve) => browser.once("targetcreated", (target: { page(): Promise<Page | null> }) => resolve(target.page())));
    await page.keyboard.press("s");
    const speaker = await popup;
    expect(speaker).not.toBeNull();
    const speakerDialogs: string[] = [];
    speaker?.on("dialog", (dialog) => {
      speakerDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await speaker?.waitForFunction("(document.querySelector('.speaker-controls-notes')?.textContent ?? '').includes('Notes')", { timeout: 15_000 });
    for (const frame of speaker?.frames() ?? []) expect(await frame.evaluate("window.__pwned")).toBeUndefined();
    expect(await speaker?.evaluate("document.querySelectorAll('.speaker-controls-notes img, .speaker-controls-notes script').length")).toBe(0);
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect([...watch.dialogs, ...speakerDialogs]).toEqual([]);
    await speaker?.close();
    await page.close();
  });

  it("the index page runs nothing and fetches nothing from outside the output folder", async () => {
    const { page, watch } = await open(pathToFileURL(join(out, "index.html")).href);
    await pokeEverything(page);
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(watch.dialogs).toEqual([]);
    expect(watch.requests.length).toBeGreaterThan(1);
    expect(watch.requests.filter((url) => !url.startsWith(`${pathToFileURL(out).href}/`))).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});

describe("front matter carrying HTML", () => {
  const text = (field: string): string => String(meta[field]);
  const source = meta.source as Record<string, string>;

  it("is shown as text on the title slide, in the footer, the banner and the head", async () => {
    const { page } = await open(pathToFileURL(join(out, "hostile", "index.html")).href);
    const shown = await page.evaluate(() => {
      const textOf = (selector: string): string | undefined => document.querySelector(selector)?.textContent ?? undefined;
      return {
        title: document.title,
        heading: textOf(".title-heading"),
        subtitle: textOf(".title-subtitle"),
        presenter: textOf(".title-presenter"),
        organization: textOf(".title-organization"),
        audience: textOf(".title-audience"),
        source: textOf(".title-source"),
        banner: textOf(".banner"),
        footer: textOf(".footer-title"),
        description: document.querySelector("meta[name=description]")?.getAttribute("content"),
        keywords: document.querySelector("meta[name=keywords]")?.getAttribute("content"),
        outline: document.querySelector("#title")?.getAttribute("data-outline"),
        sourceLink: document.querySelector<HTMLAnchorElement>(".sources a")?.href,
      };
    });
    expect(shown).toEqual({
      title: text("title"),
      heading: text("title"),
      subtitle: text("subtitle"),
      presenter: text("presenter"),
      organization: text("organization"),
      audience: `Prepared for ${text("audience")}`,
      source: `Based on: ${source.author}, “${source.title}”, ${source.publisher}`,
      banner: text("classification"),
      footer: text("short_title"),
      description: text("summary"),
      keywords: (meta.tags as string[]).join(", "),
      outline: text("title"),
      sourceLink: new URL(source.url ?? "").href,
    });
    await page.close();
  });

  it("is shown as text on the index page", async () => {
    const { page } = await open(pathToFileURL(join(out, "index.html")).href);
    const shown = await page.evaluate(() => ({
      title: document.querySelector(".briefing-title")?.textContent,
      summary: document.querySelector(".briefing-summary")?.textContent,
      tags: [...document.querySelectorAll(".tag")].map((tag) => tag.textContent),
      classification: document.querySelector(".briefing-classification")?.textContent,
    }));
    expect(shown).toEqual({ title: text("title"), summary: text("summary"), tags: meta.tags, classification: text("classification") });
    await page.close();
  });
});

describe("templates", () => {
  /** Fields a template may print unescaped, and who made them safe. */
  const UNESCAPED: Record<string, string> = {
    html: "cleanHtml (src/parse/sanitize.ts) via MarkdownRenderer, or escaped parts then cleanHtml (sources)",
    headingHtml: "cleanHtml via renderHeading; generated slides: escapeHtml",
    notesHtml: "cleanHtml via renderMarkdown",
    handoutText: "the slide's notesHtml and its section's handoutHtml, both cleanHtml via renderMarkdown (src/exporters/handout/render-handout.ts)",
    "content.quoteHtml": "cleanHtml via renderTokens",
    "content.ledeHtml": "cleanHtml via renderMarkdown",
    "content.creditHtml": "cleanHtml via renderBlock",
    "table.head": "the <thead> of a table rendered by cleanHtml",
    "content.svg": "a chart's SVG from vega's renderer, which escapes every text and attribute; title and description escaped by cleanSvg (src/render/chart/svg.ts)",
    "content.tableHtml": "a chart's data table built from escaped parts (src/render/chart/describe.ts)",
    "content.captionHtml": "cleanHtml via renderBlock",
    "inline.revealCss": "the project's own reveal.js stylesheet (single-file deck)",
    "inline.fontsCss": "the project's own @font-face rules (single-file deck)",
    "inline.themeCss": "the theme, with </style> escaped (single-file deck)",
    "inline.revealJs": "the project's own reveal.js (single-file deck)",
    "inline.notesJs": "the project's own notes plugin (single-file deck)",
  };

  function templateFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? templateFiles(join(folder, entry.name)) : entry.name.endsWith(".hbs") ? [join(folder, entry.name)] : []);
  }

  it("print unescaped ({{{…}}}, {{&…}}) only fields the sanitiser produced or the project's own assets", () => {
    const found: string[] = [];
    for (const path of templateFiles(join(ROOT, "templates"))) {
      const text = readFileSync(path, "utf8");
      for (const match of text.matchAll(/\{\{\{\{?\s*([^}]+?)\s*\}\}\}|\{\{&\s*([^}]+?)\s*\}\}/g)) {
        found.push(`${relative(ROOT, path)}: ${match[1] ?? match[2] ?? ""}`);
      }
    }
    expect(found.length).toBeGreaterThan(10);
    const unknown = found.filter((entry) => {
      const field = entry.split(": ")[1] ?? "";
      return !(field in UNESCAPED);
    });
    expect(unknown).toEqual([]);
  });
});
