/** Probing: driver registration, device add, __device_attach, really_probe with its memo, the trigger and the deferred work (K2, K3, K4). */
import type { ProbeVia } from '../model/events.js';
import { ofDmaConfigure } from './configure-dma.js';
import { popHead, pushTail, spliceAll, unlink } from './deferred-lists.js';
import { findNewCycle, linkManaged, linkBlocks } from './links.js';
import type { Evaluation } from './evaluation.js';
import { evaluateProbe } from './probe-steps.js';
import { emit, ListId, providerKinds, type Dev, type EngineState } from './state.js';

const MICROS = 1_000_000;

/** Thrown inside the engine when the step bound is reached; caught in runEngine. */
export class StepBoundReached {
  constructor(readonly device: number) {}
}

/** K1.1, K10.1: driver_register → driver_attach over the devices on the bus; K9.2 extends the timeout. */
export function driverRegister(state: EngineState, d: number, via: 'initcall' | 'modprobe'): void {
  state.registeredAt[d] = state.registrations++;
  emit(state, { kind: 'driver-register', driver: state.drivers[d].name, via });
  if (state.timeoutAt >= 0) {
    state.timeoutAt = state.now + state.knobs.deferred_probe_timeout * MICROS;
    state.timeoutPushedByTimeline = state.systemRunning;
    emit(state, { kind: 'timeout-extended', expires: state.timeoutAt, driver: state.drivers[d].name });
  }
  // driver_attach walks the bus in the order devices were added; devices added meanwhile attach themselves.
  const devices = state.driverDevices[d].filter((i) => state.devs[i].created).sort((a, b) => state.devs[a].busPosition - state.devs[b].busPosition);
  for (const i of devices) {
    const dev = state.devs[i];
    if (dev.created && dev.driver < 0) reallyProbe(state, dev, d, 'register');
  }
}

/**
 * K2.3: device_add: fw_devlink turns the firmware links to this node into device links and finds
 * the cycles they close (K8.4); v3.19 configures DMA here (K5.7); a registered matching driver
 * probes it; after drivers-done a device no driver matched unblocks its consumers (K8.5).
 */
export function deviceAdd(state: EngineState, dev: Dev): void {
  if (dev.spec.status !== 'okay' || (dev.earlyDriver >= 0 && !state.knobs.early_node_device)) return;
  dev.created = true;
  dev.version++;
  dev.busPosition = state.busAdds++;
  emit(state, { kind: 'device-add', node: dev.spec.label });
  for (const link of dev.consumerLinks) if (!link.pinConfig) link.device = true;
  const cycle = findNewCycle(state, dev, state.cycleComponents);
  if (cycle !== null) emit(state, { kind: 'devlink-cycle', nodes: cycle.map((i) => state.devs[i].spec.label) });
  if (state.knobs.dma_configure === 'add') {
    const outcome = ofDmaConfigure(state, dev, 'add', [], []);
    if (outcome.type === 'configured') {
      dev.dma = outcome.decision;
      if (dev.iommus.length > 0) emit(state, { kind: 'dma', node: dev.spec.label, decision: outcome.decision });
    }
  }
  deviceAttach(state, dev, 'add');
  // K8.5: fw_devlink_unblock_consumers; no retry is queued, the consumers wait for the next trigger.
  if (state.driversDone && dev.created && !dev.canMatch) fwDevlinkUnblockConsumers(state, dev, 'no-driver-added');
}

/** K8.5 fw_devlink_unblock_consumers (a driverless device added after drivers-done) and fw_devlink_relax_link (drivers-done): the blocking device links to `supplier` stop blocking. */
export function fwDevlinkUnblockConsumers(state: EngineState, supplier: Dev, why: 'drivers-done' | 'no-driver-added'): void {
  for (const link of supplier.consumerLinks) {
    if (!linkBlocks(state, link) || !link.device || link.pinConfig) continue;
    link.relaxed = true;
    const consumer = state.devs[link.consumer];
    consumer.version++;
    emit(state, { kind: 'link-relaxed', node: consumer.spec.label, supplier: supplier.spec.label, why });
  }
}

