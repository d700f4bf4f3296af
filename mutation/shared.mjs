// Settings shared by the two mutation groups (see TESTING.md). Modules are chosen by
// folder, so a module moved or split inside a folder stays covered.
/** @param {string} group @returns {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export function strykerOptions(group) {
  return {
    testRunner: "vitest",
    vitest: { configFile: `mutation/vitest.${group}.config.ts`, related: false },
    // Each mutant is run against only the tests that reach its code.
    coverageAnalysis: "perTest",
    ignorePatterns: ["lib", "dist", "reports", ".bench", ".vitest-tmp", ".stryker-tmp"],
    // Only mutants whose code or tests changed are run again; the file stays out of git.
    incremental: true,
    incrementalFile: `reports/mutation/${group}-incremental.json`,
    // The machine's other work keeps its cores; raise with --concurrency N.
    concurrency: 2,
    // A mutant that loops forever is detected after this long beyond the tests' own time.
    timeoutMS: 5_000,
    reporters: ["clear-text", "progress", "html", "json"],
    htmlReporter: { fileName: `reports/mutation/${group}.html` },
    jsonReporter: { fileName: `reports/mutation/${group}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
    thresholds: { high: 90, low: 80, break: null },
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
  };
}
