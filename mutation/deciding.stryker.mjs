// The modules that decide things without a browser, and on which the score target is set:
// sanitising, front-matter validation, heading attributes, bounds, image paths, section ids,
// exit codes, the cache key's options and the fit planner. Their unit tests are fast.
import { strykerOptions } from "./shared.mjs";

export default {
  ...strykerOptions("logic"),
  incrementalFile: "reports/mutation/deciding-incremental.json",
  htmlReporter: { fileName: "reports/mutation/deciding.html" },
  jsonReporter: { fileName: "reports/mutation/deciding.json" },
  mutate: [
    "src/input/parse/sanitize.ts",
    "src/input/parse/front-matter.ts",
    "src/input/parse/sections.ts",
    "src/input/parse/limits.ts",
    "src/input/parse/images.ts",
    "src/input/parse/identifiers.ts",
    "src/core/errors.ts",
    "src/build/outputs.ts",
    "src/fit/plan.ts",
    "src/fit/pack.ts",
  ],
};