/**
 * K2.1, K2.4: __device_attach: the matching drivers in registration order. v6.x stops at the first
 * attempt that ended in the core's own steps; v3.19 and v4.12 go on after any failure.
 */
export function deviceAttach(state: EngineState, dev: Dev, via: ProbeVia): void {
  if (dev.driver >= 0 || !dev.created) return;
  if (dev.matches.length === 1) {
    // The common case, kept free of allocations: it runs once per retry.
    if (state.registeredAt[dev.matches[0]] >= 0) reallyProbe(state, dev, dev.matches[0], via);
    return;
  }
  const candidates = dev.matches.filter((d) => state.registeredAt[d] >= 0);
  if (state.shuffle !== null) state.shuffle(candidates);
  candidates.sort((a, b) => state.registeredAt[a] - state.registeredAt[b]);
  for (const candidate of candidates) {
    const evaluation = reallyProbe(state, dev, candidate, via);
    if (evaluation.result.type === 'bound' || dev.driver >= 0) return;
    if (evaluation.core && state.knobs.attach_next_driver === 'probe-only') return;
  }
}

/** K3 driver_probe_device → really_probe: evaluate (or replay an unchanged deferral), then commit the outcome (K3.6 for the lists). */
function reallyProbe(state: EngineState, dev: Dev, d: number, via: ProbeVia): Evaluation {
  if (state.attempts >= state.stepBound) throw new StepBoundReached(dev.index);
  state.attempts++;
  dev.attempts++;
  dev.canMatch = true;
  const evaluation = replayMemo(state, dev, d) ?? evaluateProbe(state, dev);
  if (evaluation.consumedFault) dev.faultCursor++;
  if (evaluation.consumedPowerOn >= 0) state.devs[evaluation.consumedPowerOn].powerOnCursor++;
  if (evaluation.sticky === 'domain-attached') dev.domainAttached = true;
  if (evaluation.sticky === 'fwspec-kept') dev.fwspecKept = true;
  for (const body of evaluation.before) emit(state, body);
  const { result } = evaluation;
  const label = dev.spec.label;
  const driver = state.drivers[d].name;
  switch (result.type) {
    case 'bound': {
      // K3.5: inside probe(): the node's providers register and its children are added and probed.
      probeSucceeds(state, dev, d);
      // driver_bound: only now is the device bound, off the deferred list, and the trigger fires.
      const wasListed = dev.list !== ListId.None;
      takeOffList(state, dev);
      dev.driver = d;
      dev.last = 'bound';
      dev.lastCause = null;
      dev.unboundBy = -1;
      dev.memo = null;
      dev.version++;
      if (evaluation.dma !== null) dev.dma = evaluation.dma;
      dev.boundSeq = emit(state, { kind: 'probe', node: label, driver, via, result, listed: wasListed ? 'already-listed' : null });
      dev.boundTime = state.now;
      driverBound(state, dev);
      break;
    }
    case 'defer': {
      if (dev.last !== 'defer') dev.version++;
      dev.last = 'defer';
      dev.lastCause = result.cause;
      // K3.6: the tail of pending unless already listed; K10.2: a sysfs bind is not queued (-EAGAIN).
      const listed = dev.list !== ListId.None ? 'already-listed' : via === 'bind' ? 'not-queued' : 'pending';
      if (listed === 'pending') pushTail(state.pending, state.devs, dev.index);
      const memo = dev.memo;
      if (memo !== null && memo.evaluation === evaluation) {
        // A replayed deferral: the same event body as last time when it was started the same way.
        if (memo.body.via !== via || memo.body.listed !== listed) memo.body = { kind: 'probe', node: label, driver, via, result, listed };
        emit(state, memo.body);
        break;
      }
      const body = { kind: 'probe', node: label, driver, via, result, listed } as const;
      emit(state, body);
      const replayable = state.memoise && !evaluation.consumedFault && evaluation.consumedPowerOn < 0 && evaluation.sticky === null;
      dev.memo = replayable ? { driver: d, phase: state.phase, deps: evaluation.deps, versions: evaluation.deps.map((i) => state.devs[i].version), evaluation, body } : null;
      break;
    }
    case 'rejected':
    case 'failed': {
      // K3.6: not put on the deferred list; a device already on it stays there (only driver_bound
      // and device_del take a device off), so the next trigger retries it.
      // really_probe's cleanup tears down the DMA setup, a replayed one (K5.8) included.
      dev.dma = state.knobs.dma_configure === 'probe' ? null : dev.dma;
      dev.last = result.type;
      dev.lastError = result.error;
      dev.lastCause = result.cause;
      dev.memo = null;
      dev.version++;
      const wording = result.type === 'failed' ? state.knobs.probe_failed_message : undefined;
      emit(state, { kind: 'probe', node: label, driver, via, result, listed: null, ...(wording === undefined ? {} : { wording }) });
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

/** K3.5: the end of a successful probe(): providers register (K5.8 replay for an IOMMU), children are added and probed. */
function probeSucceeds(state: EngineState, dev: Dev, d: number): void {
  const kinds = providerKinds(dev.spec);
  if (kinds.length > 0) {
    dev.providers = true;
    dev.providerDriver = d;
    dev.version++;
    emit(state, { kind: 'providers', node: dev.spec.label, providers: kinds, registered: true });
    if (kinds.includes('iommu') && state.knobs.iommu_replay) replayIommu(state, dev);
  }
  for (const child of dev.children) deviceAdd(state, state.devs[child]);
}

/**
 * driver_bound → device_links_driver_bound: firmware links to the device's pin configuration
 * nodes become device links (K7.3), AUTOPROBE consumers that once matched a driver and are on no
 * list go on the pending list (K10.3); then the trigger fires (K4.2).
 */
function driverBound(state: EngineState, dev: Dev): void {
  for (const link of dev.consumerLinks) {
    if (link.pinConfig) link.device = true;
    if (!linkManaged(state, link)) continue;
    const consumer = state.devs[link.consumer];
    if (!consumer.created || consumer.driver >= 0 || !consumer.canMatch || consumer.list !== ListId.None) continue;
    pushTail(state.pending, state.devs, consumer.index);
    emit(state, { kind: 'autoprobe', node: consumer.spec.label, supplier: dev.spec.label });
  }
  driverDeferredProbeTrigger(state);
}

/** K5.8: unbound devices behind a newly registered IOMMU get their DMA configuration at once. */
function replayIommu(state: EngineState, iommu: Dev): void {
  for (const i of iommu.masters) {
    const dev = state.devs[i];
    if (dev.driver >= 0 || !dev.created) continue;
    const outcome = ofDmaConfigure(state, dev, 'replay', [], []);
    if (outcome.type !== 'configured') continue;
    dev.dma = outcome.decision;
    emit(state, { kind: 'iommu-replay', node: dev.spec.label, decision: outcome.decision });
  }
}

/** K4.2: driver_deferred_probe_trigger: pending moves to the tail of active, work is queued. */
export function driverDeferredProbeTrigger(state: EngineState): void {
  if (!state.deferredEnabled) {
    if (state.pending.size > 0) emit(state, { kind: 'trigger', moved: state.pending.size, enabled: false });
    return;
  }
  const moved = spliceAll(state.pending, state.active, state.devs);
  if (moved > 0) emit(state, { kind: 'trigger', moved, enabled: true });
  state.workQueued = true;
}

/** K1.5, K4.1 deferred_probe_work_func: the deferred work runs after the operation that queued it, until active is empty. */
export function deferredProbeWorkFunc(state: EngineState): void {
  while (state.workQueued) {
    state.workQueued = false;
    for (let i = popHead(state.active, state.devs); i >= 0; i = popHead(state.active, state.devs)) {
      deviceAttach(state, state.devs[i], 'deferred');
    }
  }
}

export function takeOffList(state: EngineState, dev: Dev): void {
  if (dev.list === ListId.Pending) unlink(state.pending, state.devs, dev.index);
  else if (dev.list === ListId.Active) unlink(state.active, state.devs, dev.index);
}
