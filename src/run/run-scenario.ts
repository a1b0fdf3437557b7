/** One scenario through the pipeline: source and golden text in, a ScenarioResult out (no I/O). */
import { compareGolden } from '../golden/compare-golden.js';
import { ERRORS_EXT, TRACE_EXT } from '../golden/golden-paths.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ScenarioResult } from '../model/result.js';
import type { ProfileName } from '../model/scenario.js';
import type { Stages } from './stages.js';

/** Everything about one scenario that the CLI read from disk. */
export interface ScenarioInput {
  /** Path below the scenario root without `.yaml`. */
  id: string;
  /** The scenario file as printed (relative, `/` separators). */
  file: string;
  /** The file's text, or null when it could not be read (then `readError` says why). */
  source: string | null;
  readError?: string;
  /** The diagnostic code of `readError`: `io` (default) or `too-large` (refused from its size). */
  readErrorCode?: 'io' | 'too-large';
  /** Golden path without extension (`golden/a/b`). */
  goldenBase: string;
  /** Content of `<goldenBase>.trace`, null when absent. */
  goldenTrace: string | null;
  /** Content of `<goldenBase>.errors.txt`, null when absent. */
  goldenErrors: string | null;
  /** Where the actual output goes on a mismatch, without extension (`.probe-run/actual/a/b`). */
  actualBase: string;
}

/** Run-wide options. */
export interface RunOptions {
  /** `--profile`: replaces every scenario's profile. */
  profile?: ProfileName;
  /** `--step-bound`: probe attempts before a livelock stop (K11.2). */
  stepBound?: number;
  /** `--check-determinism`: shuffle the engine's order-free iterations with this seed (K11.1). */
  shuffleSeed?: number;
  /** `probe-run check`: load and validate only, no engine and no trace compare. */
  validateOnly?: boolean;
}

/** The text a result carries when probe-run itself broke while running a scenario. */
export function internalErrorText(error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return `internal error (a bug in probe-run): ${detail}\n`;
}

/**
 * Loads, validates, runs and compares one scenario (SPEC sections 4–5). Statuses: `invalid` when the
 * scenario has errors and no `.errors.txt` golden; `pass`/`fail` for an invalid scenario compared
 * with its errors golden; `new` when a valid scenario has no trace golden and its `expect` holds;
 * `fail` when the trace differs or an `expect` failed (with or without a golden); `error` when a stage
 * threw (a bug, not the user's mistake).
 */
export function runScenario(input: ScenarioInput, options: RunOptions, stages: Stages): ScenarioResult {
  const base = {
    id: input.id,
    file: input.file,
    source: input.source,
    scenario: null,
    knobs: null,
    run: null,
    expectFailures: [],
  };
  let loaded: ReturnType<Stages['loadScenario']>;
  if (input.source === null) {
    const diagnostic: Diagnostic = { code: input.readErrorCode ?? 'io', severity: 'error', message: input.readError ?? 'cannot read the file', file: input.file };
    loaded = { scenario: null, diagnostics: [diagnostic] };
  } else {
    try {
      loaded = stages.loadScenario(input.source, input.file, input.id);
    } catch (error) {
      return { ...base, status: 'error', diagnostics: [], actual: internalErrorText(error), golden: null, goldenPath: input.goldenBase + TRACE_EXT, diff: null };
    }
  }
  const { scenario, diagnostics } = loaded;
  // The loader reports its own bugs as an `internal-error` diagnostic: that is probe-run's fault, not the user's.
  const bug = diagnostics.find((diagnostic) => diagnostic.code === 'internal-error');
  if (bug !== undefined) {
    return { ...base, status: 'error', diagnostics, actual: `internal error (a bug in probe-run): ${bug.message}\n`, golden: null, goldenPath: input.goldenBase + TRACE_EXT, diff: null };
  }

  if (scenario === null || diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    const goldenPath = input.goldenBase + ERRORS_EXT;
    let actual: string;
    try {
      actual = stages.formatDiagnostics(diagnostics, input.source);
    } catch (error) {
      return { ...base, status: 'error', diagnostics, actual: internalErrorText(error), golden: input.goldenErrors, goldenPath, diff: null };
    }
    const golden = input.goldenErrors;
    // An invalid scenario is only expected to be invalid when its errors are golden-tested.
    if (golden === null) return { ...base, status: 'invalid', diagnostics, actual, golden, goldenPath, diff: null };
    const diff = compareGolden(golden, actual, goldenPath, input.actualBase + ERRORS_EXT);
    return { ...base, status: diff === null ? 'pass' : 'fail', diagnostics, actual, golden, goldenPath, diff };
  }

  const goldenPath = input.goldenBase + TRACE_EXT;
  const golden = input.goldenTrace;
  if (options.validateOnly) {
    return { ...base, scenario, status: 'pass', diagnostics, actual: '', golden, goldenPath, diff: null };
  }

  let ran: ReturnType<Stages['runEngine']>;
  let actual: string;
  try {
    ran = stages.runEngine(scenario, { profile: options.profile, stepBound: options.stepBound, shuffleSeed: options.shuffleSeed });
    actual = stages.formatTrace(scenario, ran.knobs, ran.result);
  } catch (error) {
    return { ...base, scenario, status: 'error', diagnostics, actual: internalErrorText(error), golden, goldenPath, diff: null };
  }
  const expectFailures = ran.result.expectFailures;
  const full = { ...base, scenario, knobs: ran.knobs, run: ran.result, expectFailures, diagnostics, actual, golden, goldenPath };
  // A failed expect is a failure whether or not a golden exists yet: `new` only means "nothing to compare with".
  if (golden === null) return { ...full, status: expectFailures.length > 0 ? 'fail' : 'new', diff: null };
  const diff = compareGolden(golden, actual, goldenPath, input.actualBase + TRACE_EXT);
  const status = diff === null && expectFailures.length === 0 ? 'pass' : 'fail';
  return { ...full, status, diff };
}
