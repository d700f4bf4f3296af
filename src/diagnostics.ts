import type { SourcePosition } from "./model.js";

export type Severity = "error" | "warning" | "note";

/** One problem found in the content, at a place the user can go to. */
export interface Diagnostic extends SourcePosition {
  severity: Severity;
  message: string;
}

/** `content/ots.md:14:3: error: quote layout needs a blockquote` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/**
 * Collects problems instead of throwing the first one, so that a user sees
 * every mistake in one run.
 */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(line: number, column: number, message: string): void {
    this.add("error", line, column, message);
  }

  warning(line: number, column: number, message: string): void {
    this.add("warning", line, column, message);
  }

  note(line: number, column: number, message: string): void {
    this.add("note", line, column, message);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  private add(severity: Severity, line: number, column: number, message: string): void {
    this.items.push({ severity, file: this.file, line: Math.max(1, line), column: Math.max(1, column), message });
  }
}

/** Stable order for output: by file, then line, then column. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
