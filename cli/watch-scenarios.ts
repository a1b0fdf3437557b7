/**
 * Watching a selection's files: the folders to watch, bursts of changes (debounced), and which
 * scenarios a burst runs again. Shared by `probe-run --watch` and the TUI.
 */
import { ERRORS_EXT, TRACE_EXT } from '../src/golden/golden-paths.js';
import { normalizePath } from './find-scenarios.js';
import { IoError, type Io } from './io.js';
import { DEFAULT_PATH, selectScenarios, type Located, type Selection } from './run-scenarios.js';

/** How long the files must stay quiet before a burst of changes is run, in milliseconds (one save in an editor is several events). */
export const WATCH_DEBOUNCE_MS = 100;

/** Whether `path` is `folder` or lies below it (`/` paths relative to cwd). */
function within(folder: string, path: string): boolean {
  return folder === '.' || path === folder || path.startsWith(`${folder}/`);
}

/**
 * The folders to watch for a selection: each folder typed (a file's own folder) and each golden
 * root that exists, leaving out any folder inside another.
 */
export async function foldersToWatch(io: Io, selection: Selection, scenarios: readonly Located[]): Promise<string[]> {
  const typed = (selection.paths.length > 0 ? selection.paths : [DEFAULT_PATH]).map((path) => normalizePath(path, io.cwd));
  const candidates: string[] = [];
  for (const path of typed) {
    const kind = await io.fs.kind(path);
    if (kind === 'dir') candidates.push(path);
    else if (kind === 'file') candidates.push(path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');
  }
  for (const goldenRoot of new Set(scenarios.map((scenario) => scenario.goldenRoot))) {
    if ((await io.fs.kind(goldenRoot)) === 'dir') candidates.push(goldenRoot);
  }
  const unique = [...new Set(candidates)].sort();
  return unique.filter((folder) => !unique.some((other) => other !== folder && within(other, folder)));
}

/** Which scenarios a burst of changes concerns. */
export interface RerunPlan {
  /** Scenarios to run again, in selection order: their file or golden changed, or they are new. */
  rerun: Located[];
  /** Ids among `rerun` that were not in the selection before. */
  added: string[];
  /** Scenarios of the previous selection whose file is gone (or no longer selected). */
  removed: Located[];
}

/**
 * Compares the selection before and after a burst of changed paths: a scenario runs again when its
 * file, its golden (`.trace` or `.errors.txt`) or a folder holding one of them changed, or when it is new.
 */
export function planRerun(before: readonly Located[], after: readonly Located[], changed: readonly string[]): RerunPlan {
  const known = new Set(before.map((scenario) => scenario.file));
  const now = new Set(after.map((scenario) => scenario.file));
  const touched = (scenario: Located) =>
    [scenario.file, scenario.goldenBase + TRACE_EXT, scenario.goldenBase + ERRORS_EXT].some((path) => changed.some((change) => within(change, path)));
  const rerun = after.filter((scenario) => !known.has(scenario.file) || touched(scenario));
  return {
    rerun,
    added: rerun.filter((scenario) => !known.has(scenario.file)).map((scenario) => scenario.id),
    removed: before.filter((scenario) => !now.has(scenario.file)),
  };
}

/** Collects changed paths and hands them out in bursts: a burst ends when no change came for `quietMs`. */
export class ChangeBursts {
  #pending = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ready = false;
  #stopped = false;
  #waiter: ((burst: string[] | null) => void) | undefined;

  constructor(private readonly quietMs: number) {}

  /** Notes a changed path and restarts the quiet period. */
  add(path: string): void {
    if (this.#stopped) return;
    this.#pending.add(path);
    this.#ready = false;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#ready = true;
      this.#deliver();
    }, this.quietMs);
  }

  /** The next burst, sorted, once it is quiet; null once stopped. */
  next(): Promise<string[] | null> {
    return new Promise((resolve) => {
      this.#waiter = resolve;
      this.#deliver();
    });
  }

  /** Ends the bursts: a pending next() gets null, and so does every later one. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#deliver();
  }

  #deliver(): void {
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    if (this.#stopped) {
      this.#waiter = undefined;
      waiter(null);
    } else if (this.#ready && this.#pending.size > 0) {
      const burst = [...this.#pending].sort();
      this.#pending.clear();
      this.#ready = false;
      this.#waiter = undefined;
      waiter(burst);
    }
  }
}

/** What one burst of changes did to the selection. */
export type WatchEvent =
  | ({ kind: 'rerun'; changed: string[]; scenarios: Located[]; fullGoldenRoots: string[] } & RerunPlan)
  | { kind: 'problem'; changed: string[]; message: string };

/** A running watch: `stop()` ends it; `done` settles once it has ended (rejecting when the watcher failed). */
export interface ScenarioWatch {
  /** The folders watched. */
  folders: string[];
  stop(): void;
  done: Promise<void>;
}

/** Options of watchScenarios. */
export interface WatchOptions {
  /** The debounce, in milliseconds (default WATCH_DEBOUNCE_MS). */
  quietMs?: number;
  /** Whether a changed path is one to leave alone (the TUI's own golden writes). */
  ignore?(path: string): Promise<boolean>;
  /** Resolves when a burst may be handled (the TUI holds bursts while an editor has the terminal). */
  hold?(): Promise<void>;
}

/**
 * Watches the files of a selection whose scenarios are `scenarios` now, and after each burst of
 * changes selects again (new files are found, deleted ones dropped) and hands `onEvent` the plan;
 * bursts that concern no scenario are passed over. One burst is handled at a time; an IoError from
 * `onEvent` becomes a `problem` event. Throws IoError when watching cannot start.
 */
export async function watchScenarios(
  io: Io,
  selection: Selection,
  scenarios: readonly Located[],
  onEvent: (event: WatchEvent) => Promise<void>,
  options: WatchOptions = {},
): Promise<ScenarioWatch> {
  if (io.watch === undefined) throw new IoError('this system cannot watch files');
  const bursts = new ChangeBursts(options.quietMs ?? WATCH_DEBOUNCE_MS);
  const folders = await foldersToWatch(io, selection, scenarios);
  let failure: IoError | undefined;
  const watcher = io.watch(
    folders,
    (path) => bursts.add(path),
    (error) => {
      failure = error;
      bursts.stop();
    },
  );
  let current = [...scenarios];
  const handle = async (changed: string[]) => {
    const selected = await selectScenarios(io, selection);
    if (!selected.ok) {
      current = [];
      await onEvent({ kind: 'problem', changed, message: selected.message });
      return;
    }
    const plan = planRerun(current, selected.scenarios, changed);
    current = selected.scenarios;
    if (plan.rerun.length === 0 && plan.removed.length === 0) return;
    await onEvent({ kind: 'rerun', changed, scenarios: selected.scenarios, fullGoldenRoots: selected.fullGoldenRoots, ...plan });
  };
  const done = (async () => {
    try {
      for (let burst = await bursts.next(); burst !== null; burst = await bursts.next()) {
        await options.hold?.();
        const changed: string[] = [];
        for (const path of burst) if (!(await options.ignore?.(path))) changed.push(path);
        if (changed.length === 0) continue;
        try {
          await handle(changed);
        } catch (error) {
          if (!(error instanceof IoError)) throw error;
          await onEvent({ kind: 'problem', changed, message: error.message });
        }
      }
    } finally {
      watcher.close();
    }
    if (failure !== undefined) throw failure;
  })();
  const stop = () => {
    bursts.stop();
    watcher.close();
  };
  return { folders, stop, done };
}
