/** One really_probe() attempt, step by step (K3), without touching the state: the caller commits. */
import { ENODEV, ENOENT, ENXIO, EPROBE_DEFER } from '../model/errno.js';
import type { Cause, DmaDecision, EventBody, ProbeResult } from '../model/events.js';
import type { Evaluation } from './evaluation.js';
import { targetOf, type ReferenceKind } from '../model/supplier-kinds.js';
import { driverDeferredProbeCheckState } from './check-state.js';
import { ofDmaConfigure } from './configure-dma.js';
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

/** What one evaluation collects on its way through the steps; the caller commits it. */
interface Scratch {
  /** Nodes the attempt read, for memoisation. */
  deps: number[];
  /** Events printed before the result. */
  before: EventBody[];
  consumedFault: boolean;
  consumedPowerOn: number;
  sticky: Evaluation['sticky'];
  dma: DmaDecision | null;
}

const BOUND: ProbeResult = Object.freeze({ type: 'bound' });

/**
 * really_probe (K3) for `dev`, step by step, each step named after the kernel function it models;
 * a step returns how the attempt ends, or null to go on. Steps of the core (K3.1, K7.3, K3.2) end
 * an attempt after which no other driver is tried (K2.4).
 */
export function evaluateProbe(state: EngineState, dev: Dev): Evaluation {
  const scratch = SCRATCH;
  scratch.deps = [];
  scratch.before = [];
  scratch.consumedFault = false;
  scratch.consumedPowerOn = -1;
  scratch.sticky = null;
  scratch.dma = null;
  const core = deviceLinksCheckSuppliers(state, dev, scratch) ?? pinctrlBindPins(state, dev, scratch) ?? platformDmaConfigure(state, dev, scratch);
  if (core !== null) return finish(scratch, core, true);
  return finish(scratch, devPmDomainAttach(state, dev, scratch) ?? callDriverProbe(state, dev, scratch) ?? BOUND, false);
}

/** One scratch for every evaluation: the engine runs one at a time; what an evaluation keeps is copied out by finish. */
const SCRATCH: Scratch = { deps: [], before: [], consumedFault: false, consumedPowerOn: -1, sticky: null, dma: null };

function finish(scratch: Scratch, result: ProbeResult, core: boolean): Evaluation {
  return {
    result,
    core,
    before: scratch.before.length === 0 ? NOTHING_BEFORE : scratch.before,
    deps: scratch.deps,
    consumedFault: scratch.consumedFault,
    consumedPowerOn: scratch.consumedPowerOn,
    sticky: scratch.sticky,
    dma: result.type === 'bound' ? scratch.dma : null,
  };
}

/** K3.1 device_links_check_suppliers: a blocking link to a supplier that is not bound defers; a supplier with no device yet holds a firmware link (K8.3). */
function deviceLinksCheckSuppliers(state: EngineState, dev: Dev, scratch: Scratch): ProbeResult | null {
  for (const link of dev.supplierLinks) {
    if (!linkBlocks(state, link)) continue;
    const supplier = state.devs[link.supplier];
    scratch.deps.push(supplier.index);
    if (link.pinConfig) {
      // K7.3, K8.3: the pin configuration node becomes the controller's only when it binds.
      if (supplier.driver < 0) return link.device ? link.deviceDeferral : link.fwnodeDeferral;
    } else if (!isUp(supplier)) {
      return supplier.created ? link.deviceDeferral : link.fwnodeDeferral;
    }
  }
  return null;
}

/** K7.3 pinctrl_bind_pins → dt_to_map_one_config: a pin controller that has not registered. */
function pinctrlBindPins(state: EngineState, dev: Dev, scratch: Scratch): ProbeResult | null {
  const { knobs } = state;
  for (const target of dev.pinctrl) {
    const pinctrl = state.devs[target];
    scratch.deps.push(pinctrl.index);
    if (pinctrl.providers) continue;
    const cause: Cause = { kind: 'pinctrl', provider: pinctrl.spec.label };
    switch (knobs.pinctrl_missing) {
      case 'defer':
        return { type: 'defer', cause };
      case 'modules':
        // Since v6.0: -EPROBE_DEFER for ever with modules; without them -ENODEV, which pinctrl_bind_pins ignores.
        if (knobs.modules) return { type: 'defer', cause };
        scratch.before.push({ kind: 'pinctrl-ignored', node: dev.spec.label, provider: pinctrl.spec.label });
        continue;
      case 'check-state': {
        const answer = driverDeferredProbeCheckState(state);
        if (answer.gaveUp === null) return { type: 'defer', cause };
        scratch.before.push({ kind: 'warn', node: dev.spec.label, warning: { kind: 'check-state', answer: answer.gaveUp, dependency: 'pinctrl', provider: pinctrl.spec.label } });
        continue;
      }
      default: {
        const never: never = knobs.pinctrl_missing;
        throw new Error(`probe-run bug: unknown pinctrl_missing ${String(never)}`);
      }
    }
  }
  return null;
}

