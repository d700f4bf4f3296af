// The cost of reading a briefing and of checking its deck for network references, in a warm process.
// Usage: npm run compile && node bench/parse.mjs
import { readFileSync } from "node:fs";
import { parseBriefing } from "../lib/input/parse/index.js";
import { deckProblems } from "../lib/offline/offline-check.js";
import { loadTemplates } from "../lib/render/templates.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const templates = loadTemplates();
const themes = new Set(templates.themes.keys());

/** A large briefing: 300 sections of prose with inline HTML, lists, tables and notes. */
function largeBriefing() {
  const section = (i) => [
    `## Section ${i}`,
    "",
    `Paragraph with <sup>1</sup>, <span class="flag" title="T &amp; U">marked</span> and <abbr title="x">ABBR</abbr> words, H<sub>2</sub>O, <mark>key</mark>.<br>`,
    `A removed <b onclick="x()">tag</b> and <img src="x.png" onerror="y()"> image, <script>z()</script> gone.`,
    "",
    "- first item with **bold** and <span lang=\"az\">Azərbaycan</span>",
    "- second item with a [link](https://example.com/)",
    "",
    "| a | b |",
    "|---|---|",
    "| <span>one</span> | two |",
    "",
    "::: notes",
    "Say <em>this</em>.",
    ":::",
    "",
  ].join("\n");
  return `---\ntitle: Large\ndate: 2026-01-08\n---\n\nLede.\n\n${Array.from({ length: 300 }, (_, i) => section(i)).join("\n")}`;
}

function median(label, work) {
  work();
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${samples[Math.floor(samples.length / 2)].toFixed(1)} ms`);
}

const inputs = {
  "example (content/ots-security.md)": readFileSync("content/ots-security.md", "utf8"),
  "large (300 sections with raw HTML)": largeBriefing(),
};
for (const [name, source] of Object.entries(inputs)) {
  const parse = () => parseBriefing({ source, file: "bench.md", slug: "bench", baseDir: "", themes });
  const { briefing } = parse();
  if (!briefing) throw new Error(`${name} did not parse`);
  median(`parse, ${name}`, parse);
  median(`offline check, ${name}`, () => deckProblems(briefing, templates));
}
