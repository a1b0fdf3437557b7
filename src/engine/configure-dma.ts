/** of_dma_configure → of_iommu_configure: the IOMMU cases 1, 2, 3a, 3b, 3c (K5). */
import { ENODEV, EPROBE_DEFER } from '../model/errno.js';
import type { Cause, DmaDecision, EventBody } from '../model/events.js';
import { checkState } from './check-state.js';
import type { Dev, EngineState } from './state.js';

/** What DMA configuration decided for one attempt. */
export type DmaOutcome =
  | { type: 'configured'; decision: DmaDecision }
  | { type: 'defer'; cause: Cause }
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
  return iommu.matches.some((m) => state.drivers[m.driver].build === 'builtin') || iommu.earlyDriver >= 0;
}

/**
 * Configures DMA for `dev`. `deps` collects the nodes read (for memoisation) and `before` the
 * warnings the kernel prints on the way.
 */
export function configureDma(state: EngineState, dev: Dev, moment: DmaMoment, deps: number[], before: EventBody[]): DmaOutcome {
  const { devs, knobs, policy } = state;
  let configured: string[] | null = null;
  const direct = (why: DirectWhy, iommu: string): DmaOutcome => {
    const kept = configured !== null && knobs.iommu_partial === 'keep' ? configured : [];
    return { type: 'configured', decision: { mode: 'direct', why, iommu, partialKept: kept } };
  };
  for (const target of dev.iommus) {
    const iommu = devs[target];
    const label = iommu.spec.label;
    deps.push(iommu.index);
    configured ??= [];
    // K5.2: a disabled IOMMU node means "no IOMMU"; the loop ends.
    if (iommu.spec.status !== 'okay') return direct('iommu-disabled', label);
    if (iommu.providers) {
      // K5.3/K5.4: the instance is registered, of_xlate decides.
      const xlate = dev.fault?.xlate ?? null;
      if (xlate === null) {
        configured.push(label);
        continue;
      }
      if (moment === 'add') return direct('xlate-failed', label);
      if (xlate === EPROBE_DEFER) return { type: 'defer', cause: { kind: 'xlate', iommu: label, error: xlate } };
      if (policy.iommu_xlate_failed === 'fail' && moment === 'probe') return { type: 'error', error: xlate, cause: { kind: 'xlate', iommu: label, error: xlate } };
      return direct('xlate-failed', label);
    }
    // Case 3: declared but not registered.
    if (moment === 'add' || knobs.iommu_absent === 'direct') return direct('not-registered', label);
    if (policy.iommu_probe_failed !== 'wait' && iommuFailed(iommu)) {
      // K5.6: the seed's open question for case 3c.
      if (policy.iommu_probe_failed === 'ignore' || moment === 'replay') return direct('iommu-failed', label);
      return { type: 'error', error: iommu.lastError, cause: { kind: 'iommu-failed', iommu: label, error: iommu.lastError } };
    }
    if (knobs.iommu_absent === 'of-declare') {
      if (!declared(state, iommu)) return direct('not-declared', label);
      if (!state.systemRunning) return { type: 'defer', cause: { kind: 'iommu-absent', iommu: label } };
      return direct('system-running', label);
    }
    const answer = checkState(state);
    if (answer.warning === null) return { type: 'defer', cause: { kind: 'iommu-absent', iommu: label } };
    if (moment !== 'replay') before.push({ kind: 'warn', node: dev.spec.label, message: answer.warning, rule: 'K5.5' });
    return direct(answer.error === ENODEV ? 'assuming-no-driver' : 'timeout', label);
  }
  if (configured === null) return NO_IOMMUS;
  return { type: 'configured', decision: { mode: 'iommu', instances: configured } };
}

