import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { watchPaths } from "../src/dev/watcher.js";
import type { Change, Watcher } from "../src/dev/watcher.js";
import { temporaryFolder } from "./support/files.js";

describe("the dev server's watcher", () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let watcher: Watcher | undefined;
  beforeEach(() => {
    folder = temporaryFolder();
  });
  afterEach(async () => {
    await watcher?.close();
    folder.remove();
  });

  // chokidar drops a change within 50 ms of the previous one; a second quick save was never seen.
  it("sees a second save made right after the first was reported", async () => {
    const file = join(folder.path, "briefing.md");
    writeFileSync(file, "one\n");
    const batches: Change[][] = [];
    let savedAgain = false;
    watcher = watchPaths([folder.path], (batch) => {
      batches.push(batch);
      if (!savedAgain) {
        savedAgain = true;
        writeFileSync(file, "two, longer\n");
      }
    }, { debounceMs: 30, onError: (error) => { throw error; } });
    await watcher.ready;
    writeFileSync(file, "three\n");
    const deadline = Date.now() + 5_000;
    while (batches.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches.map((batch) => batch.map((change) => change.path))).toEqual([[file], [file]]);
  });

  it("reports a file once when nothing changes after it was reported", async () => {
    const file = join(folder.path, "briefing.md");
    writeFileSync(file, "one\n");
    const batches: Change[][] = [];
    watcher = watchPaths([folder.path], (batch) => batches.push(batch), { debounceMs: 30, onError: (error) => { throw error; } });
    await watcher.ready;
    writeFileSync(file, "two\n");
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(batches).toEqual([[{ path: file, folder: false }]]);
  });
});
