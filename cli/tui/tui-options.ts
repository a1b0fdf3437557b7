/** What the CLI hands the TUI: the review actions, which touch the disk, so the TUI itself does not. */
import type { ScenarioResult } from '../../src/model/result.js';

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
  /** Input stream (tests pass a fake); defaults to process.stdin. */
  stdin?: NodeJS.ReadStream;
  /** Output stream (tests pass a fake); defaults to process.stdout. */
  stdout?: NodeJS.WriteStream;
}
