import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { displayPath } from "../src/input/discover.js";
import { scanCss, scanHtml, scanScript } from "../src/offline/offline-scan.js";
import { BUILT_IN_TEMPLATES } from "../src/render/templates.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, runCli, temporaryFolder } from "./support/files.js";
import { parseMarkdown } from "./support/parse.js";

const folders: { remove: () => void }[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

/** A copy of the example content, an output folder and a templates folder to override from. */
function project(): { content: string; out: string; templates: string } {
  const root = temporaryFolder("briefdeck-offline-");
  folders.push(root);
  const content = join(root.path, "content");
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  const templates = join(root.path, "templates");
  mkdirSync(join(templates, "themes"), { recursive: true });
  mkdirSync(join(templates, "partials"), { recursive: true });
  return { content, out: join(root.path, "dist"), templates };
}

/** Writes a built-in template into the override folder with `edit` applied; returns its path and the 1-based line of `marker`. */
function override(templates: string, relative: string, edit: (text: string) => string, marker: string): { path: string; line: number } {
  const text = edit(readFileSync(join(BUILT_IN_TEMPLATES, relative), "utf8"));
  const path = join(templates, relative);
  writeFileSync(path, text);
  return { path, line: text.split("\n").findIndex((line) => line.includes(marker)) + 1 };
}

const FOUND: [string, string, string][] = [
  ["<script src>", '<script src="https://cdn.example/x.js"></script>', "network"],
  ["protocol-relative <link href>", '<link rel="stylesheet" href="//cdn.example/x.css">', "network"],
  ["a srcset candidate", '<img src="a.png" srcset="a.png 1x, https://cdn.example/b.png 2x">', "network"],
  ["an entity-encoded src", '<img src="&#104;ttps://cdn.example/y.png">', "network"],
  ["a tab inside the scheme", '<img src="ht\ttps://cdn.example/y.png">', "network"],
  ["an ftp poster", '<video poster="ftp://files.example/p.png"></video>', "network"],
  ["an <object data>", '<object data="https://cdn.example/x.swf"></object>', "network"],
  ["an <iframe src>", '<iframe src="https://evil.example/"></iframe>', "network"],
  ["a <base href>", '<base href="https://evil.example/">', "network"],
  ["an <a ping>", '<a href="#x" ping="https://tracker.example/p">x</a>', "network"],
  ["a meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "network"],
  ["a style attribute", '<div style="background:url(https://cdn.example/a.png)"></div>', "network"],
  ["a page in an iframe's srcdoc", '<iframe srcdoc="&lt;img src=&quot;https://cdn.example/a.png&quot;&gt;"></iframe>', "network"],
  ["an absolute path", '<img src="/etc/passwd">', "outside"],
  ["a file: URL", '<img src="file:///etc/passwd">', "outside"],
  ["a UNC path", '<img src="\\\\server\\share\\x.png">', "network"],
  ["a <style> @import", '<style>@import "https://cdn.example/a.css";</style>', "network"],
  ["a fetch in an inline script", '<script>fetch("https://evil.example/x")</script>', "network"],
  ["an escaped URL in a script", '<script>var s = "\\x68ttps://evil.example/";</script>', "network"],
];

const NOT_FOUND: [string, string][] = [
  ["a link to the web", '<a href="https://example.com/">x</a>'],
  ["an area link", '<map><area href="https://example.com/"></map>'],
  ["the CSP", `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src ws://127.0.0.1:*">`],
  ["a description", '<meta name="description" content="see https://example.com/">'],
  ["text", "<p>Read https://example.com/ and //this.</p>"],
  ["escaped markup", '<code>&lt;script src="https://cdn.example/x.js"&gt;</code>'],
  ["a comment", '<!-- <script src="https://cdn.example/x.js"></script> -->'],
  ["relative and data: URLs", '<img src="media/x.png"><img src="data:image/png;base64,AAAA"><link href="assets/theme.css" rel="stylesheet">'],
  ["a comment in a script", "<script>// see https://example.com/\nvar scheme = 'ws://';</script>"],
];

describe("the offline scanner", () => {
  it.each(FOUND)("finds %s", (_, html, reach) => {
    expect(scanHtml(html).map((reference) => reference.reach)).toEqual([reach]);
  });

  it.each(NOT_FOUND)("leaves %s alone", (_, html) => {
    expect(scanHtml(html)).toEqual([]);
  });

  it("reads CSS as a browser would: escapes decoded, comments and @namespace skipped", () => {
    expect(scanCss(".a{background:u\\72l(h\\74tp://esc.example/x)}").map((r) => r.url)).toEqual(["http://esc.example/x"]);
    expect(scanCss('.a{background-image:image-set("https://cdn.example/a.png" 1x)}').map((r) => r.url)).toEqual(["https://cdn.example/a.png"]);
    expect(scanCss("@import url(//cdn.example/a.css);").map((r) => r.via)).toEqual(["url()"]);
    expect(scanCss("/* url(https://cdn.example/x) */ .a{}")).toEqual([]);
    expect(scanCss("@namespace svg url(http://www.w3.org/2000/svg);")).toEqual([]);
    expect(scanCss(`.a{background:url("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'/>")}`)).toEqual([]);
    expect(scanCss('.a::after{content:" / "}')).toEqual([]);
  });

  it("reports where in the text it found each reference", () => {
    const css = ".a{}\n\n.b{background:url(https://cdn.example/a.png)}";
    expect(scanCss(css)[0]?.offset).toBe(css.indexOf("url("));
    const script = "var a = 1;\nload('https://cdn.example/x');";
    expect(scanScript(script)[0]?.offset).toBe(script.indexOf("'https"));
  });

  it("finds nothing in the built-in templates' output: the example deck, its theme and the index", async () => {
    const { content, out } = project();
    expect((await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out])).code).toBe(0);
    expect(scanHtml(readFileSync(join(out, EXAMPLE_SLUG, "index.html"), "utf8"))).toEqual([]);
    expect(scanCss(readFileSync(join(out, EXAMPLE_SLUG, "assets", "theme.css"), "utf8"))).toEqual([]);
    expect(scanHtml(readFileSync(join(out, "index.html"), "utf8"))).toEqual([]);
    expect(scanCss(readFileSync(join(out, "_assets", "index.css"), "utf8"))).toEqual([]);
  });
});

