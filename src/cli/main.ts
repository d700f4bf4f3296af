import { displayPath } from "../input/discover.js";
import { BriefdeckError, ExitCode, UsageError, describeError } from "../core/errors.js";
import type { ExitCodeValue } from "../core/errors.js";
import { VERSION } from "../core/version.js";
import { runBuild, runCheck } from "./build-command.js";
import { deckCommand, outputCommand } from "./commands.js";
import { COMMANDS, assertOptionsFit, optionsHelp, parseCommandLine } from "./options.js";
import type { CommandName } from "./options.js";
import { scaffoldBriefing } from "./scaffold.js";
import type { CliIo } from "./types.js";

export type { CliIo } from "./types.js";

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

export const HELP = `briefdeck ${VERSION}: Markdown policy briefings → reveal.js decks and PDFs

Usage:
  briefdeck build [SLUG…]   build every briefing (or the named ones): deck + PDF
  briefdeck check [SLUG…]   validate the content without writing anything
  briefdeck dev             build, serve on http://127.0.0.1:4321 and rebuild on
                            every edit; open decks reload on the slide they showed
  briefdeck new SLUG        scaffold content/SLUG/index.md

Options, by the commands that take them (any other is refused):
${optionsHelp()}

Exit codes: 0 success, 1 content errors, 2 wrong usage, 3 environment problem
(no usable browser, unwritable output).
`;

/** Runs the CLI in-process; returns the exit code instead of exiting. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<ExitCodeValue> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof BriefdeckError) {
      io.stderr(`briefdeck: ${error.message}\n`);
      if (error.exitCode === ExitCode.usage) io.stderr("Run briefdeck --help for usage.\n");
      return error.exitCode;
    }
    io.stderr(`briefdeck: internal error, please report it with the steps to reproduce:\n${describeError(error)}\n`);
    return ExitCode.environment;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const [command, ...args] = positionals;
  if (values.help || command === undefined || command === "help") {
    io.stdout(HELP);
    return command === undefined && !values.help ? ExitCode.usage : ExitCode.ok;
  }
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}"; use build, check, dev or new`);
  assertOptionsFit(command, values);
  switch (command) {
    case "build":
      return runBuild(io, { ...outputCommand(values), slugs: args, ...(values.force === true ? { force: true } : {}) });
    case "check":
      return runCheck(io, { ...deckCommand(values), slugs: args });
    case "dev": {
      if (args.length > 0) throw new UsageError(`dev serves every briefing: drop "${args.join(" ")}"`);
      // Loaded only for dev: the server, watcher and WebSocket code are not needed to build.
      const port = typeof values.port === "string" ? values.port : undefined;
      const host = typeof values.host === "string" ? values.host : undefined;
      return (await import("./dev-command.js")).runDev(io, { ...outputCommand(values), port, host });
    }
    case "new": {
      if (args.length !== 1) throw new UsageError("new takes one briefing name, e.g. briefdeck new gas-transit");
      const path = await scaffoldBriefing(deckCommand(values).contentDir, args[0] ?? "");
      if (!values.quiet) io.stdout(`created ${displayPath(path)}: edit it, then run briefdeck build\n`);
      return ExitCode.ok;
    }
  }
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}
