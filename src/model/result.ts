/** One scenario's result as the reporters and the TUI see it. */
import type { Diagnostic } from './diagnostic.js';
import type { DeviceOutcome, ExpectFailure, RunResult } from './events.js';
import type { Knobs } from './knobs.js';
import type { Scenario } from './scenario.js';

/** SPEC section 4: pass, fail (mismatch or failed expect), new (no golden yet), invalid, error. */
export type ScenarioStatus = 'pass' | 'fail' | 'new' | 'invalid' | 'error';

export interface ScenarioResult {
  /** Path below the scenario root without extension. */
  id: string;
  /** The scenario file as the user named it (relative path, `/` separators). */
  file: string;
  status: ScenarioStatus;
  diagnostics: Diagnostic[];
  /** The scenario's text, for diagnostics and the TUI's Source tab; null if unreadable. */
  source: string | null;
  /** The actual trace, or the formatted diagnostics of an invalid scenario. */
  actual: string;
  /** The golden file's content, or null when there is none. */
  golden: string | null;
  /** Golden file path (relative, `/` separators): `.trace` or `.errors.txt`. */
  goldenPath: string;
  /** The structured patch golden → actual when a golden exists and differs, else null; reporters render it (formatGoldenPatch). */
  diff: GoldenPatch | null;
  scenario: Scenario | null;
  knobs: Knobs | null;
  run: RunResult | null;
  expectFailures: ExpectFailure[];
}

/** One hunk of a golden patch (jsdiff's structuredPatch shape): lines start with ' ', '-', '+' or '\\'. */
export interface GoldenHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** Golden → actual as data (jsdiff's StructuredPatch), with the two paths it compares. */
export interface GoldenPatch {
  oldFileName: string;
  newFileName: string;
  oldHeader: string | undefined;
  newHeader: string | undefined;
  hunks: GoldenHunk[];
}

/** The per-device part of a result, as the JSON report carries it. */
export interface Outcome {
  devices: DeviceOutcome[];
  warnings: string[];
}
