// Parsing, validation, sanitising, the fit planner and exit codes: pure code, fast unit tests.
import { strykerOptions } from "./shared.mjs";

export default {
  ...strykerOptions("logic"),
  mutate: ["src/input/parse/**/*.ts", "src/fit/plan*.ts", "src/core/errors.ts"],
};
