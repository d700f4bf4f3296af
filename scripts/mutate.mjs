// Mutation testing (see TESTING.md): runs each group's Stryker configuration, then prints
// one score per module and for everything. `node scripts/mutate.mjs logic` runs one group.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const GROUPS = ["logic", "builds"];
// Group names first, then Stryker's own options (e.g. --mutate src/fit/plan.ts --concurrency 4).
const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith("-"));
const asked = firstOption === -1 ? args : args.slice(0, firstOption);
const extra = firstOption === -1 ? [] : args.slice(firstOption);
const groups = asked.length > 0 ? asked : GROUPS;
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
const rows = [];
for (const group of GROUPS) {
  const report = `reports/mutation/${group}.json`;
  if (!existsSync(report)) continue;
  for (const [file, { mutants }] of Object.entries(JSON.parse(readFileSync(report, "utf8")).files)) {
    const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
    const missed = mutants.filter((m) => MISSED.has(m.status)).length;
    rows.push({ file, detected, missed });
  }
}
const score = ({ detected, missed }) => (detected + missed === 0 ? 100 : (100 * detected) / (detected + missed));
const total = rows.reduce((sum, row) => ({ detected: sum.detected + row.detected, missed: sum.missed + row.missed }), { detected: 0, missed: 0 });
for (const row of rows.sort((a, b) => a.file.localeCompare(b.file))) {
  process.stdout.write(`${score(row).toFixed(1).padStart(6)} %  ${String(row.detected).padStart(4)} killed  ${String(row.missed).padStart(4)} survived  ${row.file}\n`);
}
if (rows.length === 0) {
  process.stdout.write("mutate: no report was written\n");
  process.exitCode = status || 1;
} else {
  process.stdout.write(`mutation score: ${score(total).toFixed(1)} % (${total.detected} of ${total.detected + total.missed} mutants killed)\n`);
  process.exitCode = status !== 0 ? status : score(total) < 80 ? 1 : 0;
}
