/** Placeholder while the engine is written: returns no events. */
import type { RunResult } from '../model/events.js';
import { resolveKnobs, type Knobs } from '../model/knobs.js';
import type { ProfileName, Scenario } from '../model/scenario.js';

export interface EngineOptions {
  /** `--profile`: replaces the scenario's profile for this run. */
  profile?: ProfileName;
  /** Probe attempts before the run stops with a livelock diagnostic (K11.2); default 1,000,000. */
  stepBound?: number;
}

/** Replays the driver core for one validated scenario. */
export function runEngine(scenario: Scenario, options: EngineOptions = {}): { knobs: Knobs; result: RunResult } {
  const knobs = resolveKnobs(scenario.kernel, options.profile);
  return { knobs, result: { events: [], devices: [], expectFailures: [], attempts: 0, livelock: false } };
}
