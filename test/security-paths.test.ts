import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { displayPath } from "../src/input/discover.js";
import { resolveImagePath } from "../src/input/parse/images.js";
import { BUILT_IN_TEMPLATES } from "../src/render/templates.js";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, runCli, temporaryFolder } from "./support/files.js";
import { PIXEL_PNG } from "./support/hostile.js";
import { parseMarkdown } from "./support/parse.js";

const folders: { remove: () => void }[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

/** A project in a fresh folder: content (the example), an outside folder holding a secret, and the output. */
function project(): { root: string; content: string; out: string; outside: string } {
  const root = temporaryFolder("briefdeck-paths-");
  folders.push(root);
  const content = join(root.path, "content");
  cpSync(EXAMPLE_CONTENT, content, { recursive: true });
  const outside = join(root.path, "outside");
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.png"), PIXEL_PNG);
  writeFileSync(join(outside, "secret.md"), "---\ntitle: Secret\ndate: 2026-01-08\n---\n\n## Secret\n\nNot for the deck.\n");
  return { root: root.path, content, out: join(root.path, "dist"), outside };
}

function briefingWithImage(path: string): string {
  return `---\ntitle: Paths\ndate: 2026-01-08\n---\n\n## A figure\n\n![a map](${path})\n`;
}

/** Every file under `folder`, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1));
}

/** Markdown image paths that must never resolve, and the kind of refusal. */
const REFUSED: [string, RegExp][] = [
  ["../secret.png", /is outside content\//],
  ["images/../../secret.png", /is outside content\//],
  ["../../../../../../etc/passwd", /is outside content\//],
  ["/etc/passwd", /is an absolute path/],
  ["%2e%2e/secret.png", /is outside content\//],
  ["%2E%2E%2Fsecret.png", /is outside content\//],
  [".%2e/secret.png", /is outside content\//],
  ["..%5c..%5csecret.png", /is outside content\//],
  ["%252e%252e/secret.png", /has a % in its path/],
  ["%2Fetc%2Fpasswd", /is an absolute path/],
  // Markdown needs \\ for one backslash; a single one before "." is an escape of the dot.
  ["..\\\\..\\\\secret.png", /is outside content\//],
  ["images\\\\..\\\\..\\\\secret.png", /is outside content\//],
  ["C:\\\\Windows\\\\secret.png", /is an absolute path/],
  ["C:/Windows/secret.png", /is an absolute path/],
  ["C%3A/secret.png", /is an absolute path/],
  ["c:secret.png", /is not a local file/],
  ["\\\\\\\\server\\\\share\\\\secret.png", /is an absolute path/],
  ["//server/share/secret.png", /is not a local file/],
  ["file:///etc/passwd", /is not a local file/],
  ["secret%00.png", /has a control character/],
  ["secret%0a.png", /has a control character/],
];

describe("image paths", () => {
  it.each(REFUSED)("%s is refused at its line", (path, reason) => {
    const result = parseMarkdown(briefingWithImage(path));
    expect(result.briefing).toBeUndefined();
    const [only, ...rest] = result.diagnostics;
    expect(rest).toEqual([]);
    expect(only?.severity).toBe("error");
    expect(only?.line).toBe(8);
    expect(only?.message).toMatch(reason);
  });

  it("keeps harmless relative forms inside content/", () => {
    expect(resolveImagePath("images/./a.png", "")).toEqual({ ok: true, contentPath: "images/a.png" });
    expect(resolveImagePath("images/sub/../a.png", "deck")).toEqual({ ok: true, contentPath: "deck/images/a.png" });
    expect(resolveImagePath("../shared/a.png", "deck")).toEqual({ ok: true, contentPath: "shared/a.png" });
    // A single backslash before "." is Markdown's escape of the dot: "....\x.png" names a folder "....", inside content/.
    const escaped = parseMarkdown(briefingWithImage("..\\..\\x.png"));
    expect(escaped.briefing?.images.map((image) => image.contentPath)).toEqual(["..../x.png"]);
  });

  it("a NUL byte in the file is no path trick: it becomes U+FFFD and the image is simply not found", async () => {
    const { content, out } = project();
    writeFileSync(join(content, "secret.png"), PIXEL_PNG);
    writeFileSync(join(content, "nul.md"), briefingWithImage("secret.png\0.png"));
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "nul"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nul\.md:8:1: error: image "secret\.png\uFFFD\.png" not found/);
  });

  it("a symlink out of content/ is refused; one that stays inside is followed", async () => {
    const { content, out, outside } = project();
    mkdirSync(join(content, "linked", "images"), { recursive: true });
    symlinkSync(join(outside, "secret.png"), join(content, "linked", "images", "file-link.png"));
    symlinkSync(outside, join(content, "linked", "folder-link"));
    writeFileSync(join(content, "linked", "images", "real.png"), PIXEL_PNG);
    symlinkSync(join(content, "linked", "images", "real.png"), join(content, "linked", "images", "inside-link.png"));
    writeFileSync(join(content, "linked", "index.md"), `${briefingWithImage("images/file-link.png")}\n![b](folder-link/secret.png)\n`);
    const refused = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "linked"]);
    expect(refused.code).toBe(1);
    const file = displayPath(join(content, "linked", "index.md"));
    expect(refused.stderr).toContain(`${file}:8:1: error: image "images/file-link.png" points outside the content folder`);
    expect(refused.stderr).toContain(`${file}:10:1: error: image "folder-link/secret.png" points outside the content folder`);
    expect(existsSync(join(out, "linked"))).toBe(false);

    writeFileSync(join(content, "linked", "index.md"), briefingWithImage("images/inside-link.png"));
    expect((await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out, "linked"])).code).toBe(0);
    expect(readFileSync(join(out, "linked", "media", "linked", "images", "inside-link.png"))).toEqual(PIXEL_PNG);
  });
});

describe("briefing files and slugs", () => {
  it("a briefing that is a symlink out of content/ is refused, and nothing of it is read", async () => {
    const { content, out, outside } = project();
    symlinkSync(join(outside, "secret.md"), join(content, "leak.md"));
    mkdirSync(join(content, "leak-folder"));
    symlinkSync(join(outside, "secret.md"), join(content, "leak-folder", "index.md"));
    symlinkSync(outside, join(content, "leak-dir"));
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out]);
    expect(result.code).toBe(1);
    for (const path of ["leak.md", "leak-folder/index.md", "leak-dir"]) {
      expect(result.stderr).toContain(`${displayPath(join(content, path))}:1:1: error: ${displayPath(join(content, path))} is a symlink pointing outside the content folder`);
    }
    expect(readdirSync(out).sort()).toEqual(["_assets", "index.html", EXAMPLE_SLUG]);
    expect(readFileSync(join(out, "index.html"), "utf8")).not.toContain("Secret");
  });

  it("a briefing symlinked from inside content/ builds", async () => {
    const { content, out } = project();
    symlinkSync(join(content, `${EXAMPLE_SLUG}.md`), join(content, "alias.md"));
    const result = await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out, "alias"]);
    expect(result.code).toBe(0);
    expect(existsSync(join(out, "alias", "index.html"))).toBe(true);
  });

  it("no slug can name a folder outside the output folder", async () => {
    const { root, content, out } = project();
    for (const name of ["Upper.md", "dot.ted.md", "under_score.md", "-dash.md", "spa ce.md", "..hidden.md"]) writeFileSync(join(content, name), "---\ntitle: T\ndate: 2026-01-08\n---\n");
    const built = await runCli(["build", "--no-pdf", "--content", content, "--out", out]);
    expect(built.code).toBe(1);
    expect(built.stderr.match(/is not a valid briefing name/g)).toHaveLength(5);
    for (const slug of ["../escape", "/tmp/escape", "..", "a/../../b", "%2e%2e"]) {
      const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, slug]);
      expect(result.code, slug).toBe(2);
    }
    expect(readdirSync(root).sort()).toEqual(["content", "dist", "outside"]);
    expect(readdirSync(out).sort()).toEqual(["_assets", "index.html", EXAMPLE_SLUG]);
    expect(filesUnder(join(out, EXAMPLE_SLUG)).every((path) => !path.includes(".."))).toBe(true);
  });
});

