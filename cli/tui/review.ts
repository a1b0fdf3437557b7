/** What accepting a golden file means for a result, without touching the disk. */
import type { ScenarioResult } from '../../src/model/result.js';
import { byPlace } from './list-rows.js';

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

/** Whether the review loop stops at a result: it fails or is new, and accepting would write something. */
export function needsReview(result: ScenarioResult): boolean {
  return (result.status === 'fail' || result.status === 'new') && needsAccept(result);
}

/**
 * The next scenario the review loop opens after `currentId` (accepted or skipped): the first failing
 * or new one after it in list order (folder, then id), wrapping round, never one in `skipped`; null
 * when none is left.
 */
export function nextToReview(results: readonly ScenarioResult[], currentId: string, skipped: ReadonlySet<string>): ScenarioResult | null {
  const ordered = [...results].sort(byPlace);
  const here = ordered.findIndex((result) => result.id === currentId);
  const after = [...ordered.slice(here + 1), ...ordered.slice(0, Math.max(0, here))];
  return after.find((result) => result.id !== currentId && needsReview(result) && !skipped.has(result.id)) ?? null;
}
