/** What accepting a golden file means for a result, without touching the disk. */
import type { ScenarioResult } from '../../src/model/result.js';

/** Whether `a` has something to write: the actual differs from the golden (or there is none). */
export function needsAccept(result: ScenarioResult): boolean {
  return result.status !== 'error' && result.golden !== result.actual;
}

/** The failing and new scenarios `A` accepts in one go. */
export function acceptAllCandidates(results: readonly ScenarioResult[]): ScenarioResult[] {
  return results.filter((result) => (result.status === 'fail' || result.status === 'new') && needsAccept(result));
}

/** The result as it stands once its actual trace is the golden: a failed `expect` still fails. */
export function acceptedResult(result: ScenarioResult): ScenarioResult {
  const status = result.status === 'fail' || result.status === 'new' ? (result.expectFailures.length > 0 ? 'fail' : 'pass') : result.status;
  return { ...result, golden: result.actual, diff: null, status };
}
