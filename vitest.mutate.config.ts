import { defineConfig } from "vitest/config";

/**
 * The fast, browser-free tests that cover the mutated modules (stryker.config.mjs):
 * each mutant is checked against the tests that reach its code.
 */
export default defineConfig({
  test: {
    include: [
      "test/parser.test.ts",
      "test/invalid.test.ts",
      "test/sanitize.test.ts",
      "test/fuzz.test.ts",
      "test/cache.test.ts",
      "test/cli.test.ts",
      "test/security-paths.test.ts",
      "test/unit/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A short fuzz pass: mutants are run many times.
    env: { BRIEFDECK_FUZZ_RUNS: "20" },
    // Time limits do not hold for instrumented code; the suite checks them.
    testNamePattern: /^(?!huge inputs)/,
  },
});
