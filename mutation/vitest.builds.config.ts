import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** HTML-only builds through the CLI, without a browser (mutation/builds.stryker.mjs). */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/cli.test.ts", "test/cache.test.ts", "test/security-paths.test.ts", "test/cli-options.test.ts", "test/scaffold.test.ts", "test/unit/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The one cache test that prints PDFs needs Chromium; the key's unit test covers what it checks.
    testNamePattern: /^(?!cached builds rebuild when the PDF)/,
  },
});
