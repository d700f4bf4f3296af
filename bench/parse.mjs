// The cost of reading a briefing and of checking its deck for network references, in a warm process.
// Usage: npm run compile && node bench/parse.mjs   (BENCH_LIB=folder measures another compiled copy of src/)
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const lib = pathToFileURL(resolve(process.env.BENCH_LIB ?? "lib")).href;
const { parseBriefing } = await import(`${lib}/input/parse/index.js`);
const { deckProblems } = await import(`${lib}/offline/offline-check.js`);
const { loadTemplates } = await import(`${lib}/render/templates.js`);

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

/** Median wall and CPU time: on a shared machine the CPU time is the comparable figure. */
function median(label, work) {
  work();
  const wall = [];
  const cpu = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const usage = process.cpuUsage();
    work();
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1e3);
    wall.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const middle = (samples) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)].toFixed(1);
  console.log(`${label.padEnd(50)} median ${middle(cpu).padStart(7)} ms CPU, ${middle(wall).padStart(7)} ms wall`);
}

const FRONT = "---\ntitle: Hostile\ndate: 2026-01-08\n---\n\n## S\n\n";
const inputs = {
  "example (content/ots-security.md)": readFileSync("content/ots-security.md", "utf8"),
  "large (300 sections with raw HTML)": largeBriefing(),
  // Two of the fuzz tests' huge inputs that go through the tokenizer.
  "12,000 unclosed tags with open quotes": `${FRONT}<div>\n${'<b c="x '.repeat(12_000)}\n`,
  "a 96 kB line of attributes to remove": `${FRONT}<span ${'a="b" '.repeat(16_000)}>x</span>\n`,
};
for (const [name, source] of Object.entries(inputs)) {
  const parse = () => parseBriefing({ source, file: "bench.md", slug: "bench", baseDir: "", themes });
  const { briefing } = parse();
  if (!briefing) throw new Error(`${name} did not parse`);
  median(`parse, ${name}`, parse);
  median(`offline check, ${name}`, () => deckProblems(briefing, templates));
}
