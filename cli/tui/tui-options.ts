/** What the CLI hands the TUI: the review actions, which touch the disk, so the TUI itself does not. */
import type { ScenarioResult } from '../../src/model/result.js';

/** What the CLI tells the TUI after running again the scenarios whose files changed. */
export interface WatchUpdate {
  /** The changed files and folders (relative paths), sorted. */
  changed: readonly string[];
  /** Every result in run order after the change: fresh ones for the scenarios run again, the others as before, dropped ones left out. */
  results: readonly ScenarioResult[];
  /** Ids of the scenarios run again (changed or new). */
  rerun: readonly string[];
  /** Ids of the scenarios whose files are gone. */
  removed: readonly string[];
  /** The obsolete goldens after the change. */
  obsolete: readonly string[];
}

/** The review actions and streams `runTui` is given by the CLI. */
export interface TuiOptions {
  /** Writes the actual trace as the golden file atomically (the `--update-golden` path) and returns the path written; rejects with an Error whose message is shown (e.g. refused under CI). */
  accept(result: ScenarioResult): Promise<string>;
  /** Undoes an accept: puts back the golden `result` was compared with (removes the file when there was none), through the same lock and checks; rejects with an Error whose message is shown. */
  restore?(result: ScenarioResult): Promise<string>;
  /** Re-reads the scenario's YAML from disk and runs it again. */
  rerun(result: ScenarioResult): Promise<ScenarioResult>;
  /** The `explain` tree of one device as text; without it the Why tab builds a compact tree from the final-state table. */
  explain?(result: ScenarioResult, device: string): string;
  /** Golden files no scenario stands for any more (found on full runs), shown at the end of the list. */
  obsolete?: readonly string[];
  /** Removes one obsolete golden file under the golden root's lock (the `--update-golden` path); rejects with an Error whose message is shown. */
  removeObsolete?(path: string): Promise<void>;
  /** Opens `file` in the user's editor at 1-based `line` and resolves when the editor exits (runTui gives the editor the terminal meanwhile); rejects with an Error whose message is shown. */
  edit?(file: string, line: number): Promise<void>;
  /**
   * Starts running again the scenarios whose files change (scenario, golden, new or deleted files);
   * `onUpdate` gets each re-run, `onProblem` a message when a change could not be run. Returns what
   * stops watching. Absent when nothing is watched (CI is set, or the system cannot watch files).
   */
  watch?(onUpdate: (update: WatchUpdate) => void, onProblem: (message: string) => void): () => void;
  /** Input stream (tests pass a fake); defaults to process.stdin. */
  stdin?: NodeJS.ReadStream;
  /** Output stream (tests pass a fake); defaults to process.stdout. */
  stdout?: NodeJS.WriteStream;
}
