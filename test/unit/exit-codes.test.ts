import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { BriefdeckError, ContentError, EnvironmentError, ExitCode, UsageError, describeError, messageOf } from "../../src/core/errors.js";

/** Runs the CLI in-process with output that fails as given: a bug in briefdeck, not the user's doing. */
async function runWith(argv: string[], stdout: (text: string) => void): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await main(argv, { stdout, stderr: (text) => { stderr += text; }, isTty: false });
  return { code, stderr };
}

describe("exit codes", () => {
  it("are the documented ones: 0 success, 1 content, 2 usage, 3 environment", () => {
    expect(ExitCode).toEqual({ ok: 0, content: 1, usage: 2, environment: 3 });
  });

  it("follow the kind of error", () => {
    expect(new ContentError("c").exitCode).toBe(1);
    expect(new UsageError("u").exitCode).toBe(2);
    expect(new EnvironmentError("e").exitCode).toBe(3);
    expect(new BriefdeckError("b").exitCode).toBe(3);
    expect(new UsageError("u").name).toBe("UsageError");
    expect(new ContentError("c")).toBeInstanceOf(BriefdeckError);
  });

  it("an internal error (a bug, not a BriefdeckError) exits 3 and asks for a report", async () => {
    const result = await runWith(["--version"], () => { throw new TypeError("cannot read properties of undefined"); });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^briefdeck: internal error, please report it with the steps to reproduce:\nTypeError: cannot read properties of undefined\n/);
    // The stack is there, for the report.
    expect(result.stderr).toMatch(/\n\s+at /);
    expect(result.stderr).not.toMatch(/--help/);
  });

  it("a thrown non-Error is an internal error too", async () => {
    const result = await runWith(["--version"], () => { throw "a string"; });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe("briefdeck: internal error, please report it with the steps to reproduce:\na string\n");
  });

  it("a BriefdeckError is told plainly, without a stack, with its own code; usage errors point at --help", async () => {
    const environment = await runWith(["--version"], () => { throw new EnvironmentError("the disk is gone"); });
    expect(environment).toEqual({ code: 3, stderr: "briefdeck: the disk is gone\n" });
    const content = await runWith(["--version"], () => { throw new ContentError("bad content"); });
    expect(content).toEqual({ code: 1, stderr: "briefdeck: bad content\n" });
    const usage = await runWith(["--version"], () => { throw new UsageError("wrong"); });
    expect(usage).toEqual({ code: 2, stderr: "briefdeck: wrong\nRun briefdeck --help for usage.\n" });
  });
});

describe("messageOf", () => {
  it("is an error's message, or whatever was thrown as text", () => {
    expect(messageOf(new EnvironmentError("the disk is gone"))).toBe("the disk is gone");
    expect(messageOf("a string")).toBe("a string");
    expect(messageOf(42)).toBe("42");
    expect(messageOf(undefined)).toBe("undefined");
  });
});

describe("describeError", () => {
  it("gives the whole cause chain, each with its stack", () => {
    const root = new Error("root cause");
    const text = describeError(new EnvironmentError("outer", { cause: new Error("middle", { cause: root }) }));
    const lines = text.split("\n").filter((line) => !/^\s+at /.test(line));
    expect(lines).toEqual(["EnvironmentError: outer", "caused by: Error: middle", "caused by: Error: root cause"]);
  });

  it("ends at a cause that is not an Error, and at a loop", () => {
    expect(describeError(new Error("a", { cause: 42 })).split("\n").filter((line) => !/^\s+at /.test(line))).toEqual(["Error: a", "caused by: 42"]);
    const looped = new Error("loop");
    (looped as { cause?: unknown }).cause = looped;
    expect(describeError(looped).split("\n").filter((line) => line.includes("loop"))).toHaveLength(10);
  });

  it("uses the message when there is no stack", () => {
    const error = new Error("no stack");
    error.stack = undefined;
    expect(describeError(new Error("top", { cause: error })).split("\n").at(-1)).toBe("caused by: no stack");
    expect(describeError(error)).toBe("no stack");
  });
});
