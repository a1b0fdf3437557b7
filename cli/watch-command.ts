/** `probe-run --watch [PATH…]`: runs the scenarios, then runs again those whose files change, until Ctrl-C. */
import type { ScenarioResult } from '../src/model/result.js';
import type { Stages } from '../src/run/stages.js';
import { isCi } from './golden-store.js';
import { IoError, type Io, type Stoppable } from './io.js';
import type { CliOptions } from './parse-args.js';
import { runSelected, type KnownGolden } from './run-command.js';
import { selectScenarios, type Located } from './run-scenarios.js';
import { usageError } from './usage.js';
import { watchScenarios, type WatchEvent, type WatchOptions } from './watch-scenarios.js';

/** The exit code after Ctrl-C, as a shell reports a process ended by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

/** How many changed paths a re-run's header names before it says "and N more". */
const NAMED_CHANGES = 5;

/** `Changed: a, b and 3 more`: the first line of a re-run's output. */
export function changedLine(changed: readonly string[]): string {
  const named = changed.slice(0, NAMED_CHANGES).join(', ');
  const more = changed.length - NAMED_CHANGES;
  return `Changed: ${named}${more > 0 ? ` and ${more} more` : ''}`;
}

/** `Watching 12 scenarios (11 pass, 1 fail); Ctrl-C stops.`: the line after every run. */
export function watchingLine(results: Iterable<ScenarioResult>): string {
  const counts: Record<ScenarioResult['status'], number> = { pass: 0, fail: 0, new: 0, invalid: 0, error: 0 };
  let total = 0;
  for (const result of results) {
    counts[result.status] += 1;
    total += 1;
  }
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  return `Watching ${total} scenario${total === 1 ? '' : 's'}${total > 0 ? ` (${parts})` : ''} for changes; Ctrl-C stops.`;
}

/**
 * Runs the selection once as a plain run does, then after each burst of changes prints which files
 * changed and which scenarios were dropped, runs the changed and new scenarios with the text
 * reporter, and a line on the whole selection. Never stops on a failure; Ctrl-C ends it with 130.
 * Refused under CI (nothing would ever stop it) and where files cannot be watched.
 */
export async function watchCommand(io: Io, options: CliOptions, stages: Stages, watchOptions: WatchOptions = {}): Promise<number> {
  if (isCi(io.env)) {
    return usageError(io, `--watch runs until Ctrl-C, which a CI job never sends (CI=${io.env.CI}); run without --watch`, false);
  }
  if (io.watch === undefined || io.onInterrupt === undefined) return usageError(io, '--watch: this system cannot watch files', false);
  const selected = await selectScenarios(io, options);
  if (!selected.ok) return usageError(io, selected.message);

  // Latest result of every scenario of the selection, by file, in selection order.
  const latest = new Map<string, { scenario: Located; result: ScenarioResult }>();
  const onEvent = async (event: WatchEvent) => {
    io.stdout(`\n${changedLine(event.changed)}\n`);
    if (event.kind === 'problem') {
      io.stderr(`probe-run: ${event.message}\n`);
      latest.clear();
    } else {
      for (const scenario of event.removed) io.stdout(`Dropped ${scenario.id} (${scenario.file} is gone)\n`);
      const rerun = new Set(event.rerun.map((scenario) => scenario.file));
      const also: KnownGolden[] = event.scenarios
        .filter((scenario) => !rerun.has(scenario.file))
        .flatMap((scenario) => {
          const known = latest.get(scenario.file);
          return known === undefined ? [] : [{ id: scenario.id, goldenRoot: scenario.goldenRoot, valid: !known.result.goldenPath.endsWith('.errors.txt') }];
        });
      const fresh = new Map<string, ScenarioResult>();
      // A dropped scenario alone still gets a report: its golden may now be obsolete.
      if (event.rerun.length > 0 || event.fullGoldenRoots.length > 0) {
        const { results } = await runSelected(io, options, stages, event.rerun, event.fullGoldenRoots, also);
        event.rerun.forEach((scenario, index) => fresh.set(scenario.file, results[index]));
      }
      const before = new Map(latest);
      latest.clear();
      for (const scenario of event.scenarios) {
        const result = fresh.get(scenario.file) ?? before.get(scenario.file)?.result;
        if (result !== undefined) latest.set(scenario.file, { scenario, result });
      }
    }
    io.stdout(`\n${watchingLine([...latest.values()].map((entry) => entry.result))}\n`);
  };

  // Watching starts before the first run, so a file saved during it is not missed; its burst waits for the run.
  let firstRunDone = () => {};
  const firstRun = new Promise<void>((resolve) => (firstRunDone = resolve));
  let watch;
  try {
    watch = await watchScenarios(io, options, selected.scenarios, onEvent, { ...watchOptions, hold: () => firstRun });
  } catch (error) {
    if (error instanceof IoError) return usageError(io, error.message, false);
    throw error;
  }
  // Ctrl-C during the first run ends the process as it ends a plain run; after it, it stops the watch
  // once the re-run under way is done, and a second Ctrl-C (the listener gone) ends the process at once.
  let interrupt: Stoppable | undefined;
  try {
    const { results } = await runSelected(io, options, stages, selected.scenarios, selected.fullGoldenRoots);
    selected.scenarios.forEach((scenario, index) => latest.set(scenario.file, { scenario, result: results[index] }));
    io.stdout(`\n${watchingLine(results)}\n`);
    firstRunDone();
    interrupt = io.onInterrupt(() => {
      watch.stop();
      interrupt?.close();
    });
    await watch.done;
  } catch (error) {
    watch.stop();
    watch.done.catch(() => undefined);
    if (error instanceof IoError) return usageError(io, `${error.message}; stopped watching`, false);
    throw error;
  } finally {
    firstRunDone();
    interrupt?.close();
  }
  return EXIT_INTERRUPTED;
}