describe("--templates overrides", () => {
  function templatesFolder(root: string): string {
    const templates = join(root, "templates");
    mkdirSync(join(templates, "partials"), { recursive: true });
    return templates;
  }

  it("a template that is a symlink out of the templates folder is refused", async () => {
    const { root, content, out, outside } = project();
    const templates = templatesFolder(root);
    writeFileSync(join(outside, "footer.hbs"), "<footer>{{@root.meta.title}} from outside</footer>");
    symlinkSync(join(outside, "footer.hbs"), join(templates, "partials", "footer.hbs"));
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "--templates", templates]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/template .*partials\/footer\.hbs points outside the templates folder/);
    expect(existsSync(out)).toBe(false);
  });

  it("a templates subfolder that is a symlink out is refused too", async () => {
    const { root, content, out, outside } = project();
    const templates = join(root, "templates");
    mkdirSync(templates);
    mkdirSync(join(outside, "partials"));
    writeFileSync(join(outside, "partials", "banner.hbs"), "<div>outside</div>");
    symlinkSync(join(outside, "partials"), join(templates, "partials"));
    const result = await runCli(["build", "--no-pdf", "--content", content, "--out", out, "--templates", templates]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/partials\/banner\.hbs points outside the templates folder/);
  });

  it("a symlink that stays inside the templates folder is used", async () => {
    const { root, content, out } = project();
    const templates = templatesFolder(root);
    writeFileSync(join(templates, "footer-real.hbs"), '<footer class="slide-footer">LINKED FOOTER {{number}}</footer>');
    symlinkSync(join(templates, "footer-real.hbs"), join(templates, "partials", "footer.hbs"));
    const result = await runCli(["build", "--no-pdf", "--quiet", "--content", content, "--out", out, "--templates", templates]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, EXAMPLE_SLUG, "index.html"), "utf8")).toContain("LINKED FOOTER 1");
    expect(readFileSync(join(BUILT_IN_TEMPLATES, "partials", "footer.hbs"), "utf8")).not.toContain("LINKED");
  });
});
