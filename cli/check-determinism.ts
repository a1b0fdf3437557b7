/** `probe-run --check-determinism [PATH…]`: each scenario run several times with orders shuffled must print the same bytes. */
import { DETERMINISM_RUNS, checkDeterminism, type DeterminismResult } from '../src/run/check-determinism.js';
import { EXIT_FAIL, EXIT_INTERNAL, EXIT_OK } from '../src/report/exit-code.js';
import type { Stages } from '../src/run/stages.js';
import { useColor } from '../src/report/color-mode.js';
import { formatDeterminism } from '../src/report/format-determinism.js';
import type { Io } from './io.js';
import type { CliOptions } from './parse-args.js';
import { readInput, selectScenarios } from './run-scenarios.js';
import { usageError } from './usage.js';

/** Runs the check on the selected scenarios and prints the report: exit 0 all same, 1 any differs, 70 a bug. */
export async function determinismCommand(io: Io, options: CliOptions, stages: Stages): Promise<number> {
  const selected = await selectScenarios(io, options);
  if (!selected.ok) return usageError(io, selected.message);
  const results: DeterminismResult[] = [];
  for (const scenario of selected.scenarios) {
    const input = await readInput(io, scenario);
    results.push(checkDeterminism(input, { profile: options.profile, stepBound: options.stepBound }, stages, DETERMINISM_RUNS));
  }
  io.stdout(formatDeterminism(results, useColor(options.color, io.env, io.stdoutIsTTY)));
  if (results.some((result) => result.status === 'error')) return EXIT_INTERNAL;
  return results.some((result) => result.status === 'differs') ? EXIT_FAIL : EXIT_OK;
}
