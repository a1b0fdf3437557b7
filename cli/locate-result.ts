/** Where a scenario's golden and actual files are: shared by the runner and the golden store. */
import { actualRootOf, defaultGoldenRootOf, ERRORS_EXT, goldenBaseOf, joinPath, TRACE_EXT } from '../src/golden/golden-paths.js';
import type { ScenarioResult } from '../src/model/result.js';
import type { FoundScenario } from './find-scenarios.js';

/** A found scenario with its golden and actual places. */
export interface Located extends FoundScenario {
  /** Golden path without extension. */
  goldenBase: string;
  /** The golden root the id is relative to. */
  goldenRoot: string;
  /** Actual path without extension. */
  actualBase: string;
}

/** Where a scenario's golden and actual files are, given its root and `--golden-dir`. */
export function locate(found: FoundScenario, goldenDir: string | undefined): Located {
  const goldenRoot = goldenDir ?? defaultGoldenRootOf(found.root);
  return { ...found, goldenRoot, goldenBase: goldenBaseOf(goldenRoot, found.id), actualBase: joinPath(actualRootOf(found.root), found.id) };
}

/** The scenario root, golden base and actual base of a result, recovered from its paths (for a re-run). */
export function locateResult(result: ScenarioResult): Located {
  const suffix = `${result.id}.yaml`;
  const root = result.file === suffix ? '.' : result.file.slice(0, result.file.length - suffix.length - 1);
  const ext = result.goldenPath.endsWith(ERRORS_EXT) ? ERRORS_EXT : TRACE_EXT;
  const goldenBase = result.goldenPath.slice(0, -ext.length);
  const goldenRoot = goldenBase === result.id ? '.' : goldenBase.slice(0, goldenBase.length - result.id.length - 1);
  return { file: result.file, id: result.id, root, goldenRoot, goldenBase, actualBase: joinPath(actualRootOf(root), result.id) };
}
