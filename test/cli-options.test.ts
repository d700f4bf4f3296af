import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS, OPTIONS, commandsTaking } from "../src/cli/options.js";
import { EXAMPLE_CONTENT, ROOT, runCli, temporaryFolder } from "./support/files.js";

const root = temporaryFolder("briefdeck-options-");
afterAll(() => root.remove());

/** Every (option, command) pair where the command does not use the option. */
const misplaced = OPTIONS.flatMap((option) =>
  COMMANDS.filter((command) => option.commands !== undefined && !option.commands.includes(command)).map((command) => [command, option.name, option.type] as const),
);

describe("options per command", () => {
  it("refuses the issue's examples as wrong usage (exit 2)", async () => {
    const port = await runCli(["build", "--port", "80", "--no-pdf"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("--port does nothing for build: only briefdeck dev takes it");
    const handout = await runCli(["check", "--handout", "--timeout", "1"]);
    expect(handout.code).toBe(2);
    expect(handout.stderr).toContain("--handout does nothing for check: only briefdeck build and briefdeck dev take it");
  });

  it.each(misplaced)("%s refuses --%s, naming the commands that take it", async (command, name, type) => {
    const result = await runCli([command, `--${name}`, ...(type === "string" ? ["x"] : []), ...(command === "new" ? ["some-name"] : [])]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--${name} does nothing for ${command}`);
    for (const taker of commandsTaking(name)) expect(result.stderr).toContain(`briefdeck ${taker}`);
  });

  it("build, check and dev share the browser options", () => {
    for (const name of ["browser", "install-browser", "concurrency", "timeout", "strict", "no-fit"]) {
      expect([...commandsTaking(name)].sort()).toEqual(["build", "check", "dev"]);
    }
    // The templates also draw the index page that `index` rewrites, and hold the themes a briefing's `theme` is checked against (`model`).
    expect([...commandsTaking("templates")].sort()).toEqual(["build", "check", "dev", "index", "model"]);
  });

  it("check takes --timeout and --no-fit (validating without a browser)", async () => {
    const content = join(root.path, "check-content");
    cpSync(EXAMPLE_CONTENT, content, { recursive: true });
    const result = await runCli(["check", "--no-fit", "--timeout", "5", "--concurrency", "1", "--content", content]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("dev honours --timeout: a deck the browser hangs on fails after that many seconds", async () => {
    const content = join(root.path, "dev-content");
    cpSync(EXAMPLE_CONTENT, content, { recursive: true });
    // A deck page that never starts reveal.js never fires pdf-ready: the browser "hangs" on it.
    const templates = join(root.path, "hanging-templates");
    mkdirSync(templates, { recursive: true });
    writeFileSync(join(templates, "deck.hbs"), readFileSync(join(ROOT, "templates/deck.hbs"), "utf8").replace(/Reveal\.initialize\(/, "void ("));
    const child = spawn(process.execPath, [join(ROOT, "bin/briefdeck.js"), "dev", "--port", "0", "--timeout", "2", "--templates", templates, "--content", content, "--out", join(root.path, "dev-out")]);
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no timeout reported within 45 s; stderr:\n${stderr}`)), 45_000);
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (/no answer in 2 s/.test(stderr)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/ots-security: the browser hung while loading the deck \(no answer in 2 s\)/);
  }, 90_000);
});
