/** The driver core replayed: boot, deferred probing, the timeout and the timeline (SPEC section 2). */
import type { EventBody, RunResult } from '../model/events.js';
import { resolveKnobs, type Knobs } from '../model/knobs.js';
import { INITCALL_LEVELS, type ProfileName, type Scenario } from '../model/scenario.js';
import { createState } from './create-state.js';
import type { EngineOptions } from './engine-options.js';
import { listMembers, pushTail } from './deferred-lists.js';
import { linkBlocks } from './links.js';
import { buildOutcome, checkExpectations } from './outcome.js';
import { deviceAdd, deviceAttach, driverRegister, fwDevlinkUnblockConsumers, deferredProbeWorkFunc, StepBoundReached, driverDeferredProbeTrigger } from './probe.js';
import { seededShuffle, shuffleRecord } from './shuffle.js';
import { emit, isUp, ListId, providerKinds, type EngineState } from './state.js';
import { deviceUnregister, deviceReleaseDriver } from './unbind.js';

export type { EngineOptions } from './engine-options.js';

export { DEFAULT_STEP_BOUND } from './engine-options.js';
const MICROS = 1_000_000;

/** Replays the driver core for one validated scenario. */
export function runEngine(scenario: Scenario, options: EngineOptions = {}): { knobs: Knobs; result: RunResult } {
  const knobs = resolveKnobs(scenario.kernel, options.profile);
  const shuffle = options.shuffleSeed === undefined ? null : seededShuffle(options.shuffleSeed);
  // faults and expect are keyed by label: their key order must not matter.
  if (shuffle !== null) scenario = { ...scenario, faults: shuffleRecord(scenario.faults, shuffle), expect: shuffleRecord(scenario.expect, shuffle) };
  const state = createState(scenario, knobs, options, shuffle);
  let livelock = false;
  try {
    boot(state);
    runTimeline(state);
  } catch (error) {
    if (!(error instanceof StepBoundReached)) throw error;
    livelock = true;
    const queued = [error.device, ...listMembers(state.active, state.devs), ...listMembers(state.pending, state.devs)];
    emit(state, { kind: 'livelock', attempts: state.attempts, nodes: [...new Set(queued)].map((i) => state.devs[i].spec.label) });
    // The device whose attempt the bound stopped was taken off its list for it: it is still queued.
    const stopped = state.devs[error.device];
    if (stopped.list === ListId.None && stopped.driver < 0) pushTail(state.active, state.devs, stopped.index);
  }
  const devices = buildOutcome(state);
  return {
    knobs,
    result: { events: state.events, devices, expectFailures: checkExpectations(scenario, devices), attempts: state.attempts, livelock, stepBound: state.stepBound },
  };
}

/** K1: early providers, initcall levels with populate at arch_initcall_sync, deferred_probe_initcall. */
function boot(state: EngineState): void {
  // K1.3: OF_DECLARE providers register at time 0, before any initcall, and get no device.
  for (const dev of state.devs) {
    if (dev.earlyDriver < 0) continue;
    dev.providers = true;
    dev.version++;
    emit(state, { kind: 'early-provider', node: dev.spec.label, driver: state.drivers[dev.earlyDriver].name, providers: providerKinds(dev.spec), device: state.knobs.early_node_device });
  }
  for (const level of INITCALL_LEVELS) {
    const drivers = state.drivers.flatMap((driver, d) => (driver.initcall === level && driver.build === 'builtin' && !driver.early ? [d] : []));
    if (drivers.length > 0) emit(state, { kind: 'initcall', level });
    for (const d of drivers) {
      driverRegister(state, d, 'initcall');
      deferredProbeWorkFunc(state);
    }
    if (level === 'arch') {
      ofPlatformDefaultPopulateInit(state);
      deferredProbeWorkFunc(state);
    }
  }
  deferredProbeInitcall(state);
}

/** K1.2: of_platform_default_populate_init adds the top-level devices in source order. */
function ofPlatformDefaultPopulateInit(state: EngineState): void {
  emit(state, { kind: 'populate' });
  for (const dev of state.devs) {
    if (dev.parent < 0 && !dev.spec.hotplug) deviceAdd(state, dev);
  }
}

/**
 * K4.3: deferred_probe_initcall. v6.x: two passes over the deferred lists, initcalls_done between
 * them (with drivers-done when modules are off), then the timeout is armed. v3.19 and v4.12: one pass.
 */
