// Mutation testing of the modules that decide things without a browser (see TESTING.md).
// Files are chosen by folder, so a module moved or split inside them stays covered.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [
    "src/input/**/*.ts",
    "src/fit/plan*.ts",
    "src/output/cache.ts",
    "src/cli/**/*.ts",
    // The dev server's command needs a browser and a network port: tested elsewhere.
    "!src/cli/dev-command.ts",
    "src/core/errors.ts",
  ],
  ignorePatterns: ["lib", "dist", "reports", ".bench", ".vitest-tmp"],
  // Only mutants whose code or tests changed are run again; the file is kept out of git.
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
