/** The driver core replayed: boot, deferred probing, the timeout and the timeline (SPEC section 2). */
import type { EventBody, ProbeVia, RunResult } from '../model/events.js';
import { resolveKnobs, type Knobs } from '../model/knobs.js';
import { INITCALL_LEVELS, type ProfileName, type Scenario } from '../model/scenario.js';
import { configureDma } from './configure-dma.js';
import { createList, listMembers, popHead, pushTail, spliceAll, unlink } from './deferred-lists.js';
import { breakCycles, buildLinks, linkBlocks } from './links.js';
import { buildOutcome, checkExpectations } from './outcome.js';
import { evaluateProbe, type Evaluation } from './probe-steps.js';
import { seededShuffle, shuffleRecord, visitOrder, type Shuffle } from './shuffle.js';
import { emit, isUp, ListId, providerKinds, type Dev, type EngineState, type Link } from './state.js';

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

export const DEFAULT_STEP_BOUND = 1_000_000;
/** Shared empty lists: most nodes have no links or masters, and 100,000 empty arrays cost GC time. */
const NO_LINKS: Link[] = [];
const NO_MASTERS: number[] = [];
const NO_INDICES: number[] = [];
const MICROS = 1_000_000;

/** Thrown inside the engine when the step bound is reached; caught in runEngine. */
class StepBoundReached {
  constructor(readonly device: number) {}
}

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
  }
  const devices = buildOutcome(state);
  return {
    knobs,
    result: { events: state.events, devices, expectFailures: checkExpectations(scenario, devices), attempts: state.attempts, livelock, stepBound: state.stepBound },
  };
}