describe("building with templates that would load from the network", () => {
  it("refuses a deck.hbs with a remote <script src>, at the template's line, writing no deck", async () => {
    const { content, out, templates } = project();
    const script = '<script src="https://cdn.example/analytics.js"></script>';
    const deck = override(templates, "deck.hbs", (text) => text.replace("</head>", `${script}\n</head>`), "cdn.example");
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "--templates", templates]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${displayPath(deck.path)}:${deck.line}:14: error: <script src> would load "https://cdn.example/analytics.js" from the network`);
    expect(result.stderr).toMatch(/ots-security\.md:1:1: error: not built: its templates would load files from elsewhere/);
    expect(existsSync(join(out, EXAMPLE_SLUG))).toBe(false);
  });

  it("refuses a theme that imports remote CSS or fonts, at the theme's line", async () => {
    const { content, out, templates } = project();
    const theme = override(templates, "themes/briefing.css", (text) => `${text}\n@import url("https://fonts.example/css?family=X");\n@font-face{font-family:X;src:url(//fonts.example/x.woff2)}\n`, "@import");
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "--templates", templates]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${displayPath(theme.path)}:${theme.line}:9: error: url() would load "https://fonts.example/css?family=X"`);
    expect(result.stderr).toContain(`${displayPath(theme.path)}:${theme.line + 1}:`);
  });

  it("places a remote URL that a template takes from the content at the briefing", async () => {
    const { content, out, templates } = project();
    override(templates, "partials/banner.hbs", (text) => `{{#if @root.meta.source.url}}<img src="{{@root.meta.source.url}}" alt="">{{/if}}${text}`, "img");
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "--templates", templates]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ots-security\.md:1:1: error: <img src> would load "https:\/\/www\.intellinews\.com\/" from the network: .*save the file inside content\//);
    expect(result.stderr.match(/intellinews/g)).toHaveLength(1);
  });

  it("refuses an index.hbs with a remote <script src> as a content error at its line, as in deck.hbs, keeping the previous index", async () => {
    const { content, out, templates } = project();
    expect((await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, "index.html"));
    const script = '<script src="https://cdn.example/index.js"></script>';
    const index = override(templates, "index.hbs", (text) => text.replace("</head>", `${script}\n</head>`), "cdn.example");
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "--templates", templates]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${displayPath(index.path)}:${index.line}:14: error: <script src> would load "https://cdn.example/index.js" from the network`);
    expect(result.stderr).not.toContain("cannot write the index page");
    expect(readFileSync(join(out, "index.html"))).toEqual(before);
  });

  it("refuses an index stylesheet with a remote font, keeping the previous index", async () => {
    const { content, out, templates } = project();
    expect((await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, "index.html"));
    const css = override(templates, "index.css", (text) => `${text}\n@font-face{font-family:X;src:url(https://fonts.example/x.woff2)}\n`, "fonts.example");
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "--templates", templates]);
    // A content error at the template's line, as the same mistake in a deck template is.
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${displayPath(css.path)}:${css.line}:`);
    expect(result.stderr).not.toContain("cannot write the index page");
    expect(readFileSync(join(out, "index.html"))).toEqual(before);
  });
});

describe("content that would load from the network", () => {
  it.each(["https://evil.example/x.png", "http://evil.example/x.png", "//evil.example/x.png", "HTTPS://EVIL.EXAMPLE/X.PNG", "ftp://evil.example/x.png"])(
    "refuses the image %s at its line",
    (url) => {
      const result = parseMarkdown(`---\ntitle: T\ndate: 2026-01-08\n---\n\n## S\n\n![a map](${url})\n`);
      expect(result.briefing).toBeUndefined();
      expect(result.diagnostics.map((d) => `${d.line}: ${d.severity}: ${d.message}`)).toEqual([
        `8: error: image "${url}" is not a local file: decks must work offline, so save the image inside content/ and use its relative path`,
      ]);
    },
  );
});
