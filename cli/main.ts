/** The whole CLI as a function: argv and an Io in, an exit code out. Only this folder touches the world. */
import type { RunOptions } from '../src/run/run-scenario.js';
import type { Stages } from '../src/run/stages.js';
import type { ScenarioResult } from '../src/model/result.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from '../src/report/exit-code.js';
import { HELP_TEXT } from './help-text.js';
import { IoError, type Io } from './io.js';
import { packageVersion, readPackageFile } from './package-files.js';
import { parseCliArgs, type CliOptions } from './parse-args.js';
import { usageError } from './usage.js';
import type { WatchOptions } from './watch-scenarios.js';

/** Replaceable parts, for tests: the pipeline stages (default: the real loader and engine). */
export interface MainDeps {
  stages?: Stages;
  /** Watch settings for `--watch` and the TUI (tests shorten the debounce). */
  watch?: WatchOptions;
}

// Heavy modules (yaml, ajv, jsdiff, the engine, Ink) are imported only by the commands that need them,
// so `probe-run --version` and `--help` start about as fast as Node itself.
async function stagesOf(deps: MainDeps): Promise<Stages> {
  return deps.stages ?? (await import('./real-stages.js')).realStages;
}

/** The message `probe-run tui` prints without a terminal. */
export const TUI_NEEDS_TTY =
  'probe-run tui needs an interactive terminal (standard input and output must be a TTY).\n' +
  'Without one, use the non-interactive commands:\n' +
  '  probe-run [PATH...] --reporter text|json|junit|tap|ktap   to see results and diffs\n' +
  '  probe-run [PATH...] --update-golden                       to accept new and changed traces\n' +
  '  probe-run explain SCENARIO DEVICE                         to see why a device ended as it did\n';

/**
 * Re-reads a result's scenario and goldens from disk and runs it again with the same options, writing
 * its actual output as a normal run would (for the TUI's `r`).
 */
export async function rerunScenario(result: ScenarioResult, io: Io, options: RunOptions & { stages?: Stages } = {}): Promise<ScenarioResult> {
  const { locateResult, readInput, recordActual } = await import('./run-scenarios.js');
  const { runScenario } = await import('../src/run/run-scenario.js');
  const located = locateResult(result);
  const rerun = runScenario(await readInput(io, located), options, options.stages ?? (await stagesOf({})));
  await recordActual(io, rerun, located.actualBase);
  return rerun;
}

/** Accepts one result's output as its golden, for the TUI's `a` (the --update-golden code path). */
export { acceptGolden } from './golden-store.js';

async function tuiCommand(io: Io, options: CliOptions, deps: MainDeps): Promise<number> {
  if (!io.stdinIsTTY || !io.stdoutIsTTY) {
    io.stderr(TUI_NEEDS_TTY);
    return EXIT_USAGE;
  }
  const { tuiSession } = await import('./tui-command.js');
  return tuiSession(io, options, await stagesOf(deps), deps.watch);
}

async function dispatch(argv: readonly string[], io: Io, deps: MainDeps): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) return usageError(io, parsed.message);
  const { options } = parsed;
  switch (options.command) {
    case 'help':
      io.stdout(HELP_TEXT);
      return EXIT_OK;
    case 'version':
      io.stdout(`${packageVersion()}\n`);
      return EXIT_OK;
    case 'schema':
      io.stdout(readPackageFile('schema/scenario.schema.json'));
      return EXIT_OK;
    case 'tui':
      return tuiCommand(io, options, deps);
    case 'explain': {
      const { explainCommand } = await import('./explain-command.js');
      return explainCommand(io, options, await stagesOf(deps));
    }
    case 'oracle': {
      const { oracleCommand } = await import('./oracle-command.js');
      return oracleCommand(io, options);
    }
    case 'compare': {
      const { compareCommand } = await import('./compare-command.js');
      return compareCommand(io, options, await stagesOf(deps));
    }
    case 'export-dts': {
      const { exportDtsCommand } = await import('./export-dts-command.js');
      return exportDtsCommand(io, options, await stagesOf(deps));
    }
    case 'import': {
      const { importCommand } = await import('./import-command.js');
      return importCommand(io, options);
    }
    case 'init': {
      const { initCommand } = await import('./init-command.js');
      return initCommand(io, options, await stagesOf(deps));
    }
    case 'collect-script': {
      const { COLLECT_SCRIPT } = await import('../src/board-dump/collect-script.js');
      io.stdout(COLLECT_SCRIPT);
      return EXIT_OK;
    }
    case 'run':
    case 'check': {
      if (options.watch) {
        const { watchCommand } = await import('./watch-command.js');
        return watchCommand(io, options, await stagesOf(deps), deps.watch);
      }
      if (options.checkDeterminism) {
        const { determinismCommand } = await import('./check-determinism.js');
        return determinismCommand(io, options, await stagesOf(deps));
      }
      const { runCommand } = await import('./run-command.js');
      return runCommand(io, options, await stagesOf(deps));
    }
    default: {
      const never: never = options.command;
      throw new Error(`unknown command ${String(never)}`);
    }
  }
}

/**
 * Runs probe-run with `argv` (without `node` and the script) and returns the exit code. User mistakes
 * and file-system failures are messages and exit 2; anything else is a bug: message, stack, exit 70.
 */
export async function main(argv: readonly string[], io: Io, deps: MainDeps = {}): Promise<number> {
  try {
    return await dispatch(argv, io, deps);
  } catch (error) {
    if (error instanceof IoError) {
      io.stderr(`probe-run: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`probe-run: internal error (a bug in probe-run); please report it with the command line and this trace:\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}