/** K3.2 platform_dma_configure → of_dma_configure → of_iommu_configure (K5), at probe time. */
function platformDmaConfigure(state: EngineState, dev: Dev, scratch: Scratch): ProbeResult | null {
  if (state.knobs.dma_configure !== 'probe') return null;
  const outcome = ofDmaConfigure(state, dev, 'probe', scratch.deps, scratch.before);
  if (outcome.type === 'defer') {
    if (outcome.keepsFwspec) scratch.sticky = 'fwspec-kept';
    return { type: 'defer', cause: outcome.cause };
  }
  if (outcome.type === 'error') return resultOf(outcome.error, outcome.cause);
  scratch.dma = outcome.decision;
  if (dev.iommus.length > 0) scratch.before.push({ kind: 'dma', node: dev.spec.label, decision: outcome.decision });
  return null;
}

/** K3.3 dev_pm_domain_attach → genpd_dev_pm_attach: one domain is attached and powered on (K6.1, K6.2); with several, v6.x attaches none (K6.3). */
function devPmDomainAttach(state: EngineState, dev: Dev, scratch: Scratch): ProbeResult | null {
  const { knobs } = state;
  if (dev.domains.length === 0 || (dev.domains.length > 1 && knobs.genpd_several === 'driver')) return null;
  const label = dev.spec.label;
  const domain = state.devs[dev.domains[0]];
  const domainLabel = domain.spec.label;
  scratch.deps.push(domain.index);
  if (!domain.providers) return missingDomain(state, dev, domain, scratch.before);
  if (dev.domainAttached) {
    // K6.1 (v4.12): still attached from the failed attempt: -EEXIST, ignored; the domain stays off.
    scratch.before.push({ kind: 'domain-already-attached', node: label, domain: domainLabel });
    return null;
  }
  const error = nextPowerOn(domain);
  if (domain.fault?.powerOn?.repeat === false) scratch.consumedPowerOn = domain.index;
  const mode = knobs.genpd_power_on_failure;
  const outcome = error === 0 ? 'on' : mode === 'ignore' ? 'ignored' : mode === 'defer-once' ? 'defer-attached' : 'defer';
  scratch.before.push({ kind: 'power-on', node: label, domain: domainLabel, error, outcome });
  if (outcome !== 'defer' && outcome !== 'defer-attached') return null;
  if (outcome === 'defer-attached') scratch.sticky = 'domain-attached';
  return { type: 'defer', cause: { kind: 'power-on', domain: domainLabel, error } };
}

/**
 * K3.4 the driver's probe(): several domains attached by index first (K6.3,
 * dev_pm_domain_attach_list), then clocks and plain suppliers (K7.1, K7.2), vendor checks, the
 * next injected result.
 */
function callDriverProbe(state: EngineState, dev: Dev, scratch: Scratch): ProbeResult | null {
  const { devs, knobs } = state;
  if (dev.domains.length > 1 && knobs.genpd_several === 'driver') {
    for (const target of dev.domains) {
      const domain = devs[target];
      scratch.deps.push(domain.index);
      if (domain.providers) {
        scratch.before.push({ kind: 'domain-attached', node: dev.spec.label, domain: domain.spec.label });
        continue;
      }
      const ended = missingDomain(state, dev, domain, scratch.before);
      if (ended !== null) return ended;
    }
  }
  for (const i of dev.plain) {
    const provider = devs[dev.refTargets[i]];
    scratch.deps.push(provider.index);
    const reference = dev.spec.references[i].kind;
    if (providerRegistered(provider, reference)) continue;
    if (provider.spec.status !== 'okay') {
      // K7.1: a disabled clock provider is -ENOENT on the 6.1 and 6.12 stable kernels, a deferral elsewhere.
      const cause: Cause = { kind: 'provider-disabled', reference, provider: provider.spec.label };
      if (reference === 'clocks' && knobs.clk_disabled_provider === 'enoent') return resultOf(ENOENT, cause);
      return { type: 'defer', cause };
    }
    return { type: 'defer', cause: { kind: 'provider', reference, provider: provider.spec.label } };
  }
  for (const target of dev.waitsFor) {
    scratch.deps.push(target);
    if (!isUp(devs[target])) return { type: 'defer', cause: { kind: 'waits-for', node: devs[target].spec.label } };
  }
  const injected = dev.fault?.probe ?? NO_FAULTS;
  if (dev.faultCursor >= injected.length) return null;
  scratch.consumedFault = true;
  const error = injected[dev.faultCursor];
  return error === 0 ? null : resultOf(error, { kind: 'injected', error });
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
      const answer = driverDeferredProbeCheckState(state);
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
