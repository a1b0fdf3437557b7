/**
 * Kernel knobs and profiles (SPEC section 3): one table says which knobs exist, which values each
 * takes and what every profile sets. The loader, the schema test, the trace header, the help text
 * and the engine all read it; a profile is one row of PROFILES.
 */

/** Profile names, oldest first; the last one is the default. */
export const PROFILE_NAMES = ['v3.19', 'v4.12', 'v6.1', 'v6.8', 'v6.12', 'v6.15'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export const DEFAULT_PROFILE: ProfileName = 'v6.15';

export type FwDevlinkMode = 'off' | 'permissive' | 'on';

/** The enumerated knobs and their values, each with the SPEC rule that reads it. */
export const KNOB_VALUES = {
  fw_devlink: ['off', 'permissive', 'on'],
  dma_configure: ['add', 'probe'],
  iommu_absent: ['direct', 'of-declare', 'check-state'],
  deferred_initcall: ['one-pass', 'two-passes'],
  attach_next_driver: ['probe-only', 'any-failure'],
  fw_devlink_cycles: ['device-links', 'fwnode-walk'],
  iommu_partial: ['keep', 'discard'],
  iommu_later_absent: ['einval', 'defer'],
  pinctrl_missing: ['defer', 'check-state', 'modules'],
  genpd_power_on_failure: ['ignore', 'defer-once', 'defer'],
  genpd_missing: ['ignore', 'defer', 'check-state'],
  genpd_several: ['first', 'driver'],
  clk_disabled_provider: ['defer', 'enoent'],
  probe_failed_message: ['probe-of', 'probe-with-driver'],
  pending_message: ['bare', 'info', 'warning'],
} as const;

type EnumKnob = keyof typeof KNOB_VALUES;
type EnumValue<K extends EnumKnob> = (typeof KNOB_VALUES)[K][number];

/** The boolean knobs a profile sets. */
export const BOOLEAN_KNOBS = ['fw_devlink_strict', 'early_iommu', 'early_node_device', 'iommu_replay'] as const;
type BooleanKnob = (typeof BOOLEAN_KNOBS)[number];

/** Everything a profile decides (the timeout default also depends on `modules`, K9.1). */
export type PresetKnobs = { [K in EnumKnob]: EnumValue<K> } & { [K in BooleanKnob]: boolean } & {
  /** Whether the deferred probe timeout exists at all (v4.19+); without it the default is -1. */
  timeout: boolean;
};

/** Every knob the engine reads, after profile and overrides are applied. */
export type Knobs = Omit<PresetKnobs, 'timeout'> & {
  profile: ProfileName;
  /** CONFIG_MODULES. */
  modules: boolean;
  /** Seconds after initcalls; 0 gives up at once; -1 never (K9.1). */
  deferred_probe_timeout: number;
};

/** Knobs a scenario may set under `kernel:`; anything missing comes from the profile. */
export type KernelOverrides = Partial<Omit<Knobs, 'profile'>> & { profile?: ProfileName };

/** One line of help per knob, with the rule behind it (the schema's descriptions say the same). */
export const KNOB_HELP: Record<Exclude<keyof Knobs, 'profile'>, string> = {
  modules: 'CONFIG_MODULES: whether loadable modules exist; changes the timeout default (K9.1), check_state (K5.5) and pinctrl (K7.3).',
  fw_devlink: 'fw_devlink= kernel parameter: off (no links), permissive (links never block) or on (blocking links, K8).',
  fw_devlink_strict: 'fw_devlink.strict=1: iommus and dmas become blocking links too (K8.1).',
  deferred_probe_timeout: 'deferred_probe_timeout= in seconds after initcalls: 0 gives up at once, -1 never (K9).',
  dma_configure: 'When DMA is configured: at device add (v3.19, K5.7) or at probe (K3.2).',
  iommu_absent: 'What a declared but unregistered IOMMU means (K5.5): direct DMA, the IOMMU_OF_DECLARE table (v4.12) or driver_deferred_probe_check_state (v6.x).',
  deferred_initcall: 'deferred_probe_initcall (K4.3): one pass (v3.19, v4.12) or two passes with initcalls_done, drivers-done and the timeout (v6.x).',
  fw_devlink_cycles: 'How fw_devlink finds dependency cycles (K8.4): device-links (up to v6.2: device_link_add refuses a link whose supplier depends on the consumer, once both devices exist) or fwnode-walk (v6.3+: __fw_devlink_relax_cycles walks firmware links and parent devices as soon as the consumer device is added).',
  attach_next_driver: 'Which failed attempts go on to the next matching driver (K2.4): probe-only (v6.x: the driver\'s own probe()) or any-failure (v3.19, v4.12).',
  early_iommu: 'An early (IOMMU_OF_DECLARE) driver registers IOMMU providers at time 0 too (v3.19, K1.3).',
  early_node_device: 'An early provider node still gets a platform device at populate, with no driver (v3.19, K1.3).',
  iommu_partial: 'Partial iommus setup after a failed entry: keep (up to v6.8) or discard (v6.12+) (K5.4).',
  iommu_later_absent: 'A later iommus entry whose IOMMU is not registered (K5.4): einval (direct DMA at once, v4.12 to v6.8) or defer (v6.12+).',
  iommu_replay: 'Redo the DMA configuration of unbound devices when their IOMMU registers (K5.8, v6.15).',
  pinctrl_missing: 'A pin controller that has not registered (K7.3): defer (always), check-state (v4.19 to v5.19) or modules (v6.x: defer with CONFIG_MODULES, carry on without).',
  genpd_power_on_failure: 'A power domain that fails to power on (K6.1): ignore (v3.19), defer-once (v4.12) or defer (v6.x: at every attempt).',
  genpd_missing: 'A power domain provider that has not registered (K6.2): ignore (v3.19), defer (v4.12) or check-state (v6.x).',
  genpd_several: 'Several power-domains entries (K6.3): first (the core attaches the first, v3.19 and v4.12) or driver (the driver attaches them all in probe(), v6.x).',
  clk_disabled_provider: 'A clock whose provider node is disabled (K7.1): defer (mainline, forever) or enoent (6.1 and 6.12 stable: the probe fails with -ENOENT).',
  probe_failed_message: 'The failed-probe message (K3.6): probe-of ("D: probe of X failed with error -N", up to v6.8) or probe-with-driver (v6.12+).',
  pending_message: 'What the timeout prints for devices still pending (K9.3): bare (v6.1), info with the reason (v6.8) or warning with the reason (v6.12+).',
};

/** SPEC section 3, one row per profile. */
export const PROFILES: Record<ProfileName, PresetKnobs> = {
  'v3.19': {
    fw_devlink: 'off', fw_devlink_strict: false, dma_configure: 'add', iommu_absent: 'direct', deferred_initcall: 'one-pass',
    fw_devlink_cycles: 'device-links', attach_next_driver: 'any-failure', early_iommu: true, early_node_device: true, iommu_partial: 'keep', iommu_later_absent: 'einval',
    iommu_replay: false, pinctrl_missing: 'defer', genpd_power_on_failure: 'ignore', genpd_missing: 'ignore', genpd_several: 'first',
    clk_disabled_provider: 'defer', probe_failed_message: 'probe-of', pending_message: 'bare', timeout: false,
  },
  'v4.12': {
    fw_devlink: 'off', fw_devlink_strict: false, dma_configure: 'probe', iommu_absent: 'of-declare', deferred_initcall: 'one-pass',
    fw_devlink_cycles: 'device-links', attach_next_driver: 'any-failure', early_iommu: false, early_node_device: false, iommu_partial: 'keep', iommu_later_absent: 'einval',
    iommu_replay: false, pinctrl_missing: 'defer', genpd_power_on_failure: 'defer-once', genpd_missing: 'defer', genpd_several: 'first',
    clk_disabled_provider: 'defer', probe_failed_message: 'probe-of', pending_message: 'bare', timeout: false,
  },
  'v6.1': {
    fw_devlink: 'on', fw_devlink_strict: false, dma_configure: 'probe', iommu_absent: 'check-state', deferred_initcall: 'two-passes',
    fw_devlink_cycles: 'device-links', attach_next_driver: 'probe-only', early_iommu: false, early_node_device: false, iommu_partial: 'keep', iommu_later_absent: 'einval',
    iommu_replay: false, pinctrl_missing: 'modules', genpd_power_on_failure: 'defer', genpd_missing: 'check-state', genpd_several: 'driver',
    clk_disabled_provider: 'enoent', probe_failed_message: 'probe-of', pending_message: 'bare', timeout: true,
  },
  'v6.8': {
    fw_devlink: 'on', fw_devlink_strict: false, dma_configure: 'probe', iommu_absent: 'check-state', deferred_initcall: 'two-passes',
    fw_devlink_cycles: 'fwnode-walk', attach_next_driver: 'probe-only', early_iommu: false, early_node_device: false, iommu_partial: 'keep', iommu_later_absent: 'einval',
    iommu_replay: false, pinctrl_missing: 'modules', genpd_power_on_failure: 'defer', genpd_missing: 'check-state', genpd_several: 'driver',
    clk_disabled_provider: 'defer', probe_failed_message: 'probe-of', pending_message: 'info', timeout: true,
  },
  'v6.12': {
    fw_devlink: 'on', fw_devlink_strict: false, dma_configure: 'probe', iommu_absent: 'check-state', deferred_initcall: 'two-passes',
    fw_devlink_cycles: 'fwnode-walk', attach_next_driver: 'probe-only', early_iommu: false, early_node_device: false, iommu_partial: 'discard', iommu_later_absent: 'defer',
    iommu_replay: false, pinctrl_missing: 'modules', genpd_power_on_failure: 'defer', genpd_missing: 'check-state', genpd_several: 'driver',
    clk_disabled_provider: 'enoent', probe_failed_message: 'probe-with-driver', pending_message: 'warning', timeout: true,
  },
  'v6.15': {
    fw_devlink: 'on', fw_devlink_strict: false, dma_configure: 'probe', iommu_absent: 'check-state', deferred_initcall: 'two-passes',
    fw_devlink_cycles: 'fwnode-walk', attach_next_driver: 'probe-only', early_iommu: false, early_node_device: false, iommu_partial: 'discard', iommu_later_absent: 'defer',
    iommu_replay: true, pinctrl_missing: 'modules', genpd_power_on_failure: 'defer', genpd_missing: 'check-state', genpd_several: 'driver',
    clk_disabled_provider: 'defer', probe_failed_message: 'probe-with-driver', pending_message: 'warning', timeout: true,
  },
};

/** The keys of `kernel:` in the order the trace header and the loader use. */
export const KERNEL_KEYS = [
  'profile',
  'modules',
  'deferred_probe_timeout',
  ...(Object.keys(KNOB_VALUES) as EnumKnob[]),
  ...BOOLEAN_KNOBS,
] as const satisfies readonly (keyof KernelOverrides)[];

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
  const knobs: Knobs = { ...preset, profile, modules, deferred_probe_timeout: overrides.deferred_probe_timeout ?? defaultTimeout };
  for (const key of KERNEL_KEYS) {
    if (key === 'profile' || overrides[key] === undefined) continue;
    (knobs as Record<string, unknown>)[key] = overrides[key];
  }
  return knobs;
}
