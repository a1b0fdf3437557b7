/** `probe-run tui [PATH…]`: runs the scenarios, then hands the results and the review actions that touch the disk to the TUI. */
import { findObsolete } from '../src/golden/find-obsolete.js';
import type { ScenarioResult } from '../src/model/result.js';
import { runScenario, type RunOptions } from '../src/run/run-scenario.js';
import type { Stages } from '../src/run/stages.js';
import { lockGoldenRoots } from './golden-lock.js';
import { acceptGolden, ciRefusal, isCi, listFilesBelow, outsideRoot, writeFile } from './golden-store.js';
import { IoError, type Io } from './io.js';
import { openEditor } from './open-editor.js';
import type { CliOptions } from './parse-args.js';
import { locateResult, readInput, recordActual, runLocated, selectScenarios, type Located } from './run-scenarios.js';
import type { TuiOptions } from './tui/tui-options.js';
import { usageError } from './usage.js';
import { watchScenarios, type ScenarioWatch, type WatchOptions } from './watch-scenarios.js';

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
  /** Stops every watch `actions.watch` started and has not stopped (for when the TUI has ended). */
  stopWatching(): void;
}

/**
 * Runs the selected scenarios, writes their actual output as a normal run does, finds obsolete
 * goldens (full runs only, as the CLI reports them), and builds the review actions: accept and
 * remove go through the golden root's lock and the `--update-golden` checks (CI refusal, writes only
 * inside the golden root); edit opens `$VISUAL`/`$EDITOR`. A wrong selection prints its usage
 * error and gives its exit code instead.
 */
export async function prepareTui(io: Io, options: CliOptions, stages: Stages, watchOptions: WatchOptions = {}): Promise<TuiSession | number> {
  const selected = await selectScenarios(io, options);
  if (!selected.ok) return usageError(io, selected.message);
  const runOptions: RunOptions = { profile: options.profile, stepBound: options.stepBound };
  const results = await runLocated(io, selected.scenarios, runOptions, stages);
  for (const [index, result] of results.entries()) await recordActual(io, result, selected.scenarios[index].actualBase);

  const goldenRootOf = new Map(selected.scenarios.map((scenario) => [scenario.id, scenario.goldenRoot]));
  const obsoleteRoot = new Map<string, string>();
  const findObsoleteGoldens = async (all: readonly ScenarioResult[], fullGoldenRoots: readonly string[]) => {
    obsoleteRoot.clear();
    for (const goldenRoot of fullGoldenRoots) {
      const known = all.flatMap((result) => (goldenRootOf.get(result.id) === goldenRoot ? [{ id: result.id, valid: !result.goldenPath.endsWith('.errors.txt') }] : []));
      for (const path of findObsolete(goldenRoot, await listFilesBelow(io.fs, goldenRoot), known)) obsoleteRoot.set(path, goldenRoot);
    }
  };
  await findObsoleteGoldens(results, selected.fullGoldenRoots);

  // What the TUI's own writes left in each golden path (null: removed), so the watch does not run a scenario again for them.
  const ownWrites = new Map<string, string | null>();
  const ownWrite = async (path: string) => {
    if (!ownWrites.has(path)) return false;
    if ((await io.fs.readText(path).catch(() => undefined)) === ownWrites.get(path)) return true;
    ownWrites.delete(path);
    return false;
  };
  // The selection as the last watch burst left it, with each scenario's latest result (run order).
  let scenarios: Located[] = selected.scenarios;
  let latest = new Map(selected.scenarios.map((scenario, index) => [scenario.file, results[index]]));
  const watches = new Set<() => void>();
  // While the editor has the terminal, bursts wait: the TUI must not draw over it, and it re-runs the scenario itself afterwards.
  let editing: Promise<void> | null = null;

  const watch: TuiOptions['watch'] = (onUpdate, onProblem) => {
    let running: ScenarioWatch | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      running?.stop();
      watches.delete(stop);
    };
    watches.add(stop);
    const started = watchScenarios(
      io,
      options,
      scenarios,
      async (event) => {
        if (event.kind === 'problem') return stopped ? undefined : onProblem(event.message);
        const fresh = await runLocated(io, event.rerun, runOptions, stages);
        for (const [index, result] of fresh.entries()) await recordActual(io, result, event.rerun[index].actualBase);
        const byFile = new Map(event.rerun.map((scenario, index) => [scenario.file, fresh[index]]));
        const before = latest;
        latest = new Map();
        for (const scenario of event.scenarios) {
          const result = byFile.get(scenario.file) ?? before.get(scenario.file);
          if (result !== undefined) latest.set(scenario.file, result);
          goldenRootOf.set(scenario.id, scenario.goldenRoot);
        }
        scenarios = event.scenarios;
        await findObsoleteGoldens([...latest.values()], event.fullGoldenRoots);
        if (stopped) return;
        onUpdate({
          changed: event.changed,
          results: [...latest.values()],
          rerun: fresh.map((result) => result.id),
          removed: event.removed.map((scenario) => scenario.id),
          obsolete: [...obsoleteRoot.keys()],
        });
      },
      { ...watchOptions, ignore: ownWrite, hold: () => editing ?? Promise.resolve() },
    );
    started.then(
      (handle) => {
        running = handle;
        if (stopped) handle.stop();
        handle.done.catch((error: unknown) => onProblem(`${error instanceof Error ? error.message : String(error)}; stopped watching`));
      },
      (error: unknown) => onProblem(error instanceof IoError ? error.message : String(error)),
    );
    return stop;
  };

  const actions: TuiSession['actions'] = {
    accept: async (result) => {
      const path = await withGoldenLock(io, goldenRootOf.get(result.id) ?? '.', () => acceptGolden(result, io, { force: options.force }));
      ownWrites.set(path, result.actual);
      return path;
    },
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
      ownWrites.set(path, result.golden);
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
      ownWrites.set(path, null);
      obsoleteRoot.delete(path);
    },
    edit: async (file, line) => {
      let done = () => {};
      editing = new Promise((resolve) => (done = resolve));
      try {
        await openEditor(io.env, io.cwd, file, line);
        // What the editor saved is run by the TUI after it exits, not by the watch.
        ownWrites.set(file, await io.fs.readText(file).catch(() => undefined) ?? null);
      } finally {
        editing = null;
        done();
      }
    },
    // Under CI nothing ever changes on its own; a system without a watcher has no watch.
    ...(io.watch !== undefined && !isCi(io.env) ? { watch } : {}),
  };
  return { results, actions, stopWatching: () => [...watches].forEach((stop) => stop()) };
}

/** The TUI over a real terminal, after prepareTui; resolves with the TUI's exit code. */
export async function tuiSession(io: Io, options: CliOptions, stages: Stages, watchOptions: WatchOptions = {}): Promise<number> {
  const prepared = await prepareTui(io, options, stages, watchOptions);
  if (typeof prepared === 'number') return prepared;
  const { runTui } = await import('./tui/run-tui.js');
  const { explainResult } = await import('./explain-command.js');
  try {
    return await runTui(prepared.results, { ...prepared.actions, explain: explainResult, stdin: io.terminal?.stdin, stdout: io.terminal?.stdout });
  } finally {
    prepared.stopWatching();
  }
}
