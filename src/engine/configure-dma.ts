/** of_dma_configure → of_iommu_configure: the IOMMU cases 1, 2, 3a, 3b, 3c (K5). */
import { ENODEV, EPROBE_DEFER } from '../model/errno.js';
import type { Cause, DmaDecision, EventBody } from '../model/events.js';
import { driverDeferredProbeCheckState } from './check-state.js';
import type { Dev, EngineState } from './state.js';

/** What DMA configuration decided for one attempt. */
export type DmaOutcome =
  | { type: 'configured'; decision: DmaDecision }
  /** `keepsFwspec`: an of_xlate deferral where the partial setup is kept (v6.1, v6.8, K5.4). */
  | { type: 'defer'; cause: Cause; keepsFwspec: boolean }
  | { type: 'error'; error: number; cause: Cause };

type DirectWhy = Extract<DmaDecision, { mode: 'direct' }>['why'];

/** When the configuration runs: at probe (K3.2), at device add (v3.19, K5.7), or as a replay (K5.8). */
export type DmaMoment = 'probe' | 'add' | 'replay';

const NO_IOMMUS: DmaOutcome = { type: 'configured', decision: { mode: 'direct', why: 'no-iommus', iommu: null, partialKept: [] } };

/** True when the IOMMU's own device ended with an error other than -EPROBE_DEFER (case 3c). */
function iommuFailed(iommu: Dev): boolean {
  return iommu.driver < 0 && (iommu.last === 'failed' || iommu.last === 'rejected');
}

/** True when a built-in driver for the IOMMU's compatible was declared (v4.12's IOMMU_OF_DECLARE table). */
function declared(state: EngineState, iommu: Dev): boolean {
  return iommu.matches.some((d) => state.drivers[d].build === 'builtin') || iommu.earlyMatch >= 0;
}

/**
 * Configures DMA for `dev`. `deps` collects the nodes read (for memoisation) and `before` the
 * warnings the kernel prints on the way.
 */
export function ofDmaConfigure(state: EngineState, dev: Dev, moment: DmaMoment, deps: number[], before: EventBody[]): DmaOutcome {
  const { devs, knobs, policy } = state;
  if (dev.iommus.length === 0) return NO_IOMMUS;
  const first = devs[dev.iommus[0]];
  if (dev.fwspecKept && moment === 'probe') {
    // K5.4 (v6.1, v6.8): the fwspec a deferred of_xlate left makes of_iommu_configure return at
    // once; the device never joins a group, so arch_setup_dma_ops keeps direct DMA.
    before.push({ kind: 'warn', node: dev.spec.label, warning: { kind: 'fwspec-kept' } });
    return { type: 'configured', decision: { mode: 'direct', why: 'fwspec-kept', iommu: first.spec.label, partialKept: [] } };
  }
  // K5.3: one IOMMU instance per device, the first entry's; later entries add their IDs to it.
  let translated = false;
  const direct = (why: DirectWhy, iommu: string): DmaOutcome => {
    // K5.4: up to v6.8 the setup of the entries that translated stays (an IOMMU group without IOMMU DMA).
    const kept = translated && knobs.iommu_partial === 'keep' ? [first.spec.label] : [];
    return { type: 'configured', decision: { mode: 'direct', why, iommu, partialKept: kept } };
  };
  for (const target of dev.iommus) {
    const iommu = devs[target];
    const label = iommu.spec.label;
    deps.push(iommu.index);
    // K5.2: a disabled IOMMU node means "no IOMMU"; the loop ends.
    if (iommu.spec.status !== 'okay') return direct('iommu-disabled', label);
    if (iommu.providers) {
      // K5.3/K5.4: an entry of another IOMMU driver is -EINVAL (iommu_fwspec_init: ops differ).
      if (translated && first.providers && iommu.providerDriver !== first.providerDriver) return direct('other-driver', label);
      // The instance is registered: of_xlate decides.
      const xlate = dev.fault?.xlate ?? null;
      if (xlate === null) {
        translated = true;
        continue;
      }
      if (moment === 'add') return direct('xlate-failed', label);
      if (xlate === EPROBE_DEFER) return { type: 'defer', cause: { kind: 'xlate', iommu: label, error: xlate }, keepsFwspec: knobs.iommu_partial === 'keep' && moment === 'probe' };
      if (policy.iommu_xlate_failed === 'fail' && moment === 'probe') return { type: 'error', error: xlate, cause: { kind: 'xlate', iommu: label, error: xlate } };
      return direct('xlate-failed', label);
    }
    // Case 3: declared but not registered.
    if (moment === 'add' || knobs.iommu_absent === 'direct') return direct('not-registered', label);
    // K5.4 (v4.12–v6.8): after an entry that translated, iommu_fwspec_init sees other ops: -EINVAL.
    if (translated && knobs.iommu_later_absent === 'einval') return direct('later-not-registered', label);
    if (policy.iommu_probe_failed !== 'wait' && iommuFailed(iommu)) {
      // K5.6: the seed's open question for case 3c.
      if (policy.iommu_probe_failed === 'ignore' || moment === 'replay') return direct('iommu-failed', label);
      return { type: 'error', error: iommu.lastError, cause: { kind: 'iommu-failed', iommu: label, error: iommu.lastError } };
    }
    if (knobs.iommu_absent === 'of-declare') {
      if (!declared(state, iommu)) return direct('not-declared', label);
      if (!state.systemRunning) return { type: 'defer', cause: { kind: 'iommu-absent', iommu: label }, keepsFwspec: false };
      return direct('system-running', label);
    }
    const answer = driverDeferredProbeCheckState(state);
    if (answer.gaveUp === null) return { type: 'defer', cause: { kind: 'iommu-absent', iommu: label }, keepsFwspec: false };
    if (moment !== 'replay') before.push({ kind: 'warn', node: dev.spec.label, warning: { kind: 'check-state', answer: answer.gaveUp, dependency: 'iommu', provider: label } });
    return direct(answer.error === ENODEV ? 'assuming-no-driver' : 'timeout', label);
  }
  return { type: 'configured', decision: { mode: 'iommu', instances: [first.spec.label] } };
}
