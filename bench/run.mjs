// npm run bench: the figures of the regenerate loop, each against the same
// run's floor (bench/floor.mjs: a bare puppeteer script that launches the
// browser, opens the built deck in print mode and prints it once). Every
// timing is a whole process, as a user waits for it; medians of BENCH_RUNS.
// Shared machines are noisy: compare the ratios, not the absolute times.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { editLoop } from "./edit-loop.mjs";
import { editBriefing, generateBriefings, slugOf } from "./many.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EDITS = Number(process.env.BENCH_EDITS ?? 20);
const work = ".bench";
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const node = process.execPath;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Median wall time of a command; `before(run)` prepares each run and is not timed. */
function time(label, command, args, before = () => undefined) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    before(run);
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { encoding: "utf8" });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stdout}${result.stderr}`);
    samples.push(seconds);
  }
  const median = middle(samples);
  console.log(`${label.padEnd(58)} median ${median.toFixed(3)} s  (min ${Math.min(...samples).toFixed(3)}, max ${Math.max(...samples).toFixed(3)}, ${RUNS} runs)`);
  return median;
}

function middle(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`briefdeck bench · node ${process.version} · example: content/ots-security.md · ${RUNS} runs per figure\n`);

// The README's commands, as typed: npm run build (-- options).
const readme = (out, ...extra) => ["run", "-s", "build", "--", "--quiet", "--out", out, ...extra];
const fresh = (folder) => () => rmSync(folder, { recursive: true, force: true });
const full = time("full build from scratch (npm run build)", npm, readme(join(work, "full")), fresh(join(work, "full")));
const floor = time("floor: bare puppeteer (launch, print-mode load, print)", node, [
  "bench/floor.mjs", join(work, "full", "ots-security", "index.html"), join(work, "floor.pdf"),
]);
const cached = time("npm run build, nothing changed, with PDFs", npm, readme(join(work, "full")));
const cachedNode = time("  the same without npm (node bin/briefdeck.js build)", node, ["bin/briefdeck.js", "build", "--quiet", "--out", join(work, "full")]);
const htmlArgs = ["build", "--quiet", "--force", "--no-pdf", "--no-fit", "--out", join(work, "html")];
const html = time("HTML only, --no-pdf --no-fit (node bin/briefdeck.js)", node, ["bin/briefdeck.js", ...htmlArgs]);
const htmlNpm = time("  the same through npm run build", npm, readme(join(work, "html"), "--force", "--no-pdf", "--no-fit"));
const bare = time("node startup alone (node -e 0)", node, ["-e", "0"]);

// 50 briefings, one edited before each run, against building that one alone.
const many = join(work, "many");
const manyArgs = ["bin/briefdeck.js", "build", "--quiet", "--content", join(many, "content"), "--out", join(many, "out")];
const aloneArgs = ["bin/briefdeck.js", "build", "--quiet", "--content", join(many, "alone"), "--out", join(many, "alone-out")];
generateBriefings(join(many, "content"), 50);
generateBriefings(join(many, "alone"), 1);
console.log("\n50 generated briefings: first build (untimed)…");
const first = spawnSync(node, manyArgs, { encoding: "utf8" });
if (first.status !== 0) throw new Error(`first build of the 50 failed:\n${first.stderr}`);
const manyPdf = time("50 briefings, 1 edited, with PDFs", node, manyArgs, (run) => editBriefing(join(many, "content"), 1, run + 1));
const alonePdf = time(`that one alone (${slugOf(1)}), with PDF, from scratch`, node, aloneArgs, fresh(join(many, "alone-out")));

console.log(`\nedit loop: briefdeck dev on the example, a deck open in Chromium on slide 4, ${EDITS} saves…`);
const loop = await editLoop(join(work, "dev"), EDITS);
console.log(`save → edited slide shown, fitted, same slide          median ${loop.shown.toFixed(0)} ms (${loop.reloads} reloads for ${EDITS} saves; ${loop.sameSlide}/${EDITS} on the same slide; ${loop.fitted}/${EDITS} fitted)`);

const ratio = (value) => `${(value / floor).toFixed(2)}× floor`;
const rows = [
  ["README's regenerate command (`npm run build`), nothing changed, with PDFs", `${cached.toFixed(2)} s = ${ratio(cached)} (without npm: ${cachedNode.toFixed(2)} s = ${ratio(cachedNode)})`, "≤ 0.25× floor"],
  ["full build of the example from scratch (`npm run build`)", `${full.toFixed(2)} s = ${ratio(full)}`, "≤ 1.15× floor"],
  ["HTML-only build without fitting (`--no-pdf --no-fit`), whole process", `${html.toFixed(2)} s (node startup alone ${bare.toFixed(2)} s; through npm ${htmlNpm.toFixed(2)} s)`, "≤ 0.30 s"],
  [`save → fitted edited slide shown in an open page, same slide (median of ${EDITS})`, `${(loop.shown / 1000).toFixed(2)} s, ${loop.fitted === EDITS ? "fitted" : `${loop.fitted}/${EDITS} fitted`}`, "≤ 0.30 s, fitted"],
  ["one of 50 briefings edited, with PDFs", `${manyPdf.toFixed(2)} s = ${(manyPdf / alonePdf).toFixed(2)}× that briefing alone (${alonePdf.toFixed(2)} s)`, "≤ 1.3× that briefing alone"],
];
// The chart step: drawing charts to SVG in a warm process (bench/charts.mjs).
console.log("\ncharts:");
const charts = spawnSync(node, ["bench/charts.mjs"], { encoding: "utf8", env: { ...process.env, BENCH_RUNS: String(RUNS) } });
process.stdout.write(charts.stdout);
if (charts.status !== 0) throw new Error(`chart benchmark failed:\n${charts.stderr}`);

// The alternatives, the PowerPoint step and scale each print their own table.
for (const [title, script] of [["against Marp", "bench/alternatives.mjs"], ["PowerPoint step", "bench/pptx.mjs"], ["briefings a minute at scale", "bench/scale.mjs"]]) {
  console.log(`\n${title}:`);
  const part = spawnSync(node, [script], { encoding: "utf8", env: { ...process.env, BENCH_RUNS: String(RUNS) } });
  process.stdout.write(part.stdout);
  if (part.status !== 0) throw new Error(`${script} failed:\n${part.stderr}`);
}

console.log(`\nfloor: ${floor.toFixed(2)} s (this run)\n\n| figure | this run | target |\n|---|---|---|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
