import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLE_CONTENT, ROOT } from "./support/files.js";

// A short path: Chromium's own temporary files go inside its profile only when the socket path fits.
const root = { path: mkdtempSync("/tmp/bs-"), remove: () => rmSync(root.path, { recursive: true, force: true }) };
afterAll(() => root.remove());

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `briefdeck check` in a child process whose temporary folder is `tmp`. */
function check(content: string, tmp: string): ReturnType<typeof spawn> {
  return spawn(process.execPath, [join(ROOT, "bin/briefdeck.js"), "check", "--content", content], {
    env: { ...process.env, TMPDIR: tmp },
    stdio: ["ignore", "ignore", "pipe"],
  });
}

function exited(child: ReturnType<typeof spawn>): Promise<string> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolve) => child.on("close", (code, signal) => resolve(code === 0 ? "0" : `${code ?? signal}: ${stderr}`)));
}

describe("check's scratch folders", () => {
  it("carry the owning process id, and the next check removes those of a killed one (not those of a running one)", async () => {
    const content = join(root.path, "content");
    const tmp = join(root.path, "t");
    cpSync(EXAMPLE_CONTENT, content, { recursive: true });
    cpSync(join(content, "ots-security.md"), join(content, "second-briefing.md"));
    mkdirSync(tmp);
    // A folder of a process that is running (this one): not a leftover.
    const alive = `briefdeck-check-${process.pid}-keepMe`;
    mkdirSync(join(tmp, alive));

    const killed = check(content, tmp);
    const gone = exited(killed);
    const pid = killed.pid ?? 0;
    const owned = new RegExp(`^briefdeck-check-${pid}-`);
    const deadline = Date.now() + 60_000;
    let seen: string | undefined;
    while (seen === undefined && Date.now() < deadline) {
      seen = readdirSync(tmp).find((name) => owned.test(name));
      if (seen === undefined) await delay(5);
    }
    expect(seen, "a scratch folder named for the check's process").toBeDefined();
    killed.kill("SIGKILL");
    expect(await gone).toBe("SIGKILL: ");
    expect(readdirSync(tmp)).toContain(seen);

    expect(await exited(check(content, tmp))).toBe("0");
    const left = readdirSync(tmp);
    expect(left.filter((name) => name.startsWith("briefdeck-") && name !== alive)).toEqual([]);
    expect(left).toContain(alive);
  }, 180_000);
});
