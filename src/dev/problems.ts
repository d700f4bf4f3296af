import type { BriefingOutcome, BuildReport } from "../build/types.js";
import { formatDiagnostic } from "../core/diagnostics.js";

/** What to show over a briefing whose build failed: its errors, or why it broke. */
export function problems(report: BuildReport, outcome: BriefingOutcome): string[] {
  const lines = [...report.diagnostics, ...outcome.diagnostics]
    .filter((d) => d.file === outcome.file && d.severity === "error")
    .map(formatDiagnostic);
  const unique = [...new Set(lines)];
  if (outcome.failure) unique.push(outcome.failure);
  return unique.length > 0 ? unique : [`${outcome.file}: the build failed`];
}
