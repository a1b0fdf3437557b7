/** The pipeline stages run-scenario calls, passed in so the run can be tested without the real ones. */
import type { Diagnostic } from '../model/diagnostic.js';
import type { RunResult } from '../model/events.js';
import type { Knobs } from '../model/knobs.js';
import type { ProfileName, Scenario } from '../model/scenario.js';

/** The loader, the diagnostics formatter, the engine and the trace formatter, as their owners export them. */
export interface Stages {
  loadScenario(source: string, file: string, id: string): { scenario: Scenario | null; diagnostics: Diagnostic[] };
  formatDiagnostics(diagnostics: Diagnostic[], source: string | null): string;
  runEngine(scenario: Scenario, options: { profile?: ProfileName; stepBound?: number; shuffleSeed?: number }): { knobs: Knobs; result: RunResult };
  formatTrace(scenario: Scenario, knobs: Knobs, result: RunResult): string;
}
