import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser tests share the two cores; run files one or two at a time.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
