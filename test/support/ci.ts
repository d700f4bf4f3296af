import type { TestContext } from "vitest";

/** Set by `.ci/run`: every test must run its real check there. */
export const CI = process.env.BRIEFDECK_CI === "1";

/**
 * For a test whose real check cannot run on this machine (no right to mount,
 * a missing tool): skipped and counted as such locally, a failure in CI, so
 * that a check never passes without having been made.
 */
export function cannotRunHere(context: TestContext, reason: string): never {
  if (CI) throw new Error(`${reason}; CI must be able to run this check`);
  return context.skip(reason);
}
