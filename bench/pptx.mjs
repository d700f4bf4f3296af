// The PowerPoint step: full builds of the example with and without --pptx,
// alternated so both see the same machine load; the difference is what --pptx costs.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = join(".bench", "pptx");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const run = (extra) => {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["bin/briefdeck.js", "build", "--quiet", "--force", "--content", "content", "--out", join(work, extra.length ? "pptx" : "plain"), ...extra], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`build ${extra.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
};
const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const plain = [];
const pptx = [];
const differences = [];
for (let index = 0; index < RUNS; index++) {
  const without = run([]);
  const withPptx = run(["--pptx"]);
  plain.push(without);
  pptx.push(withPptx);
  differences.push(withPptx - without);
}
console.log(`example with --pptx / without                 median ${median(pptx).toFixed(3)} s / ${median(plain).toFixed(3)} s  ratio ${(median(pptx) / median(plain)).toFixed(2)}
PowerPoint step (median of paired differences) ${median(differences).toFixed(3)} s  (target ≤ 0.3 s)`);
