/** `probe-run [PATH…]` and `probe-run check [PATH…]`: run, compare, write, report. */
import { findObsolete } from '../src/golden/find-obsolete.js';
import { acceptedResult, planAccept } from '../src/golden/plan-accept.js';
import type { ScenarioResult } from '../src/model/result.js';
import { useColor } from '../src/report/color-mode.js';
import { formatJson } from '../src/report/format-json.js';
import { formatJunit } from '../src/report/format-junit.js';
import { formatKtap } from '../src/report/format-ktap.js';
import { formatTap } from '../src/report/format-tap.js';
import { formatText } from '../src/report/format-text.js';
import type { ResultHint, RunReport, WrittenGolden } from '../src/report/run-report.js';
import { exitCodeOf } from '../src/report/exit-code.js';
import type { Stages } from '../src/run/stages.js';
import { acceptAllCommand, acceptOneCommand } from './accept-command.js';
import { lockGoldenRoots } from './golden-lock.js';
import { ciRefusal, listFilesBelow, outsideRoot, writeGolden } from './golden-store.js';
import type { Io } from './io.js';
import type { CliOptions } from './parse-args.js';
import { recordActual, runTimed, selectScenarios, type Located } from './run-scenarios.js';
import { usageError } from './usage.js';

/** Renders a report with the chosen reporter. */
export function render(report: RunReport, options: CliOptions, io: Io): string {
  switch (options.reporter) {
    case 'text':
      return formatText(report, { color: useColor(options.color, io.env, io.stdoutIsTTY) });
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report);
    case 'tap':
      return formatTap(report);
    case 'ktap':
      return formatKtap(report);
    default: {
      const never: never = options.reporter;
      throw new Error(`unknown reporter ${String(never)}`);
    }
  }
}

/** A scenario not run this time whose golden still counts as known (a watch re-run runs a few of the selection). */
export interface KnownGolden {
  id: string;
  goldenRoot: string;
  /** False when its golden is an `.errors.txt`. */
  valid: boolean;
}

/** Golden files without a scenario, for the golden roots this run covered whole. */
async function obsoleteGoldens(
  io: Io,
  fullGoldenRoots: readonly string[],
  results: readonly ScenarioResult[],
  scenarios: readonly Located[],
  also: readonly KnownGolden[],
): Promise<string[]> {
  const obsolete: string[] = [];
  for (const goldenRoot of fullGoldenRoots) {
    const known = results.flatMap((result, index) =>
      scenarios[index].goldenRoot === goldenRoot ? [{ id: result.id, valid: !result.goldenPath.endsWith('.errors.txt') }] : [],
    );
    known.push(...also.filter((other) => other.goldenRoot === goldenRoot));
    obsolete.push(...findObsolete(goldenRoot, await listFilesBelow(io.fs, goldenRoot), known));
  }
  return obsolete;
}

/**
 * Runs (or, for `check`, validates) the selected scenarios and prints the report; returns the exit
 * code. `--update-golden` holds the lock of every golden root it may write for the whole run.
 */
export async function runCommand(io: Io, options: CliOptions, stages: Stages): Promise<number> {
  if (options.updateGolden) {
    const refusal = ciRefusal(io.env, options.force);
    if (refusal !== null) return usageError(io, refusal, false);
  }
  const selected = await selectScenarios(io, options);
  if (!selected.ok) return usageError(io, selected.message);
  if (!options.updateGolden) return (await runSelected(io, options, stages, selected.scenarios, selected.fullGoldenRoots)).code;
  const locked = await lockGoldenRoots(io, selected.scenarios.map((scenario) => scenario.goldenRoot));
  if (!locked.ok) return usageError(io, locked.message, false);
  for (const note of locked.notes) io.stderr(`probe-run: ${note}\n`);
  try {
    return (await runSelected(io, options, stages, selected.scenarios, selected.fullGoldenRoots)).code;
  } finally {
    await locked.release();
  }
}

/** Why any planned golden write would land outside its golden root (see outsideRoot); empty when none would. */
async function unsafeWrites(io: Io, results: readonly ScenarioResult[], scenarios: readonly Located[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [index, result] of results.entries()) {
    const plan = planAccept(result);
    if (plan === null || 'refused' in plan) continue;
    const outside = await outsideRoot(io.fs, scenarios[index].goldenRoot, plan.path);
    if (outside !== null) problems.push(outside);
  }
  return problems;
}

/**
 * Runs the located scenarios, writes goldens (`--update-golden`) and actual files, prints the report;
 * returns the exit code and the results. `also` lists scenarios of the golden roots not run this
 * time, so their goldens are not taken for obsolete.
 */
export async function runSelected(
  io: Io,
  options: CliOptions,
  stages: Stages,
  scenarios: Located[],
  fullGoldenRoots: string[],
  also: readonly KnownGolden[] = [],
): Promise<{ code: number; results: ScenarioResult[] }> {
  const check = options.command === 'check';
  const timed = await runTimed(io, scenarios, { profile: options.profile, stepBound: options.stepBound, validateOnly: check }, stages);
  let results = timed.results;

  const hints: Record<string, ResultHint> = {};
  const written: WrittenGolden[] = [];
  const refused: RunReport['refused'] = [];
  let obsolete: string[] = [];
  if (!check) {
    obsolete = await obsoleteGoldens(io, fullGoldenRoots, results, scenarios, also);
    if (options.updateGolden) {
      // Checked for every write before the first one: a refused update writes nothing.
      const unsafe = await unsafeWrites(io, results, scenarios);
      if (unsafe.length > 0) return { code: usageError(io, unsafe.join('\nprobe-run: '), false), results };
      const accepted: ScenarioResult[] = [];
      for (const result of results) {
        const plan = planAccept(result);
        if (plan === null) accepted.push(result);
        else if ('refused' in plan) {
          refused.push({ file: result.file, reason: plan.refused });
          accepted.push(result);
        } else {
          await writeGolden(io.fs, plan);
          written.push({ path: plan.path, change: plan.change });
          accepted.push(acceptedResult(result));
        }
      }
      results = accepted;
      for (const path of obsolete) {
        await io.fs.remove(path);
        written.push({ path, change: 'removed' });
      }
      obsolete = [];
    }
    for (const [index, result] of results.entries()) {
      const actualPath = await recordActual(io, result, scenarios[index].actualBase);
      const plan = planAccept(result);
      // Accepting a trace never makes a failed expect pass, so no accept command is offered for one.
      const acceptable = plan !== null && !('refused' in plan) && result.expectFailures.length === 0;
      const acceptCommand = acceptable ? acceptOneCommand(options, result.file) : null;
      if (actualPath !== null || acceptCommand !== null) hints[result.id] = { actualPath, acceptCommand };
    }
  }
  const acceptable = Object.values(hints).some((hint) => hint.acceptCommand !== null);
  const report: RunReport = {
    mode: check ? 'check' : 'run',
    results,
    obsolete,
    written,
    refused,
    hints,
    acceptAllCommand: acceptable || obsolete.length > 0 ? acceptAllCommand(options) : null,
    timing: timed.timing,
  };
  io.stdout(render(report, options, io));
  return { code: exitCodeOf(report), results };
}
