import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The browser-free unit tests of the pure modules (mutation/logic.stryker.mjs). */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/parser.test.ts", "test/invalid.test.ts", "test/sanitize.test.ts", "test/fit-plan.test.ts", "test/encoding.test.ts", "test/unit/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // fuzz.test.ts is left out: its properties hold time bounds that instrumented code misses.
  },
});
