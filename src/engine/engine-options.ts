/** How one engine run is asked to behave, beyond the scenario itself. */
import type { ProfileName } from '../model/knobs.js';

/** Probe attempts before a run stops with a livelock diagnostic (K11.2). */
export const DEFAULT_STEP_BOUND = 1_000_000;

/** Options of runEngine. */
export interface EngineOptions {
  /** `--profile`: replaces the scenario's profile for this run. */
  profile?: ProfileName;
  /** Probe attempts before the run stops with a livelock diagnostic (K11.2); default 1,000,000. */
  stepBound?: number;
  /** Replay unchanged deferrals without re-evaluating them (default true); off only to test that it changes nothing. */
  memoise?: boolean;
  /**
   * `--check-determinism`: shuffle, with this seed, every iteration order the model says cannot
   * matter (K11.1) because a total sort or a keyed lookup follows. The trace must not change.
   */
  shuffleSeed?: number;
}
