/** The process exit code of a run (SPEC section 5, README "Exit codes"). */
import type { RunReport } from './run-report.js';

/** All scenarios pass and no golden file is obsolete. */
export const EXIT_OK = 0;
/** A trace mismatch, a missing golden, a failed `expect`, or an obsolete golden file. */
export const EXIT_FAIL = 1;
/** A usage error or an invalid scenario (one without a matching `.errors.txt` golden). */
export const EXIT_USAGE = 2;
/** A bug in probe-run (sysexits EX_SOFTWARE), so scripts can tell it from a user mistake. */
export const EXIT_INTERNAL = 70;

/** The most serious outcome wins: internal error, then invalid input, then failures. */
export function exitCodeOf(report: RunReport): number {
  const statuses = new Set(report.results.map((result) => result.status));
  if (statuses.has('error')) return EXIT_INTERNAL;
  if (statuses.has('invalid')) return EXIT_USAGE;
  if (statuses.has('fail') || statuses.has('new') || report.obsolete.length > 0) return EXIT_FAIL;
  return EXIT_OK;
}
