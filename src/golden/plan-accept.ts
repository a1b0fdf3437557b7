/** What accepting a result would write: the one rule shared by `--update-golden` and the TUI's accept. */
import type { ScenarioResult } from '../model/result.js';

/** The folder whose invalid scenarios may get a new `.errors.txt` golden (SPEC section 4, issue 2). */
export const INVALID_GROUP = 'invalid';

/** A golden file to write, and whether it is new or replaces a different one. */
export interface GoldenWrite {
  path: string;
  text: string;
  change: 'new' | 'changed';
}

/** Why a result cannot be accepted; a value, shown to the user as is. */
export interface AcceptRefusal {
  refused: string;
}

/**
 * The golden write that accepting `result` means, null when there is nothing to accept (it passes,
 * or only an `expect` failed), or a refusal: an invalid scenario outside `invalid/` never gets an
 * errors golden, so a typo in a real scenario is not silently turned into a passing test.
 */
export function planAccept(result: ScenarioResult): GoldenWrite | AcceptRefusal | null {
  switch (result.status) {
    case 'pass':
      return null;
    case 'fail':
      // A new scenario whose expect failed still gets its first golden; the expect keeps it failing.
      if (result.golden === null) return { path: result.goldenPath, text: result.actual, change: 'new' };
      // A failed expect with a matching trace has nothing to write.
      if (result.golden === result.actual) return null;
      return { path: result.goldenPath, text: result.actual, change: 'changed' };
    case 'new':
      return { path: result.goldenPath, text: result.actual, change: 'new' };
    case 'invalid':
      if (result.id.split('/')[0] !== INVALID_GROUP) {
        return { refused: `${result.file} is invalid; only scenarios under ${INVALID_GROUP}/ get an errors golden (fix the diagnostics instead)` };
      }
      return { path: result.goldenPath, text: result.actual, change: result.golden === null ? 'new' : 'changed' };
    case 'error':
      return { refused: `${result.file} hit an internal error (a bug in probe-run); there is no output to accept` };
    default: {
      const never: never = result.status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

/** The result as it reads once its golden holds its actual output. */
export function acceptedResult(result: ScenarioResult): ScenarioResult {
  const status = result.expectFailures.length > 0 ? 'fail' : 'pass';
  return { ...result, golden: result.actual, diff: null, status };
}
