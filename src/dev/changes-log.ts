import type { Diagnostic } from "../core/diagnostics.js";
import { formatDiagnostic } from "../core/diagnostics.js";

/**
 * What the dev server prints after each save: what changed since the last
 * build of that briefing, not every note of every deck again. Errors and
 * warnings are printed while they last (they need fixing); a note (a slide
 * split or shrunk to fit) is printed when it first appears, and the line
 * says how many are as before and how many went away.
 */
export class ChangesLog {
  private readonly notes = new Map<string, Set<string>>();
  private readonly slides = new Map<string, number>();

  /**
   * The lines to print for a briefing's new build. `newNotesOnly` for a
   * second report on the same save (the PDF build after the HTML pass).
   */
  lines(slug: string, diagnostics: readonly Diagnostic[], newNotesOnly = false): string[] {
    const lines = newNotesOnly ? [] : diagnostics.filter((d) => d.severity !== "note").map(formatDiagnostic);
    const now = new Set(diagnostics.filter((d) => d.severity === "note").map(formatDiagnostic));
    const before = this.notes.get(slug);
    this.notes.set(slug, now);
    const added = [...now].filter((line) => !before?.has(line));
    lines.push(...added);
    if (before === undefined || newNotesOnly) return lines;
    const kept = [...now].filter((line) => before.has(line)).length;
    const gone = [...before].filter((line) => !now.has(line)).length;
    if (kept > 0 || gone > 0) lines.push(`${slug}: ${[kept > 0 ? `${kept} fitting ${kept === 1 ? "note" : "notes"} as before` : "", gone > 0 ? `${gone} no longer needed` : ""].filter(Boolean).join(", ")}`);
    return lines;
  }

  /** "17 slides" or "18 slides, was 17": how the deck's length changed with this build. */
  slideCount(slug: string, slides: number): string {
    const before = this.slides.get(slug);
    this.slides.set(slug, slides);
    return before === undefined || before === slides ? `${slides} slides` : `${slides} slides, was ${before}`;
  }

  forget(slug: string): void {
    this.notes.delete(slug);
    this.slides.delete(slug);
  }
}