function createState(scenario: Scenario, knobs: Knobs, options: EngineOptions, shuffle: Shuffle | null): EngineState {
  const byLabel = new Map(scenario.nodes.map((node, i) => [node.label, i]));
  const driverByName = new Map(scenario.drivers.map((driver, i) => [driver.name, i]));
  const driversByCompatible = new Map<string, number[]>();
  // Indexed in any order: deviceAttach sorts candidates by rank and registration (K2.1, K2.4).
  for (const d of visitOrder(scenario.drivers.length, shuffle)) {
    const driver = scenario.drivers[d];
    if (driver.build === 'absent') continue;
    for (const compatible of new Set(driver.compatible)) {
      const list = driversByCompatible.get(compatible);
      if (list === undefined) driversByCompatible.set(compatible, [d]);
      else list.push(d);
    }
  }
  const driverDevices: number[][] = scenario.drivers.map(() => []);
  const driverSeenBy = new Int32Array(scenario.drivers.length).fill(-1);
  const matchesOf: Dev['matches'][] = [];
  const earlyDriverOf = new Int32Array(scenario.nodes.length).fill(-1);
  // Nodes in any order: registerDriver sorts driverDevices by bus position.
  for (const index of visitOrder(scenario.nodes.length, shuffle)) {
    // K2.1: a driver's rank is the position of the first device compatible it lists.
    const matches: Dev['matches'] = [];
    let earlyDriver = -1;
    scenario.nodes[index].compatible.forEach((compatible, rank) => {
      for (const d of driversByCompatible.get(compatible) ?? []) {
        if (driverSeenBy[d] === index) continue;
        driverSeenBy[d] = index;
        const driver = scenario.drivers[d];
        if (!driver.early) {
          matches.push({ driver: d, rank });
          driverDevices[d].push(index);
        } else if (driver.build === 'builtin' && (earlyDriver < 0 || d < earlyDriver)) {
          earlyDriver = d;
        }
      }
    });
    matchesOf[index] = matches;
    earlyDriverOf[index] = earlyDriver;
  }
  const devs: Dev[] = scenario.nodes.map((spec, index) => {
    const matches = matchesOf[index];
    const earlyDriver = earlyDriverOf[index];
    const refTargets = spec.references.map((ref) => byLabel.get(ref.label) as number);
    let pinctrl = NO_INDICES;
    let iommus = NO_INDICES;
    let domains = NO_INDICES;
    let plain = NO_INDICES;
    spec.references.forEach((ref, i) => {
      const target = refTargets[i];
      if (ref.kind === 'pinctrl') pinctrl = [...pinctrl, target];
      else if (ref.kind === 'iommus') iommus = [...iommus, target];
      else if (ref.kind === 'power-domains') domains = [...domains, target];
      else plain = [...plain, i];
    });
    return {
      index,
      spec,
      refTargets,
      pinctrl,
      iommus,
      domains,
      plain,
      fault: Object.hasOwn(scenario.faults, spec.label) ? scenario.faults[spec.label] : null,
      waitsFor: spec.probeWaitsFor.map((label) => byLabel.get(label) as number),
      parent: spec.parent === null ? -1 : (byLabel.get(spec.parent) as number),
      children: spec.children.map((label) => byLabel.get(label) as number),
      matches,
      earlyDriver: spec.status === 'okay' ? earlyDriver : -1,
      supplierLinks: NO_LINKS,
      consumerLinks: NO_LINKS,
      masters: NO_MASTERS,
      created: false,
      busPosition: -1,
      driver: -1,
      providers: false,
      attempts: 0,
      boundSeq: null,
      boundTime: null,
      last: 'none',
      lastError: 0,
      lastCause: null,
      dma: null,
      canMatch: false,
      faultCursor: 0,
      version: 0,
      list: ListId.None,
      prev: -1,
      next: -1,
      memo: null,
    };
  });
  for (const dev of devs) {
    for (const target of dev.iommus) {
      const iommu = devs[target];
      if (iommu.masters === NO_MASTERS) iommu.masters = [];
      if (iommu.masters[iommu.masters.length - 1] !== dev.index) iommu.masters.push(dev.index);
    }
  }
  const state: EngineState = {
    scenario,
    knobs,
    policy: scenario.policy,
    devs,
    byLabel,
    drivers: scenario.drivers,
    driverByName,
    registeredAt: scenario.drivers.map(() => -1),
    registrations: 0,
    driverDevices,
    busAdds: 0,
    pending: createList(ListId.Pending),
    active: createList(ListId.Active),
    now: 0,
    events: [],
    attempts: 0,
    stepBound: options.stepBound ?? scenario.stepBound ?? DEFAULT_STEP_BOUND,
    memoise: options.memoise ?? true,
    usersOf: null,
    shuffle,
    deferredEnabled: false,
    initcallsDone: false,
    systemRunning: false,
    timeoutExpired: false,
    timeoutAt: -1,
    workQueued: false,
    phase: 0,
  };
  buildLinks(state);
  return state;
}

/** K1: early providers, initcall levels with populate at arch_initcall_sync, deferred_probe_initcall. */
function boot(state: EngineState): void {
  // K1.3: OF_DECLARE providers register at time 0, before any initcall, and get no device.
  for (const dev of state.devs) {
    if (dev.earlyDriver < 0) continue;
    dev.providers = true;
    dev.version++;
    emit(state, { kind: 'early-provider', node: dev.spec.label, driver: state.drivers[dev.earlyDriver].name, providers: providerKinds(dev.spec) });
  }
  for (const level of INITCALL_LEVELS) {
    const drivers = state.drivers.flatMap((driver, d) => (driver.initcall === level && driver.build === 'builtin' && !driver.early ? [d] : []));
    if (drivers.length > 0) emit(state, { kind: 'initcall', level });
    for (const d of drivers) {
      registerDriver(state, d, 'initcall');
      runQueuedWork(state);
    }
    if (level === 'arch') {
      populate(state);
      runQueuedWork(state);
    }
  }
  deferredProbeInitcall(state);
}

/** K1.2: of_platform_default_populate_init adds the top-level devices in source order. */
function populate(state: EngineState): void {
  emit(state, { kind: 'populate' });
  for (const cycle of breakCycles(state)) emit(state, { kind: 'devlink-cycle', nodes: cycle.map((i) => state.devs[i].spec.label) });
  for (const dev of state.devs) {
    if (dev.parent < 0 && !dev.spec.hotplug) addDevice(state, dev);
  }
}

