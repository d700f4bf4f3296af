// npm run bench: whole-process timings from one run, reported as medians and ratios.
// Shared machines are noisy: compare the ratios, not the absolute times.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = ".bench";
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function time(label, command, args) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
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

const cli = ["bin/briefdeck.js", "build", "--quiet", "--content", "content"];
const node = process.execPath;
console.log(`briefdeck bench · node ${process.version} · example: content/ots-security.md\n`);
const bare = time("node startup (node -e 0)", node, ["-e", "0"]);
const html = time("briefdeck build --no-pdf (HTML only)", node, [...cli, "--no-pdf", "--out", join(work, "html")]);
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
