/**
 * Error kinds and the exit codes they map to. Library code throws these;
 * only the CLI entry point turns them into an exit status.
 */

export const ExitCode = {
  ok: 0,
  content: 1,
  usage: 2,
  environment: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class BriefdeckError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.environment;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line was wrong: unknown option, missing argument. */
export class UsageError extends BriefdeckError {
  override readonly exitCode = ExitCode.usage;
}

/** The content has mistakes; the message already says where. */
export class ContentError extends BriefdeckError {
  override readonly exitCode = ExitCode.content;
}

/** Something about the machine: no browser, an unwritable folder. */
export class EnvironmentError extends BriefdeckError {
  override readonly exitCode = ExitCode.environment;
}

/** The message of a thrown value, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The message of an unknown thrown value, with its whole cause chain. */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    if (current instanceof Error) {
      lines.push(depth === 0 ? (current.stack ?? current.message) : `caused by: ${current.stack ?? current.message}`);
      current = current.cause;
    } else {
      lines.push(depth === 0 ? String(current) : `caused by: ${String(current)}`);
      current = undefined;
    }
  }
  return lines.join("\n");
}
