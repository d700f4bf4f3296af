// npm run bench: whole-process timings from one run, reported as medians and ratios.
// Shared machines are noisy: compare the ratios, not the absolute times.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { editLoop } from "./edit-loop.mjs";
import { editBriefing, generateBriefings, slugOf } from "./many.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = ".bench";
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

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
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(44)} median ${median.toFixed(3)} s  (min ${samples[0].toFixed(3)}, max ${samples.at(-1).toFixed(3)}, ${RUNS} runs)`);
  return median;
}

// --force: every run builds for real (a second run would otherwise be served from the cache).
const cli = ["bin/briefdeck.js", "build", "--quiet", "--force", "--content", "content"];
const node = process.execPath;
console.log(`briefdeck bench · node ${process.version} · example: content/ots-security.md\n`);
const bare = time("node startup (node -e 0)", node, ["-e", "0"]);
const html = time("briefdeck build --no-pdf --no-fit (HTML only)", node, [...cli, "--no-pdf", "--no-fit", "--out", join(work, "html")]);
const full = time("briefdeck build (HTML + PDF)", node, [...cli, "--out", join(work, "full")]);
const floor = time("floor: bare puppeteer, print-mode page.pdf()", node, [
  "bench/floor.mjs", join(work, "full", "ots-security", "index.html"), join(work, "floor.pdf"),
]);
const pdfStep = full - html + bare;
console.log(`
PDF step (full − HTML-only + node startup)   ${pdfStep.toFixed(3)} s
ratio PDF step / floor                        ${(pdfStep / floor).toFixed(2)}  (target ≤ 1.30)
ratio full build / floor                      ${(full / floor).toFixed(2)}
HTML-only build                               ${html.toFixed(3)} s (target < 0.5 s)
full build                                    ${full.toFixed(3)} s (target < 3 s)`);

// Cached builds: 50 briefings, one edited before each run, against building that one alone.
const many = join(work, "many");
const manyArgs = (pdf) => ["bin/briefdeck.js", "build", "--quiet", "--content", join(many, "content"), "--out", join(many, pdf ? "pdf" : "html"), ...(pdf ? [] : ["--no-pdf", "--no-fit"])];
const aloneArgs = (pdf) => ["bin/briefdeck.js", "build", "--quiet", "--content", join(many, "alone"), "--out", join(many, pdf ? "alone-pdf" : "alone-html"), ...(pdf ? [] : ["--no-pdf", "--no-fit"])];
generateBriefings(join(many, "content"), 50);
generateBriefings(join(many, "alone"), 1);
console.log("\ncached builds: 50 generated briefings (first builds, untimed)…");
for (const pdf of [false, true]) {
  const first = spawnSync(node, manyArgs(pdf), { encoding: "utf8" });
  if (first.status !== 0) throw new Error(`first build of the 50 failed:\n${first.stderr}`);
}
const edit = (folder) => (run) => editBriefing(folder, 1, run + 1);
const fresh = (pdf) => () => rmSync(join(many, pdf ? "alone-pdf" : "alone-html"), { recursive: true, force: true });
const manyHtml = time("50 briefings, 1 edited, --no-pdf --no-fit", node, manyArgs(false), edit(join(many, "content")));
const aloneHtml = time(`that one alone (${slugOf(1)}), --no-pdf --no-fit`, node, aloneArgs(false), fresh(false));
const manyPdf = time("50 briefings, 1 edited, with PDF", node, manyArgs(true), edit(join(many, "content")));
const alonePdf = time(`that one alone (${slugOf(1)}), with PDF`, node, aloneArgs(true), fresh(true));
console.log(`
ratio 50 with 1 edited / that one alone, HTML only    ${(manyHtml / aloneHtml).toFixed(2)}  (target ≤ 1.50)
ratio 50 with 1 edited / that one alone, with PDF     ${(manyPdf / alonePdf).toFixed(2)}  (target ≤ 1.50)`);

// The edit loop: briefdeck dev on the example, a deck open in Chromium.
console.log(`\nedit loop: briefdeck dev on the example, ${RUNS} edits…`);
const loop = await editLoop(join(work, "dev"), RUNS);
console.log(`edit → reload signal (HTML rebuilt)            median ${loop.reload.toFixed(0)} ms  ratio to target ${(loop.reload / 150).toFixed(2)}  (target < 150 ms)
edit → reloaded deck ready in Chromium          median ${loop.browser.toFixed(0)} ms
edit → new PDF in place                         median ${loop.pdf.toFixed(0)} ms  ratio to target ${(loop.pdf / 1500).toFixed(2)}  (target < 1500 ms)`);

// The fit pass: full builds with and without measuring (bench/fit.mjs).
console.log("\nfit pass:");
const fit = spawnSync(node, ["bench/fit.mjs"], { encoding: "utf8", env: { ...process.env, BENCH_RUNS: String(RUNS) } });
process.stdout.write(fit.stdout);
if (fit.status !== 0) throw new Error(`fit benchmark failed:\n${fit.stderr}`);