function deferredProbeInitcall(state: EngineState): void {
  emit(state, { kind: 'deferred-initcall', pass: 1 });
  state.deferredEnabled = true;
  driverDeferredProbeTrigger(state);
  deferredProbeWorkFunc(state);
  if (state.knobs.deferred_initcall === 'two-passes') {
    state.initcallsDone = true;
    state.phase++;
    emit(state, { kind: 'initcalls-done' });
    if (!state.knobs.modules) fwDevlinkDriversDone(state);
    emit(state, { kind: 'deferred-initcall', pass: 2 });
    driverDeferredProbeTrigger(state);
    deferredProbeWorkFunc(state);
    if (state.knobs.deferred_probe_timeout > 0) {
      state.timeoutAt = state.now + state.knobs.deferred_probe_timeout * MICROS;
      emit(state, { kind: 'timeout-armed', expires: state.timeoutAt });
    }
  }
  state.systemRunning = true;
  state.phase++;
  emit(state, { kind: 'user-space' });
}

/** K1.4, K9, K10: timeline entries and the timeout timer in time order; the timer first on a tie. */
function runTimeline(state: EngineState): void {
  const entries = state.scenario.timeline
    .map((entry, order) => ({ entry, order, at: Math.round(entry.at * MICROS) }))
    .sort((a, b) => a.at - b.at || a.order - b.order);
  let next = 0;
  while (next < entries.length || state.timeoutAt >= 0) {
    const entry = next < entries.length ? entries[next] : null;
    // K11.1: on a tie the timer fires first when deferred_probe_initcall armed it (before user space
    // and its timeline start); when a registration in a timeline step pushed it, that step ran a little
    // after its second, so the entry at the same second runs first (seen on the oracle's kernels).
    const timerFirst = entry === null || state.timeoutAt < entry.at || (state.timeoutAt === entry.at && !state.timeoutPushedByTimeline);
    if (state.timeoutAt >= 0 && timerFirst) {
      state.now = Math.max(state.now, state.timeoutAt);
      deferredProbeTimeoutWorkFunc(state);
      continue;
    }
    if (entry === null) break;
    next++;
    state.now = Math.max(state.now, entry.at);
    runTimelineEntry(state, entry.entry.action, entry.entry.target);
    deferredProbeWorkFunc(state);
  }
}

function runTimelineEntry(state: EngineState, action: Scenario['timeline'][number]['action'], target: string): void {
  if (action === 'modprobe') {
    emit(state, { kind: 'timeline', action, target });
    const d = state.driverByName.get(target) as number;
    if (!state.knobs.modules || state.drivers[d].build !== 'module') {
      emit(state, { kind: 'timeline-noop', node: target, action, why: 'modules-off' });
    } else if (state.registeredAt[d] >= 0) {
      emit(state, { kind: 'timeline-noop', node: target, action, why: 'already-loaded' });
    } else {
      driverRegister(state, d, 'modprobe');
    }
    return;
  }
  const dev = state.devs[state.byLabel.get(target) as number];
  emit(state, { kind: 'timeline', action, target });
  const noop = (why: Extract<EventBody, { kind: 'timeline-noop' }>['why']) => emit(state, { kind: 'timeline-noop', node: target, action, why });
  switch (action) {
    case 'add':
      if (dev.created) noop('already-created');
      else if (dev.spec.status !== 'okay') noop('disabled');
      else deviceAdd(state, dev);
      return;
    case 'remove':
      if (!dev.created) noop('not-created');
      else deviceUnregister(state, dev);
      return;
    case 'unbind':
      if (dev.driver < 0) noop('not-bound');
      else deviceReleaseDriver(state, dev, null);
      return;
    case 'bind':
      if (!dev.created) noop('not-created');
      else if (dev.driver >= 0) noop('already-bound');
      else deviceAttach(state, dev, 'bind');
      return;
    default: {
      const never: never = action;
      throw new Error(`probe-run bug: unknown timeline action ${String(never)}`);
    }
  }
}

/** K9.3 deferred_probe_timeout_work_func: drivers-done, the timeout counts as expired, trigger, process, report what is still pending. */
function deferredProbeTimeoutWorkFunc(state: EngineState): void {
  state.timeoutAt = -1;
  state.timeoutExpired = true;
  state.phase++;
  emit(state, { kind: 'timeout-expired' });
  fwDevlinkDriversDone(state);
  driverDeferredProbeTrigger(state);
  deferredProbeWorkFunc(state);
  // K9.3: "deferred probe pending", in the form of the profile's kernel (K4.4).
  const level = state.knobs.pending_message;
  for (const i of listMembers(state.pending, state.devs)) {
    const dev = state.devs[i];
    emit(state, { kind: 'deferred-pending', node: dev.spec.label, cause: level === 'bare' ? null : dev.lastCause, level });
  }
}

/** K8.5: fw_devlink_drivers_done: device links whose supplier never matched a driver stop blocking. */
function fwDevlinkDriversDone(state: EngineState): void {
  emit(state, { kind: 'drivers-done' });
  state.driversDone = true;
  for (const supplier of state.devs) {
    if (supplier.created && !supplier.canMatch && !isUp(supplier)) fwDevlinkUnblockConsumers(state, supplier, 'drivers-done');
  }
  state.phase++;
}
