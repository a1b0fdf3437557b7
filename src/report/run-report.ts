/** Everything a reporter renders about one run: the results plus what the run did around them. */
import type { ScenarioResult } from '../model/result.js';

/** A golden file written (or removed) by `--update-golden`. */
export interface WrittenGolden {
  path: string;
  change: 'new' | 'changed' | 'removed';
}

/** Where to look and what to type next, for one result that does not pass. */
export interface ResultHint {
  /** Where the actual output was written (`.probe-run/actual/<id>.trace`), when it was. */
  actualPath: string | null;
  /** The exact command that accepts this result's output, when it can be accepted. */
  acceptCommand: string | null;
}

/** The input of every reporter. */
export interface RunReport {
  /** `run` compares traces; `check` only validated the scenarios. */
  mode: 'run' | 'check';
  results: ScenarioResult[];
  /** Golden files without a scenario, found on a full run (paths relative, `/`). */
  obsolete: string[];
  /** Golden files written by `--update-golden`, in the order written. */
  written: WrittenGolden[];
  /** Golden files `--update-golden` refused to write, with the reason. */
  refused: { file: string; reason: string }[];
  /** Hints by result id. */
  hints: Record<string, ResultHint>;
  /** The command that accepts every mismatch of this run, or null when there is none to accept. */
  acceptAllCommand: string | null;
  /** Wall time the CLI measured, in seconds (JUnit `time`); absent when nothing was timed. Never part of a golden. */
  timing?: Timing;
}

/** How long a run took: the whole run and each scenario (read, run, compare), in seconds. */
export interface Timing {
  total: number;
  /** Seconds by result id. */
  byId: Record<string, number>;
}

/** Counts by status, plus the obsolete goldens, as the JSON report's `summary` carries them. */
export interface Summary {
  total: number;
  pass: number;
  fail: number;
  new: number;
  invalid: number;
  error: number;
  obsolete: number;
  written: number;
}

/** Counts a run's results. */
export function summarize(report: RunReport): Summary {
  const count = (status: ScenarioResult['status']) => report.results.filter((result) => result.status === status).length;
  return {
    total: report.results.length,
    pass: count('pass'),
    fail: count('fail'),
    new: count('new'),
    invalid: count('invalid'),
    error: count('error'),
    obsolete: report.obsolete.length,
    written: report.written.length,
  };
}
