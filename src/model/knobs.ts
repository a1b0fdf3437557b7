/** Effective kernel knobs: a profile preset (SPEC section 3) with a scenario's single overrides. */
import type { FwDevlinkMode, KernelOverrides, ProfileName } from './scenario.js';

/** Every knob the engine reads, after profile and overrides are applied. */
export interface Knobs {
  profile: ProfileName;
  /** CONFIG_MODULES. */
  modules: boolean;
  fw_devlink: FwDevlinkMode;
  /** fw_devlink.strict=1: iommus and dmas links block too (K8.1). */
  fw_devlink_strict: boolean;
  /** Seconds after initcalls; 0 gives up at once; -1 never (K9.1). */
  deferred_probe_timeout: number;
  /** When DMA is configured: at device add (v3.19, K5.7) or at probe (K3.2). */
  dma_configure: 'add' | 'probe';
  /** What a declared but unregistered IOMMU means (K5.5). */
  iommu_absent: 'direct' | 'of-declare' | 'check-state';
  /** Whether genpd and pinctrl ask driver_deferred_probe_check_state (K6.2, K7.3); v6.x yes. */
  check_state: boolean;
  /** Partial iommus setup after a failed entry: kept (before v6.8) or discarded (K5.4). */
  iommu_partial: 'keep' | 'discard';
  /** Redo DMA configuration of unbound devices when their IOMMU registers (K5.8, v6.15). */
  iommu_replay: boolean;
}

export const DEFAULT_PROFILE: ProfileName = 'v6.15';

/** The knobs of each profile, before the modules-dependent timeout default is applied. */
const PROFILES: Record<ProfileName, Omit<Knobs, 'profile' | 'modules' | 'deferred_probe_timeout'> & { timeout: boolean }> = {
  'v3.19': { fw_devlink: 'off', fw_devlink_strict: false, dma_configure: 'add', iommu_absent: 'direct', check_state: false, iommu_partial: 'keep', iommu_replay: false, timeout: false },
  'v4.12': { fw_devlink: 'off', fw_devlink_strict: false, dma_configure: 'probe', iommu_absent: 'of-declare', check_state: false, iommu_partial: 'keep', iommu_replay: false, timeout: false },
  'v6.8': { fw_devlink: 'on', fw_devlink_strict: false, dma_configure: 'probe', iommu_absent: 'check-state', check_state: true, iommu_partial: 'discard', iommu_replay: false, timeout: true },
  'v6.15': { fw_devlink: 'on', fw_devlink_strict: false, dma_configure: 'probe', iommu_absent: 'check-state', check_state: true, iommu_partial: 'discard', iommu_replay: true, timeout: true },
};

/**
 * Applies a profile and single-knob overrides. `profileOverride` (from `--profile`) replaces the
 * scenario's profile but not its other overrides.
 */
export function resolveKnobs(overrides: KernelOverrides, profileOverride?: ProfileName): Knobs {
  const profile = profileOverride ?? overrides.profile ?? DEFAULT_PROFILE;
  const { timeout, ...preset } = PROFILES[profile];
  const modules = overrides.modules ?? true;
  // K9.1: 10 s with modules, 0 without; profiles before the timeout existed never expire.
  const defaultTimeout = timeout ? (modules ? 10 : 0) : -1;
  return {
    profile,
    modules,
    fw_devlink: overrides.fw_devlink ?? preset.fw_devlink,
    fw_devlink_strict: overrides.fw_devlink_strict ?? preset.fw_devlink_strict,
    deferred_probe_timeout: overrides.deferred_probe_timeout ?? defaultTimeout,
    dma_configure: overrides.dma_configure ?? preset.dma_configure,
    iommu_absent: overrides.iommu_absent ?? preset.iommu_absent,
    check_state: overrides.check_state ?? preset.check_state,
    iommu_partial: overrides.iommu_partial ?? preset.iommu_partial,
    iommu_replay: overrides.iommu_replay ?? preset.iommu_replay,
  };
}
