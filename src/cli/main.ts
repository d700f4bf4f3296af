import { displayPath } from "../input/discover.js";
import { BriefdeckError, ExitCode, UsageError, describeError } from "../core/errors.js";
import type { ExitCodeValue } from "../core/errors.js";
import { VERSION } from "../core/version.js";
import { runBuild, runCheck } from "./build-command.js";
import { deckCommand, outputCommand } from "./commands.js";
import { COMMANDS, assertOptionsFit, optionsHelp, parseCommandLine } from "./options.js";
import type { CommandName, OptionValues } from "./options.js";
import { parseShard } from "../build/shard.js";
import { scaffoldBriefing, scaffoldConfig } from "./scaffold.js";
import { ConfigError, applyConfig, configPath, loadProjectConfig, projectBranding } from "./config.js";
import type { ProjectConfig } from "./config.js";
import type { ProjectBranding } from "../core/model.js";
import type { DevCommand } from "./dev-command.js";
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
  briefdeck index           rewrite the index page from the decks in the output
                            folder (after merging shards)
  briefdeck model SLUG      print the briefing (Markdown, JSON or YAML) as JSON in
                            the structured form: saved as content/SLUG.json, it
                            builds the same deck
  briefdeck schema          print the JSON Schema of JSON and YAML briefings

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
    if (error instanceof ConfigError) {
      for (const line of error.message.split("\n")) io.stderr(`${line}\n`);
      return error.exitCode;
    }
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
  const { values: flags, positionals } = parseCommandLine(argv);
  if (flags.version) {
    io.stdout(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const [command, ...args] = positionals;
  if (flags.help || command === undefined || command === "help") {
    io.stdout(HELP);
    return command === undefined && !flags.help ? ExitCode.usage : ExitCode.ok;
  }
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}"; use build, check, dev, new or index`);
  assertOptionsFit(command, flags);
  // Settings of briefdeck.yaml fill in what the command line leaves out.
  const where = { configFlag: text(flags.config), contentFlag: text(flags.content) };
  const config = loadProjectConfig(where);
  const values = applyConfig(flags, config);
  // The project's logo and accent go with the deck options, checked against the content folder in use.
  const branded = <T extends { contentDir: string }>(deck: T): T & { branding?: ProjectBranding } => ({ ...deck, ...brandingOf(config, deck.contentDir) });
  switch (command) {
    case "build":
      return runBuild(io, {
        ...branded(outputCommand(values)),
        slugs: args,
        ...(values.force === true ? { force: true } : {}),
        ...(typeof values.shard === "string" ? { shard: parseShard(values.shard) } : {}),
      });
    case "check":
      return runCheck(io, { ...branded(deckCommand(values)), slugs: args });
    case "dev": {
      if (args.length > 0) throw new UsageError(`dev serves every briefing: drop "${args.join(" ")}"`);
      // Loaded only for dev: the server, watcher and WebSocket code are not needed to build.
      const devCommand = (merged: OptionValues, project: ProjectConfig | undefined): DevCommand => ({
        ...outputCommand(merged), ...brandingOf(project, deckCommand(merged).contentDir), port: text(merged.port), host: text(merged.host), allowHost: text(merged["allow-host"]),
        // The settings file is watched: an edit to it is read again, under the same command line.
        configFile: configPath(where),
        reread: () => {
          const reread = loadProjectConfig(where);
          return devCommand(applyConfig(flags, reread), reread);
        },
      });
      return (await import("./dev-command.js")).runDev(io, devCommand(values, config));
    }
    case "new": {
      if (args.length !== 1) throw new UsageError("new takes one briefing name, e.g. briefdeck new gas-transit");
      const path = await scaffoldBriefing(deckCommand(values).contentDir, args[0] ?? "");
      if (!values.quiet) io.stdout(`created ${displayPath(path)}: edit it, then run briefdeck build\n`);
      const settings = await scaffoldConfig(configPath(where));
      if (settings && !values.quiet) io.stdout(`created ${displayPath(settings)}: project settings (PDF, handout, folders…), all commented out\n`);
      return ExitCode.ok;
    }
    case "model":
      return (await import("./model-command.js")).runModel(io, values, args);
    case "schema":
      if (args.length > 0) throw new UsageError(`schema takes no briefing name: drop "${args.join(" ")}"`);
      return (await import("./model-command.js")).runSchema(io);
    case "index": {
      if (args.length > 0) throw new UsageError(`index lists every deck in the output folder: drop "${args.join(" ")}"`);
      return (await import("./index-command.js")).runIndex(io, values);
    }
  }
}

function brandingOf(config: ProjectConfig | undefined, contentDir: string): { branding?: ProjectBranding } {
  const branding = projectBranding(config, contentDir);
  return branding ? { branding } : {};
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

function text(value: string | boolean | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
