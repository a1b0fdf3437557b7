/** Probing: driver registration, device add, __device_attach, really_probe with its memo, the trigger and the deferred work (K2, K3, K4). */
import type { ProbeVia } from '../model/events.js';
import { configureDma } from './configure-dma.js';
import { popHead, pushTail, spliceAll, unlink } from './deferred-lists.js';
import { evaluateProbe, type Evaluation } from './probe-steps.js';
import { emit, ListId, providerKinds, type Dev, type EngineState } from './state.js';

const MICROS = 1_000_000;

/** Thrown inside the engine when the step bound is reached; caught in runEngine. */
export class StepBoundReached {
  constructor(readonly device: number) {}
}

/** K1.1, K10.1: driver_register → driver_attach over the devices on the bus; K9.2 extends the timeout. */
export function registerDriver(state: EngineState, d: number, via: 'initcall' | 'modprobe'): void {
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
export function addDevice(state: EngineState, dev: Dev): void {
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

/** K2.1, K2.4: __device_attach: candidates by compatible rank, then registration order. */
export function deviceAttach(state: EngineState, dev: Dev, via: ProbeVia): void {
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
export function trigger(state: EngineState): void {
  if (!state.deferredEnabled) {
    if (state.pending.size > 0) emit(state, { kind: 'trigger', moved: state.pending.size, enabled: false });
    return;
  }
  const moved = spliceAll(state.pending, state.active, state.devs);
  if (moved > 0) emit(state, { kind: 'trigger', moved, enabled: true });
  state.workQueued = true;
}

/** K1.5, K4.1: the deferred work runs after the operation that queued it, until active is empty. */
export function runQueuedWork(state: EngineState): void {
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
