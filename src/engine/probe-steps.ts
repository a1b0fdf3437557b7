/** One really_probe() attempt, step by step (K3), without touching the state: the caller commits. */
import { ENODEV, ENOENT, ENXIO, EPROBE_DEFER } from '../model/errno.js';
import type { Cause, DmaDecision, EventBody, ProbeResult } from '../model/events.js';
import type { Evaluation } from './evaluation.js';
import { targetOf, type ReferenceKind } from '../model/supplier-kinds.js';
import { checkState } from './check-state.js';
import { configureDma } from './configure-dma.js';
import { linkBlocks } from './links.js';
import { isUp, type Dev, type EngineState } from './state.js';

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

/** The next power-on result of a power domain (K6.1): one error for ever, or a list, then success. */
export function nextPowerOn(domain: Dev): number {
  const fault = domain.fault?.powerOn ?? null;
  if (fault === null) return 0;
  if (fault.repeat) return fault.results[0];
  return domain.powerOnCursor < fault.results.length ? fault.results[domain.powerOnCursor] : 0;
}

/** Runs the steps of K3.1–K3.4 for `dev` and reports where it ended. */
export function evaluateProbe(state: EngineState, dev: Dev): Evaluation {
  const { devs, knobs } = state;
  const deps: number[] = [];
  const before: EventBody[] = [];
  let consumedPowerOn = -1;
  let sticky: Evaluation['sticky'] = null;
  const end = (result: ProbeResult, core: boolean, consumedFault = false, dma: DmaDecision | null = null): Evaluation => ({
    result,
    core,
    before: before.length === 0 ? NOTHING_BEFORE : before,
    deps,
    consumedFault,
    consumedPowerOn,
    sticky,
    dma,
  });
  const label = dev.spec.label;

  // K3.1: device_links_check_suppliers; a supplier with no device yet holds a firmware link (K8.3).
  for (const link of dev.supplierLinks) {
    if (!linkBlocks(state, link)) continue;
    const supplier = devs[link.supplier];
    deps.push(supplier.index);
    if (link.pinConfig) {
      // K7.3, K8.3: the pin configuration node becomes the controller's only when it binds.
      if (supplier.driver < 0) return end(link.device ? link.deviceDeferral : link.fwnodeDeferral, true);
    } else if (!isUp(supplier)) {
      return end(supplier.created ? link.deviceDeferral : link.fwnodeDeferral, true);
    }
  }

  // K7.3: pinctrl_bind_pins.
  for (const target of dev.pinctrl) {
    const pinctrl = devs[target];
    deps.push(pinctrl.index);
    if (pinctrl.providers) continue;
    const cause: Cause = { kind: 'pinctrl', provider: pinctrl.spec.label };
    switch (knobs.pinctrl_missing) {
      case 'defer':
        return end({ type: 'defer', cause }, true);
      case 'modules':
        // Since v6.0: -EPROBE_DEFER for ever with modules; without them -ENODEV, which pinctrl_bind_pins ignores.
        if (knobs.modules) return end({ type: 'defer', cause }, true);
        before.push({ kind: 'pinctrl-ignored', node: label, provider: pinctrl.spec.label });
        continue;
      case 'check-state': {
        const answer = checkState(state);
        if (answer.gaveUp === null) return end({ type: 'defer', cause }, true);
        before.push({ kind: 'warn', node: label, warning: { kind: 'check-state', answer: answer.gaveUp, dependency: 'pinctrl', provider: pinctrl.spec.label } });
        continue;
      }
      default: {
        const never: never = knobs.pinctrl_missing;
        throw new Error(`probe-run bug: unknown pinctrl_missing ${String(never)}`);
      }
    }
  }

  // K3.2: DMA configuration.
  let dma: DmaDecision | null = null;
  if (knobs.dma_configure === 'probe') {
    const outcome = configureDma(state, dev, 'probe', deps, before);
    if (outcome.type === 'defer') {
      if (outcome.keepsFwspec) sticky = 'fwspec-kept';
      return end({ type: 'defer', cause: outcome.cause }, true);
    }
    if (outcome.type === 'error') return end(resultOf(outcome.error, outcome.cause), true);
    dma = outcome.decision;
    if (dev.iommus.length > 0) before.push({ kind: 'dma', node: label, decision: dma });
  }

  // K3.3: the core attaches one power domain (K6.1, K6.2); with several, v6.x attaches none (K6.3).
  const several = dev.domains.length > 1;
  if (dev.domains.length > 0 && !(several && knobs.genpd_several === 'driver')) {
    const domain = devs[dev.domains[0]];
    const domainLabel = domain.spec.label;
    deps.push(domain.index);
    if (domain.providers) {
      if (dev.domainAttached) {
        // K6.1 (v4.12): still attached from the failed attempt: -EEXIST, ignored; the domain stays off.
        before.push({ kind: 'domain-already-attached', node: label, domain: domainLabel });
      } else {
        const error = nextPowerOn(domain);
        if (domain.fault?.powerOn?.repeat === false) consumedPowerOn = domain.index;
        const mode = knobs.genpd_power_on_failure;
        const outcome = error === 0 ? 'on' : mode === 'ignore' ? 'ignored' : mode === 'defer-once' ? 'defer-attached' : 'defer';
        before.push({ kind: 'power-on', node: label, domain: domainLabel, error, outcome });
        if (outcome === 'defer' || outcome === 'defer-attached') {
          if (outcome === 'defer-attached') sticky = 'domain-attached';
          return end({ type: 'defer', cause: { kind: 'power-on', domain: domainLabel, error } }, false);
        }
      }
    } else {
      const ended = missingDomain(state, dev, domain, before);
      if (ended !== null) return end(ended, false);
    }
  }

  // K3.4: the driver's probe(): several domains attached by index first (K6.3), then clocks and
  // plain suppliers, vendor checks, injected results.
  if (several && knobs.genpd_several === 'driver') {
    for (const target of dev.domains) {
      const domain = devs[target];
      deps.push(domain.index);
      if (domain.providers) {
        before.push({ kind: 'domain-attached', node: label, domain: domain.spec.label });
        continue;
      }
      const ended = missingDomain(state, dev, domain, before);
      if (ended !== null) return end(ended, false);
    }
  }
  for (const i of dev.plain) {
    const provider = devs[dev.refTargets[i]];
    deps.push(provider.index);
    const reference = dev.spec.references[i].kind;
    if (providerRegistered(provider, reference)) continue;
    if (provider.spec.status !== 'okay') {
      // K7.1: a disabled clock provider is -ENOENT on the 6.1 and 6.12 stable kernels, a deferral elsewhere.
      const cause: Cause = { kind: 'provider-disabled', reference, provider: provider.spec.label };
      if (reference === 'clocks' && knobs.clk_disabled_provider === 'enoent') return end(resultOf(ENOENT, cause), false);
      return end({ type: 'defer', cause }, false);
    }
    return end({ type: 'defer', cause: { kind: 'provider', reference, provider: provider.spec.label } }, false);
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

/**
 * K7.2: whether the provider a plain reference names has registered. A kind whose target declares
 * `<provider>-cells` registers in its provider's probe (K3.5); a kind without cells (extcon, panel,
 * nvmem-cells, …) names a device that registers itself when it binds, or an early one.
 */
function providerRegistered(provider: Dev, reference: ReferenceKind): boolean {
  const target = targetOf(reference);
  switch (target.cells) {
    case 'declared':
      return provider.providers;
    case 'none':
      return provider.providers || isUp(provider);
    default: {
      const never: never = target;
      throw new Error(`probe-run bug: unknown reference target ${String(never)}`);
    }
  }
}

/**
 * K6.2: a power domain whose provider has not registered. Returns how the attempt ends, or null
 * when it carries on without the domain (v3.19's ignored -ENOENT, K6.2).
 */
function missingDomain(state: EngineState, dev: Dev, domain: Dev, before: EventBody[]): ProbeResult | null {
  const label = domain.spec.label;
  const cause: Cause = { kind: 'power-domain-absent', domain: label };
  switch (state.knobs.genpd_missing) {
    case 'ignore':
      before.push({ kind: 'domain-ignored', node: dev.spec.label, domain: label });
      return null;
    case 'defer':
      return { type: 'defer', cause };
    case 'check-state': {
      const answer = checkState(state);
      if (answer.gaveUp === null) return { type: 'defer', cause };
      before.push({ kind: 'warn', node: dev.spec.label, warning: { kind: 'check-state', answer: answer.gaveUp, dependency: 'power-domain', provider: label } });
      return resultOf(answer.error, cause);
    }
    default: {
      const never: never = state.knobs.genpd_missing;
      throw new Error(`probe-run bug: unknown genpd_missing ${String(never)}`);
    }
  }
}
