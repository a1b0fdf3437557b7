/** `--check-determinism` for one scenario: the same input run several times, orders shuffled, must give the same bytes (K11.1). */
import type { ScenarioResult } from '../model/result.js';
import { runScenario, type RunOptions, type ScenarioInput } from './run-scenario.js';
import type { Stages } from './stages.js';

/** How many times each scenario runs: once plainly, then with shuffled orders. */
export const DETERMINISM_RUNS = 5;

/** Where two runs' outputs first differ (1-based line; a missing line is null). */
export interface FirstDifference {
  line: number;
  expected: string | null;
  actual: string | null;
}

/** The outcome for one scenario. */
export type DeterminismResult =
  | { id: string; file: string; status: 'same'; runs: number }
  | { id: string; file: string; status: 'differs'; runs: number; run: number; seed: number; difference: FirstDifference }
  | { id: string; file: string; status: 'error'; runs: number; run: number; detail: string };

/** Everything a run shows about a scenario: the trace (or diagnostics), then the failed expects. */
export function observable(result: ScenarioResult): string {
  const expects = result.expectFailures.map((failure) => `expect failed: ${failure.node}: ${failure.field} expected ${failure.expected}, actual ${failure.actual}\n`);
  return result.actual + expects.join('');
}

/** The first line where `actual` differs from `expected`, or null when they are the same text. */
export function firstDifference(expected: string, actual: string): FirstDifference | null {
  if (expected === actual) return null;
  const left = expected.split('\n');
  const right = actual.split('\n');
  for (let i = 0; ; i++) {
    if (left[i] !== right[i]) return { line: i + 1, expected: left[i] ?? null, actual: right[i] ?? null };
  }
}

/** The shuffle seed of run `run` (2, 3, …) of a scenario: fixed, so a failure can be reproduced, and different per scenario. */
export function shuffleSeedOf(id: string, run: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash ^ Math.imul(run, 0x9e3779b9)) >>> 0;
}

/**
 * Runs one scenario `runs` times (loader, engine and formatter each time): first as a normal run,
 * then with the engine's order-free iterations shuffled. Stops at the first run whose output differs.
 */
export function checkDeterminism(input: ScenarioInput, options: RunOptions, stages: Stages, runs = DETERMINISM_RUNS): DeterminismResult {
  const { id, file } = input;
  let first: string | null = null;
  for (let run = 1; run <= runs; run++) {
    const seed = shuffleSeedOf(id, run);
    const result = runScenario(input, { ...options, shuffleSeed: run === 1 ? undefined : seed }, stages);
    if (result.status === 'error') return { id, file, status: 'error', runs, run, detail: result.actual };
    const output = observable(result);
    if (first === null) {
      first = output;
      continue;
    }
    const difference = firstDifference(first, output);
    if (difference !== null) return { id, file, status: 'differs', runs, run, seed, difference };
  }
  return { id, file, status: 'same', runs };
}
