// Mutation testing (see TESTING.md): runs Stryker over a group of modules, then prints one
// score per module and per group. `node scripts/mutate.mjs` runs the `deciding` group, on which
// the 80 % target is set; `logic` and `builds` are wider groups to run on their own.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const GROUPS = ["deciding", "logic", "builds"];
const TARGET_GROUP = "deciding";
// Group names first, then Stryker's own options (e.g. --mutate src/fit/plan.ts --concurrency 4).
const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith("-"));
const asked = firstOption === -1 ? args : args.slice(0, firstOption);
const extra = firstOption === -1 ? [] : args.slice(firstOption);
const groups = asked.length > 0 ? asked : [TARGET_GROUP];
const unknown = groups.filter((group) => !GROUPS.includes(group));
if (unknown.length > 0) {
  process.stderr.write(`mutate: unknown group ${unknown.join(", ")}; the groups are ${GROUPS.join(", ")}\n`);
  process.exit(2);
}

let status = 0;
for (const group of groups) {
  const started = Date.now();
  const run = spawnSync("node_modules/.bin/stryker", ["run", `mutation/${group}.stryker.mjs`, ...extra], { stdio: "inherit" });
  process.stdout.write(`mutate: ${group} took ${Math.round((Date.now() - started) / 60_000)} min\n`);
  status ||= run.status ?? 1;
}

// Killed and timed-out mutants count as detected; survivors and uncovered ones as not.
const DETECTED = new Set(["Killed", "Timeout"]);
const MISSED = new Set(["Survived", "NoCoverage"]);
const score = ({ detected, missed }) => (detected + missed === 0 ? 100 : (100 * detected) / (detected + missed));
let below = false;
for (const group of groups) {
  const report = `reports/mutation/${group}.json`;
  if (!existsSync(report)) {
    process.stdout.write(`mutate: ${group} wrote no report\n`);
    below = true;
    continue;
  }
  const rows = Object.entries(JSON.parse(readFileSync(report, "utf8")).files).map(([file, { mutants }]) => ({
    file,
    detected: mutants.filter((m) => DETECTED.has(m.status)).length,
    missed: mutants.filter((m) => MISSED.has(m.status)).length,
  }));
  const total = rows.reduce((sum, row) => ({ detected: sum.detected + row.detected, missed: sum.missed + row.missed }), { detected: 0, missed: 0 });
  for (const row of rows.sort((a, b) => a.file.localeCompare(b.file))) {
    process.stdout.write(`${score(row).toFixed(1).padStart(6)} %  ${String(row.detected).padStart(4)} killed  ${String(row.missed).padStart(4)} survived  ${row.file}\n`);
  }
  process.stdout.write(`mutation score (${group}): ${score(total).toFixed(1)} % (${total.detected} of ${total.detected + total.missed} mutants killed)\n`);
  if (group === TARGET_GROUP && score(total) < 80) below = true;
}
process.exitCode = status !== 0 ? status : below ? 1 : 0;
