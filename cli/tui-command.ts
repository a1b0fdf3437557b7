/** `probe-run tui [PATH…]`: runs the scenarios, then hands the results and the review actions that touch the disk to the TUI. */
import { findObsolete } from '../src/golden/find-obsolete.js';
import type { ScenarioResult } from '../src/model/result.js';
import { runScenario, type RunOptions } from '../src/run/run-scenario.js';
import type { Stages } from '../src/run/stages.js';
import { lockGoldenRoots } from './golden-lock.js';
import { acceptGolden, ciRefusal, listFilesBelow, outsideRoot, writeFile } from './golden-store.js';
import type { Io } from './io.js';
import { openEditor } from './open-editor.js';
import type { CliOptions } from './parse-args.js';
import { locateResult, readInput, recordActual, runLocated, selectScenarios } from './run-scenarios.js';
import type { TuiOptions } from './tui/tui-options.js';
import { usageError } from './usage.js';

/**
 * Runs `action` holding the lock of `goldenRoot`, the lock `--update-golden` holds for its writes,
 * so a TUI write and an update in another terminal cannot interleave; throws the lock's message when
 * another process holds it.
 */
export async function withGoldenLock<T>(io: Io, goldenRoot: string, action: () => Promise<T>): Promise<T> {
  const locked = await lockGoldenRoots(io, [goldenRoot]);
  if (!locked.ok) throw new Error(locked.message);
  try {
    return await action();
  } finally {
    await locked.release();
  }
}

/** The results of a run and the review actions over them, as `runTui` takes them (streams aside). */
export interface TuiSession {
  results: ScenarioResult[];
  actions: Omit<TuiOptions, 'stdin' | 'stdout' | 'explain'>;
}

/**
 * Runs the selected scenarios, writes their actual output as a normal run does, finds obsolete
 * goldens (full runs only, as the CLI reports them), and builds the review actions: accept and
 * remove go through the golden root's lock and the `--update-golden` checks (CI refusal, writes only
 * inside the golden root); edit opens `$VISUAL`/`$EDITOR`. A wrong selection prints its usage
 * error and gives its exit code instead.
 */
export async function prepareTui(io: Io, options: CliOptions, stages: Stages): Promise<TuiSession | number> {
  const selected = await selectScenarios(io, options);
  if (!selected.ok) return usageError(io, selected.message);
  const runOptions: RunOptions = { profile: options.profile, stepBound: options.stepBound };
  const results = await runLocated(io, selected.scenarios, runOptions, stages);
  for (const [index, result] of results.entries()) await recordActual(io, result, selected.scenarios[index].actualBase);

  const goldenRootOf = new Map(selected.scenarios.map((scenario) => [scenario.id, scenario.goldenRoot]));
  const obsoleteRoot = new Map<string, string>();
  for (const goldenRoot of selected.fullGoldenRoots) {
    const known = results.flatMap((result) => (goldenRootOf.get(result.id) === goldenRoot ? [{ id: result.id, valid: !result.goldenPath.endsWith('.errors.txt') }] : []));
    for (const path of findObsolete(goldenRoot, await listFilesBelow(io.fs, goldenRoot), known)) obsoleteRoot.set(path, goldenRoot);
  }

  const actions: TuiSession['actions'] = {
    accept: (result) => withGoldenLock(io, goldenRootOf.get(result.id) ?? '.', () => acceptGolden(result, io, { force: options.force })),
    // As main's rerunScenario, which this module cannot import (main imports this one).
    rerun: async (result) => {
      const located = locateResult(result);
      const fresh = runScenario(await readInput(io, located), runOptions, stages);
      await recordActual(io, fresh, located.actualBase);
      return fresh;
    },
    restore: async (result) => {
      const refusal = ciRefusal(io.env, options.force);
      if (refusal !== null) throw new Error(refusal);
      const goldenRoot = goldenRootOf.get(result.id) ?? '.';
      const path = result.goldenPath;
      const outside = await outsideRoot(io.fs, goldenRoot, path);
      if (outside !== null) throw new Error(outside);
      await withGoldenLock(io, goldenRoot, async () => {
        // Only what the accept wrote is undone: a golden changed since (another tool, another terminal) stays.
        if ((await io.fs.readText(path)) !== result.actual) throw new Error(`${path} changed since it was accepted; left as it is`);
        if (result.golden === null) await io.fs.remove(path);
        else await writeFile(io.fs, path, result.golden);
      });
      return path;
    },
    obsolete: [...obsoleteRoot.keys()],
    removeObsolete: async (path) => {
      const refusal = ciRefusal(io.env, options.force);
      if (refusal !== null) throw new Error(refusal);
      const goldenRoot = obsoleteRoot.get(path);
      if (goldenRoot === undefined) throw new Error(`${path} is not an obsolete golden of this run`);
      const outside = await outsideRoot(io.fs, goldenRoot, path);
      if (outside !== null) throw new Error(outside);
      await withGoldenLock(io, goldenRoot, () => io.fs.remove(path));
      obsoleteRoot.delete(path);
    },
    edit: (file, line) => openEditor(io.env, io.cwd, file, line),
  };
  return { results, actions };
}

/** The TUI over a real terminal, after prepareTui; resolves with the TUI's exit code. */
export async function tuiSession(io: Io, options: CliOptions, stages: Stages): Promise<number> {
  const prepared = await prepareTui(io, options, stages);
  if (typeof prepared === 'number') return prepared;
  const { runTui } = await import('./tui/run-tui.js');
  const { explainResult } = await import('./explain-command.js');
  return runTui(prepared.results, { ...prepared.actions, explain: explainResult, stdin: io.terminal?.stdin, stdout: io.terminal?.stdout });
}
