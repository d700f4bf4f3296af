// What decides a build from the outside: finding briefings, disk checks, the cache key and
// the command line. Their tests run whole (HTML-only) builds, so this group is the slow one.
import { strykerOptions } from "./shared.mjs";

export default {
  ...strykerOptions("builds"),
  mutate: [
    "src/input/*.ts",
    "src/output/cache.ts",
    "src/cli/**/*.ts",
    // The dev server's command needs a browser and a network port: tested in dev-server.test.ts.
    "!src/cli/dev-command.ts",
  ],
};
