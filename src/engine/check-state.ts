/** driver_deferred_probe_check_state() of v6.x (K5.5, K6.2, K7.3). */
import { ENODEV, EPROBE_DEFER, ETIMEDOUT } from '../model/errno.js';
import type { EngineState } from './state.js';

/** The kernel's answer, and why it gave up (it prints a warning then), or null while it still waits. */
export interface CheckState {
  error: number;
  gaveUp: 'no-driver' | 'timeout' | null;
}

const DEFER: CheckState = { error: EPROBE_DEFER, gaveUp: null };
const NO_DRIVER: CheckState = { error: ENODEV, gaveUp: 'no-driver' };
const TIMED_OUT: CheckState = { error: ETIMEDOUT, gaveUp: 'timeout' };

/** Whether an optional dependency that has not shown up should still be waited for. */
export function driverDeferredProbeCheckState(state: EngineState): CheckState {
  if (!state.knobs.modules && state.initcallsDone) return NO_DRIVER;
  const timeout = state.knobs.deferred_probe_timeout;
  if (state.initcallsDone && (state.timeoutExpired || timeout === 0)) return TIMED_OUT;
  return DEFER;
}
