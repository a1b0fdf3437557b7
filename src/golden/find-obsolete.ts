/** Golden files that no scenario stands for any more (reported on full runs, issue 2). */
import { ERRORS_EXT, goldenIdOf, joinPath } from './golden-paths.js';

/** What the obsolete check needs to know of one scenario that ran. */
export interface KnownScenario {
  id: string;
  /** Whether the scenario loaded without errors (then an `.errors.txt` golden for it is stale). */
  valid: boolean;
}

/**
 * Paths (golden root joined) of the golden files below `goldenRoot` whose id has no scenario, and of
 * `.errors.txt` goldens of scenarios that are now valid. A `.trace` golden of a scenario that is
 * invalid at the moment is kept: the user is probably in the middle of an edit.
 * `files` are paths relative to the golden root; the answer keeps their order.
 */
export function findObsolete(goldenRoot: string, files: readonly string[], scenarios: readonly KnownScenario[]): string[] {
  const validById = new Map(scenarios.map((scenario) => [scenario.id, scenario.valid]));
  return files.flatMap((file) => {
    const golden = goldenIdOf(file);
    if (golden === null) return [];
    const valid = validById.get(golden.id);
    const stale = valid === undefined || (golden.ext === ERRORS_EXT && valid);
    return stale ? [joinPath(goldenRoot, file)] : [];
  });
}
