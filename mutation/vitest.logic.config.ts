import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The browser-free unit tests of the pure modules (mutation/logic.stryker.mjs). */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/parser.test.ts", "test/invalid.test.ts", "test/sanitize.test.ts", "test/fuzz.test.ts", "test/fit-plan.test.ts", "test/encoding.test.ts", "test/unit/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A short fuzz pass: each mutant runs it again.
    env: { BRIEFDECK_FUZZ_RUNS: "20" },
    // Time limits do not hold for instrumented code; the full suite checks them.
    testNamePattern: /^(?!huge inputs)/,
  },
});
