import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { FitPlan } from "../../render/fit-plan.js";
import type { Briefing } from "../../core/model.js";
import { renderDeck } from "../../render/deck.js";
import type { TemplateSet } from "../../render/templates.js";
import { revealFile } from "../../render/assets.js";
import { embeddedFontFaceCss } from "../../render/fonts.js";
import { decodeEntities } from "../../input/parse/sanitize.js";

const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
  ".webp": "image/webp", ".svg": "image/svg+xml", ".avif": "image/avif",
};

/**
 * The deck as one HTML file: reveal.js, the notes plugin, the theme, the
 * fonts the text needs and every image inlined, so it presents from an email
 * attachment with no other file and no network.
 */
export async function renderSingleFile(briefing: Briefing, templates: TemplateSet, plan: FitPlan, contentDir: string): Promise<string> {
  const text = JSON.stringify(briefing);
  const inline = {
    revealCss: styleText(await readFile(revealFile("reveal.css"), "utf8")),
    fontsCss: embeddedFontFaceCss(text),
    themeCss: styleText(templates.themes.get(briefing.meta.theme) ?? ""),
    revealJs: scriptText(await readFile(revealFile("reveal.js"), "utf8")),
    notesJs: scriptText(await readFile(revealFile("plugin/notes.js"), "utf8")),
  };
  const { html } = renderDeck(briefing, templates, { plan, inline });
  const dataUrls = new Map<string, string>();
  for (const image of briefing.images) {
    const type = IMAGE_TYPES[extname(image.contentPath).toLowerCase()] ?? "application/octet-stream";
    const data = (await readFile(join(contentDir, ...image.contentPath.split("/")))).toString("base64");
    dataUrls.set(image.outputPath, `data:${type};base64,${data}`);
  }
  // Attribute values are compared as the browser reads them (entities decoded): `a &amp; b.png` is `a & b.png`.
  return html.replace(/(\ssrc=")([^"]*)(")/g, (whole, start: string, value: string, end: string) => {
    const dataUrl = dataUrls.get(decodeEntities(value));
    return dataUrl === undefined ? whole : `${start}${dataUrl}${end}`;
  });
}

/** Text that may sit inside <style>: nothing in it can close the element. */
function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, "<\\/$1");
}

/** Text that may sit inside <script>: nothing in it can close the element or open a comment. */
function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