/** K4.3: two passes over the deferred lists, initcalls_done between them, then the timeout is armed. */
function deferredProbeInitcall(state: EngineState): void {
  emit(state, { kind: 'deferred-initcall', pass: 1 });
  state.deferredEnabled = true;
  trigger(state);
  runQueuedWork(state);
  state.initcallsDone = true;
  state.phase++;
  emit(state, { kind: 'initcalls-done' });
  if (!state.knobs.modules) driversDone(state);
  emit(state, { kind: 'deferred-initcall', pass: 2 });
  trigger(state);
  runQueuedWork(state);
  if (state.knobs.deferred_probe_timeout > 0) {
    state.timeoutAt = state.now + state.knobs.deferred_probe_timeout * MICROS;
    emit(state, { kind: 'timeout-armed', expires: state.timeoutAt });
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
    if (state.timeoutAt >= 0 && (entry === null || state.timeoutAt <= entry.at)) {
      state.now = Math.max(state.now, state.timeoutAt);
      timeoutExpired(state);
      continue;
    }
    if (entry === null) break;
    next++;
    state.now = Math.max(state.now, entry.at);
    runTimelineEntry(state, entry.entry.action, entry.entry.target);
    runQueuedWork(state);
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
      registerDriver(state, d, 'modprobe');
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
      else addDevice(state, dev);
      return;
    case 'remove':
      if (!dev.created) noop('not-created');
      else removeDevice(state, dev);
      return;
    case 'unbind':
      if (dev.driver < 0) noop('not-bound');
      else unbindDevice(state, dev, null);
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

/** K9.3: drivers-done, the timeout counts as expired, trigger, process, report what is still pending. */
function timeoutExpired(state: EngineState): void {
  state.timeoutAt = -1;
  state.timeoutExpired = true;
  state.phase++;
  emit(state, { kind: 'timeout-expired' });
  driversDone(state);
  trigger(state);
  runQueuedWork(state);
  for (const i of listMembers(state.pending, state.devs)) {
    const dev = state.devs[i];
    if (dev.lastCause !== null) emit(state, { kind: 'deferred-pending', node: dev.spec.label, cause: dev.lastCause });
  }
}

/** K8.5: links whose supplier never matched a driver stop blocking. */
function driversDone(state: EngineState): void {
  emit(state, { kind: 'drivers-done' });
  for (const dev of state.devs) {
    for (const link of dev.supplierLinks) {
      const supplier = state.devs[link.supplier];
      if (!linkBlocks(state, link) || supplier.canMatch || isUp(supplier)) continue;
      link.relaxed = true;
      emit(state, { kind: 'link-relaxed', node: dev.spec.label, supplier: supplier.spec.label });
    }
  }
  state.phase++;
}

/** K1.1, K10.1: driver_register → driver_attach over the devices on the bus; K9.2 extends the timeout. */
function registerDriver(state: EngineState, d: number, via: 'initcall' | 'modprobe'): void {
  state.registeredAt[d] = state.registrations++;
  emit(state, { kind: 'driver-register', driver: state.drivers[d].name, via });
  if (state.timeoutAt >= 0) {
    state.timeoutAt = state.now + state.knobs.deferred_probe_timeout * MICROS;
    emit(state, { kind: 'timeout-extended', expires: state.timeoutAt, driver: state.drivers[d].name });
  }
  // driver_attach walks the bus in the order devices were added; devices added meanwhile attach themselves.
  const devices = state.driverDevices[d].filter((i) => state.devs[i].created).sort((a, b) => state.devs[a].busPosition - state.devs[b].busPosition);
  for (const i of devices) {
    const dev = state.devs[i];
    if (dev.created && dev.driver < 0) attempt(state, dev, d, 'register');
  }
}

/** K2.3: device_add; v3.19 configures DMA here (K5.7); a registered matching driver probes it. */
function addDevice(state: EngineState, dev: Dev): void {
  if (dev.spec.status !== 'okay' || dev.earlyDriver >= 0) return;
  dev.created = true;
  dev.version++;
  dev.busPosition = state.busAdds++;
  emit(state, { kind: 'device-add', node: dev.spec.label });
  if (state.knobs.dma_configure === 'add') {
    const outcome = configureDma(state, dev, 'add', [], []);
    if (outcome.type === 'configured') {
      dev.dma = outcome.decision;
      if (dev.iommus.length > 0) emit(state, { kind: 'dma', node: dev.spec.label, decision: outcome.decision });
    }
  }
  deviceAttach(state, dev, 'add');
}

/** K10.2: remove: unbind (consumers first), then delete the device. */
function removeDevice(state: EngineState, dev: Dev): void {
  if (dev.driver >= 0) unbindDevice(state, dev, null, true);
  else deleteDevice(state, dev);
}

function deleteDevice(state: EngineState, dev: Dev): void {
  takeOffList(state, dev);
  dev.created = false;
  dev.dma = null;
  dev.version++;
  emit(state, { kind: 'device-delete', node: dev.spec.label });
}

/** A device being unbound on unbindDevice's explicit stack. */
interface UnbindFrame {
  dev: Dev;
  consumerOf: Dev | null;
  /** Delete the device once it is unbound (removeDevice). */
  remove: boolean;
  phase: 'consumers' | 'children';
  /** The next consumer link, counting up; then the next child, counting down. */
  next: number;
}

/**
 * K10.3: unbinding a supplier first unbinds its consumers with a managed link (which go back to
 * waiting for it), then deletes its children, then the device itself loses its driver and providers.
 * Depth first on an explicit stack, not by recursion: a chain of consumers can be as long as the scenario.
 */
function unbindDevice(state: EngineState, dev: Dev, consumerOf: Dev | null, remove = false): void {
  const stack: UnbindFrame[] = [];
  const busy = new Set<number>();
  const enter = (next: Dev, of: Dev | null, del: boolean) => {
    stack.push({ dev: next, consumerOf: of, remove: del, phase: 'consumers', next: 0 });
    busy.add(next.index);
  };
  enter(dev, consumerOf, remove);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const current = frame.dev;
    if (frame.phase === 'consumers') {
      if (frame.next < current.consumerLinks.length) {
        const link = current.consumerLinks[frame.next++];
        const consumer = state.devs[link.consumer];
        if (consumer.driver >= 0 && linkBlocks(state, link) && !busy.has(consumer.index)) enter(consumer, current, false);
        continue;
      }
      warnUnmanagedUsers(state, current);
      frame.phase = 'children';
      frame.next = current.children.length;
    }
    let entered = false;
    while (frame.next > 0 && !entered) {
      const child = state.devs[current.children[--frame.next]];
      if (!child.created) continue;
      if (child.driver >= 0 && !busy.has(child.index)) {
        enter(child, null, true);
        entered = true;
      } else {
        deleteDevice(state, child);
      }
    }
    if (entered) continue;
    stack.pop();
    busy.delete(current.index);
    finishUnbind(state, current, frame.consumerOf);
    if (frame.remove) deleteDevice(state, current);
  }
}

/** K10.3: bound devices that use `dev` without a managed link are warned, in source order. */
function warnUnmanagedUsers(state: EngineState, dev: Dev): void {
  state.usersOf ??= buildUsers(state.devs);
  for (const i of state.usersOf[dev.index] ?? []) {
    const other = state.devs[i];
    if (other.driver < 0 || other === dev) continue;
    if (!other.supplierLinks.some((link) => link.supplier === dev.index && linkBlocks(state, link))) {
      emit(state, { kind: 'warn', node: other.spec.label, message: `still bound and using ${dev.spec.label}, which is going away (no managed device link)`, rule: 'K10.3' });
    }
  }
}

/** For each node, the devices whose references or probe-waits-for name it, ascending and once each. */
function buildUsers(devs: Dev[]): (number[] | undefined)[] {
  const users: (number[] | undefined)[] = new Array(devs.length);
  for (const other of devs) {
    for (const targets of [other.refTargets, other.waitsFor]) {
      for (const t of targets) {
        const list = (users[t] ??= []);
        if (list[list.length - 1] !== other.index) list.push(other.index);
      }
    }
  }
  return users;
}

/** The device itself loses its driver and providers; a consumer goes back to waiting for its supplier. */
function finishUnbind(state: EngineState, dev: Dev, consumerOf: Dev | null): void {
  const label = dev.spec.label;
  const driver = state.drivers[dev.driver].name;
  dev.driver = -1;
  dev.providers = false;
  dev.dma = null;
  dev.version++;
  dev.memo = null;
  emit(state, { kind: 'unbind', node: label, driver, consumerOf: consumerOf?.spec.label ?? null });
  if (providerKinds(dev.spec).length > 0) emit(state, { kind: 'providers', node: label, providers: providerKinds(dev.spec), registered: false });
  if (consumerOf !== null) {
    // DL_FLAG_AUTOPROBE_CONSUMER: the consumer waits on the deferred list for its supplier.
    dev.last = 'defer';
    dev.lastCause = { kind: 'supplier', supplier: consumerOf.spec.label };
    if (dev.list === ListId.None) pushTail(state.pending, state.devs, dev.index);
  } else {
    dev.last = 'unbound';
    dev.lastCause = null;
  }
}

/** K2.1, K2.4: __device_attach: candidates by compatible rank, then registration order. */
function deviceAttach(state: EngineState, dev: Dev, via: ProbeVia): void {
  if (dev.driver >= 0 || !dev.created) return;
  if (dev.matches.length === 1) {
    // The common case, kept free of allocations: it runs once per retry.
    if (state.registeredAt[dev.matches[0].driver] >= 0) attempt(state, dev, dev.matches[0].driver, via);
    return;
  }
  const candidates = dev.matches
    .filter((m) => state.registeredAt[m.driver] >= 0);
  if (state.shuffle !== null) state.shuffle(candidates);
  candidates.sort((a, b) => a.rank - b.rank || state.registeredAt[a.driver] - state.registeredAt[b.driver]);
  for (const candidate of candidates) {
    const evaluation = attempt(state, dev, candidate.driver, via);
    if (evaluation.result.type === 'bound' || evaluation.core) return;
  }
}

/** One really_probe() (K3): evaluate (or replay an unchanged deferral), then commit the outcome. */
function attempt(state: EngineState, dev: Dev, d: number, via: ProbeVia): Evaluation {
  if (state.attempts >= state.stepBound) throw new StepBoundReached(dev.index);
  state.attempts++;
  dev.attempts++;
  dev.canMatch = true;
  const evaluation = replayMemo(state, dev, d) ?? evaluateProbe(state, dev);
  if (evaluation.consumedFault) dev.faultCursor++;
  for (const body of evaluation.before) emit(state, body);
  const { result } = evaluation;
  const label = dev.spec.label;
  const driver = state.drivers[d].name;
  switch (result.type) {
    case 'bound': {
      const wasListed = dev.list !== ListId.None;
      takeOffList(state, dev);
      dev.driver = d;
      dev.last = 'bound';
      dev.lastCause = null;
      dev.memo = null;
      dev.version++;
      if (evaluation.dma !== null) dev.dma = evaluation.dma;
      dev.boundSeq = emit(state, { kind: 'probe', node: label, driver, via, result, listed: wasListed ? 'already-listed' : null });
      dev.boundTime = state.now;
      bound(state, dev);
      break;
    }
    case 'defer': {
      if (dev.last !== 'defer') dev.version++;
      dev.last = 'defer';
      dev.lastCause = result.cause;
      const listed = dev.list === ListId.None ? 'pending' : 'already-listed';
      if (dev.list === ListId.None) pushTail(state.pending, state.devs, dev.index);
      const memo = dev.memo;
      if (memo !== null && memo.evaluation === evaluation) {
        // A replayed deferral: the same event body as last time when it was started the same way.
        if (memo.body.via !== via || memo.body.listed !== listed) memo.body = { kind: 'probe', node: label, driver, via, result, listed };
        emit(state, memo.body);
        break;
      }
      const body = { kind: 'probe', node: label, driver, via, result, listed } as const;
      emit(state, body);
      dev.memo =
        state.memoise && !evaluation.consumedFault
          ? { driver: d, phase: state.phase, deps: evaluation.deps, versions: evaluation.deps.map((i) => state.devs[i].version), evaluation, body }
          : null;
      break;
    }
    case 'rejected':
    case 'failed': {
      takeOffList(state, dev);
      // really_probe's cleanup tears down the DMA setup, a replayed one (K5.8) included.
      dev.dma = state.knobs.dma_configure === 'probe' ? null : dev.dma;
      dev.last = result.type;
      dev.lastError = result.error;
      dev.lastCause = result.cause;
      dev.memo = null;
      dev.version++;
      emit(state, { kind: 'probe', node: label, driver, via, result, listed: null });
      break;
    }
    default: {
      const never: never = result;
      throw new Error(`probe-run bug: unknown probe result ${JSON.stringify(never)}`);
    }
  }
  return evaluation;
}

/** The remembered deferral of `dev`, if the same driver would meet exactly the same state again. */
function replayMemo(state: EngineState, dev: Dev, d: number): Evaluation | null {
  const memo = dev.memo;
  if (memo === null || memo.driver !== d || memo.phase !== state.phase) return null;
  for (let i = 0; i < memo.deps.length; i++) if (state.devs[memo.deps[i]].version !== memo.versions[i]) return null;
  return memo.evaluation;
}

/** K3.5: providers register (K5.8 replay for an IOMMU), children are added, the trigger fires. */
function bound(state: EngineState, dev: Dev): void {
  const kinds = providerKinds(dev.spec);
  if (kinds.length > 0) {
    dev.providers = true;
    emit(state, { kind: 'providers', node: dev.spec.label, providers: kinds, registered: true });
    if (kinds.includes('iommu') && state.knobs.iommu_replay) replayIommu(state, dev);
  }
  for (const child of dev.children) addDevice(state, state.devs[child]);
  trigger(state);
}

/** K5.8: unbound devices behind a newly registered IOMMU get their DMA configuration at once. */
function replayIommu(state: EngineState, iommu: Dev): void {
  for (const i of iommu.masters) {
    const dev = state.devs[i];
    if (dev.driver >= 0 || !dev.created) continue;
    const outcome = configureDma(state, dev, 'replay', [], []);
    if (outcome.type !== 'configured') continue;
    dev.dma = outcome.decision;
    emit(state, { kind: 'iommu-replay', node: dev.spec.label, decision: outcome.decision });
  }
}

/** K4.2: driver_deferred_probe_trigger: pending moves to the tail of active, work is queued. */
function trigger(state: EngineState): void {
  if (!state.deferredEnabled) {
    if (state.pending.size > 0) emit(state, { kind: 'trigger', moved: state.pending.size, enabled: false });
    return;
  }
  const moved = spliceAll(state.pending, state.active, state.devs);
  if (moved > 0) emit(state, { kind: 'trigger', moved, enabled: true });
  state.workQueued = true;
}

/** K1.5, K4.1: the deferred work runs after the operation that queued it, until active is empty. */
function runQueuedWork(state: EngineState): void {
  while (state.workQueued) {
    state.workQueued = false;
    for (let i = popHead(state.active, state.devs); i >= 0; i = popHead(state.active, state.devs)) {
      deviceAttach(state, state.devs[i], 'deferred');
    }
  }
}

function takeOffList(state: EngineState, dev: Dev): void {
  if (dev.list === ListId.Pending) unlink(state.pending, state.devs, dev.index);
  else if (dev.list === ListId.Active) unlink(state.active, state.devs, dev.index);
}
