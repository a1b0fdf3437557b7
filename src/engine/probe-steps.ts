/** One really_probe() attempt, step by step (K3), without touching the state: the caller commits. */
import { ENODEV, ENXIO, EPROBE_DEFER } from '../model/errno.js';
import type { Cause, DmaDecision, EventBody, ProbeResult } from '../model/events.js';
import { checkState } from './check-state.js';
import { configureDma } from './configure-dma.js';
import { linkBlocks } from './links.js';
import { isUp, type Dev, type EngineState } from './state.js';

/** The outcome of evaluating one attempt. */
export interface Evaluation {
  result: ProbeResult;
  /** The attempt ended in the core's own steps (K3.1, pinctrl, K3.2): no other driver is tried (K2.4). */
  core: boolean;
  /** Events printed before the result (warnings, DMA decision, power-on failure). */
  before: readonly EventBody[];
  /** Nodes whose state the attempt read, for memoisation. */
  deps: number[];
  /** The attempt took an injected probe() result, so replaying it would be wrong. */
  consumedFault: boolean;
  dma: DmaDecision | null;
}

/** Shared by every attempt that printed nothing before its result. */
const NOTHING_BEFORE: readonly EventBody[] = Object.freeze([]);

const NO_FAULTS: readonly number[] = Object.freeze([]);

/** K3.6: -EPROBE_DEFER defers, -ENODEV/-ENXIO reject the match, anything else fails. */
export function resultOf(error: number, cause: Cause): ProbeResult {
  if (error === 0) return { type: 'bound' };
  if (error === EPROBE_DEFER) return { type: 'defer', cause };
  if (error === ENODEV || error === ENXIO) return { type: 'rejected', error, cause };
  return { type: 'failed', error, cause };
}

function evaluation(result: ProbeResult, core: boolean, before: readonly EventBody[], deps: number[], consumedFault: boolean, dma: DmaDecision | null): Evaluation {
  return { result, core, before, deps, consumedFault, dma };
}

/** Runs the steps of K3.1–K3.4 for `dev` with driver `driver` and reports where it ended. */
export function evaluateProbe(state: EngineState, dev: Dev): Evaluation {
  const { devs, knobs } = state;
  const deps: number[] = [];
  const before: EventBody[] = [];
  const end = (result: ProbeResult, core: boolean, consumedFault = false, dma: DmaDecision | null = null): Evaluation =>
    evaluation(result, core, before.length === 0 ? NOTHING_BEFORE : before, deps, consumedFault, dma);

  // K3.1: device_links_check_suppliers.
  for (const link of dev.supplierLinks) {
    if (!linkBlocks(state, link)) continue;
    const supplier = devs[link.supplier];
    deps.push(supplier.index);
    if (!isUp(supplier)) return end(link.deferral, true);
  }

  // K7.3: pinctrl_bind_pins.
  for (const target of dev.pinctrl) {
    const pinctrl = devs[target];
    deps.push(pinctrl.index);
    if (pinctrl.providers) continue;
    const cause: Cause = { kind: 'pinctrl', provider: pinctrl.spec.label };
    if (!knobs.check_state) return end({ type: 'defer', cause }, true);
    const answer = checkState(state);
    if (answer.warning === null) return end({ type: 'defer', cause }, true);
    before.push({ kind: 'warn', node: dev.spec.label, message: `${answer.warning} (pinctrl ${pinctrl.spec.label}), no pin setup`, rule: 'K7.3' });
  }

  // K3.2: DMA configuration.
  let dma: DmaDecision | null = null;
  if (knobs.dma_configure === 'probe') {
    const outcome = configureDma(state, dev, 'probe', deps, before);
    if (outcome.type === 'defer') return end({ type: 'defer', cause: outcome.cause }, true);
    if (outcome.type === 'error') return end(resultOf(outcome.error, outcome.cause), true);
    dma = outcome.decision;
    if (dev.iommus.length > 0) before.push({ kind: 'dma', node: dev.spec.label, decision: dma });
  }

  // K3.3: power domain attach (genpd).
  for (const target of dev.domains) {
    const domain = devs[target];
    const label = domain.spec.label;
    deps.push(domain.index);
    if (domain.providers) {
      // K6.1: the domain powers on; an injected failure fails the probe.
      const error = domain.fault?.powerOn ?? null;
      if (error === null) continue;
      before.push({ kind: 'power-on', node: dev.spec.label, domain: label, error });
      return end(resultOf(error, { kind: 'power-on', domain: label, error }), false);
    }
    const cause: Cause = { kind: 'power-domain-absent', domain: label };
    if (!knobs.check_state) return end({ type: 'defer', cause }, false);
    const answer = checkState(state);
    if (answer.warning === null) return end({ type: 'defer', cause }, false);
    before.push({ kind: 'warn', node: dev.spec.label, message: `${answer.warning} (power domain ${label})`, rule: 'K6.2' });
    return end(resultOf(answer.error, cause), false);
  }

  // K3.4: the driver's probe(): clocks and plain suppliers, vendor checks, injected results.
  for (const i of dev.plain) {
    const provider = devs[dev.refTargets[i]];
    deps.push(provider.index);
    if (!provider.providers) return end({ type: 'defer', cause: { kind: 'provider', reference: dev.spec.references[i].kind, provider: provider.spec.label } }, false);
  }
  for (const target of dev.waitsFor) {
    deps.push(target);
    if (!isUp(devs[target])) return end({ type: 'defer', cause: { kind: 'waits-for', node: devs[target].spec.label } }, false);
  }
  const injected = dev.fault?.probe ?? NO_FAULTS;
  if (dev.faultCursor < injected.length) {
    const error = injected[dev.faultCursor];
    if (error !== 0) return end(resultOf(error, { kind: 'injected', error }), false, true);
    return end({ type: 'bound' }, false, true, dma);
  }
  return end({ type: 'bound' }, false, false, dma);
}
