import type { CliIo, OutputCommand } from "./types.js";
import { displayPath } from "../input/discover.js";
import { ExitCode, UsageError } from "../core/errors.js";
import type { ExitCodeValue } from "../core/errors.js";
import { DEFAULT_PORT, startDevServer } from "../dev/server.js";

export interface DevCommand extends OutputCommand {
  port: string | undefined;
  host: string | undefined;
}

/** `briefdeck dev`: serves until Ctrl-C (SIGINT) or SIGTERM, then shuts everything down and exits 0. */
export async function runDev(io: CliIo, command: DevCommand): Promise<ExitCodeValue> {
  const { quiet, port: portText, host: hostText, templatesDir, browser, ...rest } = command;
  const port = parsePort(portText);
  const host = hostText ?? "127.0.0.1";
  if (host.trim() === "") throw new UsageError("--host needs an address, e.g. 127.0.0.1 or 0.0.0.0");
  const server = await startDevServer({
    ...rest,
    ...(templatesDir === undefined ? {} : { templatesDir }),
    ...(browser === undefined ? {} : { browser }),
    host,
    port,
    // Quiet keeps what needs attention: problems and the server's own messages.
    log: (line) => {
      if (!quiet || /: (?:error|warning): |^briefdeck: /.test(line)) io.stderr(`${line}\n`);
    },
  });
  const watched = [command.contentDir, ...(templatesDir === undefined ? [] : [templatesDir])].map((dir) => `${displayPath(dir)}/`);
  io.stdout(`briefdeck dev: serving ${server.url} · watching ${watched.join(", ")} and the built-in templates · Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await server.close();
  return ExitCode.ok;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`);
  }
  return port;
}
