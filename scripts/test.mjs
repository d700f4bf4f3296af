// The one verification script: compile, type check, lint, then every test.
// Ends with a plain "tests: N passed, M failed, K skipped" line. In CI (BRIEFDECK_CI=1)
// a skipped or todo test fails the run: every check there must have been made.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

const results = ".vitest-results.json";
const run = (command, args) => {
  process.stdout.write(`\n> ${command} ${args.join(" ")}\n`);
  return spawnSync(command, args, { stdio: "inherit" }).status ?? 1;
};
const bin = (name) => `node_modules/.bin/${name}`;

const steps = [
  ["compile", bin("tsc"), ["-p", "tsconfig.json"]],
  ["type check", bin("tsc"), ["-p", "tsconfig.check.json"]],
  ["lint", bin("eslint"), ["--max-warnings", "0", "."]],
];
const failedSteps = steps.filter(([, command, args]) => run(command, args) !== 0).map(([name]) => name);

rmSync(results, { force: true });
const vitestStatus = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${results}`, ...process.argv.slice(2)]);
const ci = process.env.BRIEFDECK_CI === "1";
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(results, "utf8"));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  if (failed === 0 && vitestStatus !== 0) failed = report.numFailedTestSuites || 1;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const notRun = report.testResults.flatMap((file) => file.assertionResults
    .filter((test) => test.status === "pending" || test.status === "skipped" || test.status === "todo")
    .map((test) => `${file.name.slice(process.cwd().length + 1)}: ${test.fullName}`));
  if (notRun.length > 0) process.stdout.write(`${ci ? "not run, which fails in CI" : "skipped"}:\n${notRun.map((name) => `  ${name}\n`).join("")}`);
} catch {
  failed = 1;
  process.stdout.write("no test results were written: vitest did not finish\n");
}
failed += failedSteps.length;
if (failedSteps.length > 0) process.stdout.write(`failed steps: ${failedSteps.join(", ")}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = failed === 0 && vitestStatus === 0 && !(ci && skipped > 0) ? 0 : 1;
