/** Finds, reads and runs the scenarios a command line names: the part shared by run, check and tui. */
import { ERRORS_EXT, TRACE_EXT } from '../src/golden/golden-paths.js';
import type { ScenarioResult } from '../src/model/result.js';
import type { Timing } from '../src/report/run-report.js';
import { runScenario, type RunOptions, type ScenarioInput } from '../src/run/run-scenario.js';
import type { Stages } from '../src/run/stages.js';
import { badFilter, globHint, matchesFilters } from './filter-ids.js';
import { findScenarios, normalizePath } from './find-scenarios.js';
import { outsideRoot, writeFile } from './golden-store.js';
import { locate, type Located } from './locate-result.js';
export { locate, locateResult, type Located } from './locate-result.js';
import { MAX_SOURCE_CHARS } from '../src/parse/parse-yaml.js';
import { FileTooLargeError, IoError, type Io } from './io.js';

/** The default scenario path. */
export const DEFAULT_PATH = 'scenarios';

/** What selects and configures the scenarios of one run. */
export interface Selection {
  /** Paths as typed; empty means DEFAULT_PATH. */
  paths: string[];
  filters: string[];
  /** `--golden-dir` as typed, or undefined for `golden/` beside each scenario root. */
  goldenDir: string | undefined;
}

/** One scenario with the paths around it. */
/** The located scenarios, and the golden roots whose every scenario was selected (for the obsolete check). */
export type Selected = { ok: true; scenarios: Located[]; fullGoldenRoots: string[] } | { ok: false; message: string };


/** Resolves paths and filters to scenarios, or a usage error. */
export async function selectScenarios(io: Io, selection: Selection): Promise<Selected> {
  const bad = badFilter(selection.filters);
  if (bad !== undefined) return { ok: false, message: `--filter '${bad}' is not a valid glob` };
  const typed = selection.paths.length > 0 ? selection.paths : [DEFAULT_PATH];
  const paths = typed.map((path) => normalizePath(path, io.cwd));
  const found = await findScenarios(io.fs, paths);
  if (!found.ok) return found;
  const goldenDir = selection.goldenDir === undefined ? undefined : normalizePath(selection.goldenDir, io.cwd);
  const all = found.scenarios.map((scenario) => locate(scenario, goldenDir));
  const scenarios = all.filter((scenario) => matchesFilters(scenario.id, selection.filters));
  if (scenarios.length === 0) {
    const count = `${all.length} scenario${all.length === 1 ? '' : 's'}`;
    const hint = globHint(selection.filters, all[0]?.id);
    return { ok: false, message: `--filter ${selection.filters.map((filter) => `'${filter}'`).join(', ')} matched none of the ${count} in ${paths.join(' ')}${hint}` };
  }
  const byGolden = new Map<string, string>();
  for (const scenario of scenarios) {
    const other = byGolden.get(scenario.goldenBase);
    if (other !== undefined) return { ok: false, message: `${other} and ${scenario.file} would share the golden ${scenario.goldenBase}${TRACE_EXT}; run them separately or give --golden-dir` };
    byGolden.set(scenario.goldenBase, scenario.file);
  }
  // A golden root is checked for obsolete files only when every scenario root feeding it was walked whole.
  const fullGoldenRoots =
    selection.filters.length > 0
      ? []
      : [...new Set(scenarios.map((scenario) => scenario.goldenRoot))].filter((goldenRoot) =>
          scenarios.filter((scenario) => scenario.goldenRoot === goldenRoot).every((scenario) => found.fullRoots.includes(scenario.root)),
        );
  return { ok: true, scenarios, fullGoldenRoots };
}

/**
 * The most a scenario file may hold, in bytes: the loader's character limit, since UTF-8 never takes
 * fewer bytes than UTF-16 units. A larger file is refused from its size, without reading it.
 */
export const MAX_SOURCE_BYTES = MAX_SOURCE_CHARS;

async function readOrError(io: Io, path: string): Promise<{ text: string | null; error?: string; code?: 'io' | 'too-large' }> {
  try {
    return { text: await io.fs.readText(path, MAX_SOURCE_BYTES) };
  } catch (error) {
    if (error instanceof FileTooLargeError) return { text: null, error: error.message, code: 'too-large' };
    if (error instanceof IoError) return { text: null, error: error.message, code: 'io' };
    throw error;
  }
}

/** Reads what runScenario needs from disk. An unreadable golden stops the run (IoError): comparing against nothing would lie. */
export async function readInput(io: Io, scenario: Located): Promise<ScenarioInput> {
  const source = await readOrError(io, scenario.file);
  const goldenTrace = await io.fs.readText(scenario.goldenBase + TRACE_EXT);
  const goldenErrors = await io.fs.readText(scenario.goldenBase + ERRORS_EXT);
  const missing = source.text === null && source.error === undefined;
  return {
    id: scenario.id,
    file: scenario.file,
    source: source.text,
    readError: missing ? `cannot read ${scenario.file}: the file is gone` : source.error,
    readErrorCode: source.code,
    goldenBase: scenario.goldenBase,
    goldenTrace,
    goldenErrors,
    actualBase: scenario.actualBase,
  };
}

/** The actual file a result's output goes to on a mismatch. */
export function actualPathOf(result: ScenarioResult, actualBase: string): string {
  return actualBase + (result.goldenPath.endsWith(ERRORS_EXT) ? ERRORS_EXT : TRACE_EXT);
}

/**
 * Writes the actual output of a mismatch or a scenario without a golden under `.probe-run/actual/` (never over the
 * golden), and removes a stale one when the scenario passes. Returns the path written, or null.
 */
export async function recordActual(io: Io, result: ScenarioResult, actualBase: string): Promise<string | null> {
  if (result.diff !== null || result.status === 'new' || (result.status === 'fail' && result.golden === null)) {
    const path = actualPathOf(result, actualBase);
    const outside = await outsideRoot(io.fs, actualBase.slice(0, actualBase.length - result.id.length - 1), path);
    if (outside !== null) throw new IoError(outside);
    await writeFile(io.fs, path, result.actual);
    return path;
  }
  if (result.status === 'pass') {
    await io.fs.remove(actualBase + TRACE_EXT);
    await io.fs.remove(actualBase + ERRORS_EXT);
  }
  return null;
}

/** Runs each located scenario in order. */
export async function runLocated(io: Io, scenarios: readonly Located[], options: RunOptions, stages: Stages): Promise<ScenarioResult[]> {
  return (await runTimed(io, scenarios, options, stages)).results;
}

/** Runs each located scenario in order, timing each (read, run, compare) and the whole on the io's clock. */
export async function runTimed(io: Io, scenarios: readonly Located[], options: RunOptions, stages: Stages): Promise<{ results: ScenarioResult[]; timing: Timing }> {
  const results: ScenarioResult[] = [];
  const byId: Record<string, number> = {};
  const start = io.now();
  for (const scenario of scenarios) {
    const before = io.now();
    const result = runScenario(await readInput(io, scenario), options, stages);
    byId[result.id] = (io.now() - before) / 1000;
    results.push(result);
  }
  return { results, timing: { total: (io.now() - start) / 1000, byId } };
}

