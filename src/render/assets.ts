import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OutputFile } from "../core/files.js";
import { fontFaceCss, fontFiles } from "./fonts.js";


const require = createRequire(import.meta.url);
const revealDist = (): string => dirname(require.resolve("reveal.js"));

/** A file of reveal.js's distribution, e.g. `reveal.js` or `plugin/notes.js`. */
export function revealFile(name: string): string {
  return join(revealDist(), ...name.split("/"));
}

/** reveal.js, its notes plugin, the fonts and the theme: everything a deck loads besides itself. */
export function deckAssets(themeCss: string): OutputFile[] {
  const reveal = revealDist();
  return [
    { path: "assets/reveal/reveal.css", copyFrom: join(reveal, "reveal.css") },
    { path: "assets/reveal/reveal.js", copyFrom: join(reveal, "reveal.js") },
    { path: "assets/reveal/plugin/notes.js", copyFrom: join(reveal, "plugin", "notes.js") },
    ...fontAssets("assets"),
    { path: "assets/theme.css", text: themeCss },
  ];
}

/** The fonts and their @font-face rules under `folder`. */
export function fontAssets(folder: string): OutputFile[] {
  return [
    ...fontFiles().map((font) => ({ path: `${folder}/fonts/${font.name}`, copyFrom: font.from })),
    { path: `${folder}/fonts.css`, text: fontFaceCss("fonts") },
  ];
}
