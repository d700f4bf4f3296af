import type { CliIo, OutputCommand } from "./types.js";
import { displayPath } from "../input/discover.js";
import { ExitCode, UsageError } from "../core/errors.js";
import type { ExitCodeValue } from "../core/errors.js";
import { DEFAULT_PORT, startDevServer } from "../dev/server.js";
import type { SettingsUpdate } from "../dev/server.js";

export interface DevCommand extends OutputCommand {
  port: string | undefined;
  host: string | undefined;
  /** `--allow-host`: comma-separated names. */
  allowHost?: string | undefined;
  /** The project settings file, watched whether or not it exists yet. */
  configFile?: string;
  /** The command again, with the settings file read anew; throws when the file is wrong. */
  reread?: () => DevCommand;
}

/** Settings a running server applies at once: they change how decks are built, not where or how they are served. */
const LIVE = ["strict", "fit", "handout", "singleFile", "pdfFragments", "branding"] as const;
/** Settings that need a restart, with the key that sets them in briefdeck.yaml. */
const ON_RESTART = { contentDir: "content", outDir: "out", templatesDir: "templates", pdf: "pdf", browser: "browser", concurrency: "concurrency", port: "port", host: "host" } as const;

/** `briefdeck dev`: serves until Ctrl-C (SIGINT) or SIGTERM, then shuts everything down and exits 0. */
export async function runDev(io: CliIo, command: DevCommand): Promise<ExitCodeValue> {
  const { quiet, port: portText, host: hostText, allowHost, templatesDir, browser, configFile, reread, ...rest } = command;
  const port = parsePort(portText);
  const host = hostText ?? "127.0.0.1";
  if (host.trim() === "") throw new UsageError("--host needs an address, e.g. 127.0.0.1 or 0.0.0.0");
  // Listening from the start: Ctrl-C while the first build runs stops the server as soon as it is up.
  let stop = (): void => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  let current = command;
  const starting = startDevServer({
    allowHosts: (allowHost ?? "").split(",").map((name) => name.trim()).filter((name) => name !== ""),
    ...rest,
    ...(templatesDir === undefined ? {} : { templatesDir }),
    ...(browser === undefined ? {} : { browser }),
    host,
    port,
    ...(configFile !== undefined && reread !== undefined ? { settingsFile: { path: configFile, read: () => rereadSettings(current, reread, (next) => { current = next; }) } } : {}),
    // Quiet keeps what needs attention: problems and the server's own messages.
    log: (line) => {
      if (!quiet || /: (?:error|warning): |^briefdeck: /.test(line)) io.stderr(`${line}\n`);
    },
  });
  const server = await starting.catch((error: unknown) => {
    stop();
    throw error;
  });
  const watched = [command.contentDir, ...(templatesDir === undefined ? [] : [templatesDir])].map((dir) => `${displayPath(dir)}/`);
  if (configFile !== undefined) watched.push(displayPath(configFile));
  io.stdout(`briefdeck dev: serving ${server.url} · watching ${watched.join(", ")} and the built-in templates · Ctrl-C stops\n`);
  await stopped;
  await server.close();
  return ExitCode.ok;
}

/** Reads the settings file again: what can change live, and what needs a restart. */
function rereadSettings(current: DevCommand, reread: () => DevCommand, accept: (next: DevCommand) => void): SettingsUpdate {
  let next: DevCommand;
  try {
    next = reread();
  } catch (error) {
    return { errors: (error instanceof Error ? error.message : String(error)).split("\n") };
  }
  const restart = (Object.keys(ON_RESTART) as (keyof typeof ON_RESTART)[]).filter((key) => current[key] !== next[key]).map((key) => ON_RESTART[key]);
  accept({ ...next, ...Object.fromEntries(Object.keys(ON_RESTART).map((key) => [key, current[key as keyof typeof ON_RESTART]])) });
  const settings = Object.fromEntries(LIVE.map((key) => [key, next[key]]).filter(([, value]) => value !== undefined));
  return { settings, restart };
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`);
  }
  return port;
}
