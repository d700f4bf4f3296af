// The cost of the fit pass: full builds with and without measuring, from one run.
// Usage: node bench/fit.mjs   (also run by npm run bench)
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = ".bench/fit";
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function median(label, args) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["bin/briefdeck.js", "build", "--quiet", "--force", ...args], { encoding: "utf8" });
    samples.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (result.status !== 0 && !args.includes("too-big")) throw new Error(`${label} failed:\n${result.stderr}`);
  }
  samples.sort((a, b) => a - b);
  const value = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(52)} median ${value.toFixed(3)} s`);
  return value;
}

const example = ["--content", "content", "--out", join(work, "example")];
const fixture = ["--content", "test/fixtures/fit/content", "--out", join(work, "fixture"), "long-text", "long-table", "numbered-list"];
const exampleFit = median("example deck, full build with the fit pass", example);
const exampleNoFit = median("example deck, full build with --no-fit", [...example, "--no-fit"]);
const splitFit = median("3 long fixtures (they split), with the fit pass", fixture);
const splitNoFit = median("3 long fixtures, with --no-fit (they overflow)", [...fixture, "--no-fit"]);
console.log(`
fit pass cost, example (fits at once)   ratio ${(exampleFit / exampleNoFit).toFixed(2)}
fit pass cost, long fixtures (split)    ratio ${(splitFit / splitNoFit).toFixed(2)}`);
