import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FitPlan } from "../../render/fit-plan.js";
import type { Briefing } from "../../core/model.js";
import { renderDeck } from "../../render/deck.js";
import type { TemplateSet } from "../../render/templates.js";
import { revealFile } from "../../render/assets.js";
import { embeddedFontFaceCss } from "../../render/fonts.js";
import { readDeckImage } from "../../input/images/deck-image.js";
import { relativeUrl, replaceImageSources } from "../../input/images/url.js";

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
  const dataUrls = new Map<string, string>();
  for (const image of briefing.images) {
    const { type, bytes } = readDeckImage(join(contentDir, ...image.contentPath.split("/")));
    dataUrls.set(image.outputPath, `data:${type};base64,${bytes.toString("base64")}`);
  }
  const inlined = withImageSources(briefing, (path) => dataUrls.get(path));
  const { html } = renderDeck(inlined, templates, { plan, inline, imageSource: (image) => dataUrls.get(image.outputPath) ?? relativeUrl(image.outputPath) });
  return html;
}

/** Text that may sit inside <style>: nothing in it can close the element. */
function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, "<\\/$1");
}

/** Text that may sit inside <script>: nothing in it can close the element or open a comment. */
function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/**
 * The briefing with every `<img>` of its HTML pointing where `source` says:
 * each fragment is tokenized (see replaceImageSources), never searched as text.
 */
function withImageSources(briefing: Briefing, source: (path: string) => string | undefined): Briefing {
  const copy = JSON.parse(JSON.stringify(briefing), (_key, value: unknown) =>
    typeof value === "string" && value.includes("<img") ? replaceImageSources(value, source) : value) as Briefing;
  // Charts are drawn once per model object (see render/chart): the copy keeps the very same chart objects.
  copy.sections.forEach((section, index) => {
    const original = briefing.sections[index]?.content;
    if (section.content.layout === "chart" && original?.layout === "chart") section.content.figure = original.figure;
  });
  return copy;
}
