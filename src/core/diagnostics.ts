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

/** More problems of one severity than anyone reads in one file. */
export const MAX_PER_SEVERITY = 1000;

/**
 * Collects problems instead of throwing the first one, so that a user sees
 * every mistake in one run.
 */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  /** Problems past the limit, per severity: counted, not kept. */
  private readonly dropped = new Map<Severity, number>();
  private readonly kept = new Map<Severity, number>();

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

  /**
   * Adds one note per severity that went past the limit. Hostile files can
   * hold a million removable attributes; listing each would exhaust memory.
   */
  summariseDropped(): void {
    for (const [severity, count] of this.dropped) {
      this.items.push({ severity: "note", file: this.file, line: 1, column: 1, message: `${count} more ${severity}s in this file are not listed: fix the listed ones and build again` });
    }
    this.dropped.clear();
  }

  private add(severity: Severity, line: number, column: number, message: string): void {
    const kept = this.kept.get(severity) ?? 0;
    if (kept >= MAX_PER_SEVERITY) {
      this.dropped.set(severity, (this.dropped.get(severity) ?? 0) + 1);
      return;
    }
    this.kept.set(severity, kept + 1);
    this.items.push({ severity, file: this.file, line: Math.max(1, line), column: Math.max(1, column), message });
  }
}

/** Stable order for output: by file, then line, then column. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
