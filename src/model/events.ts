/** The engine's output: one event per thing the driver core did, in order (SPEC section 4). */
import type { InitcallLevel, ProviderKind, ReferenceKind, TimelineAction } from './scenario.js';

/** Why an attempt deferred, failed or was rejected, or why a DMA decision was taken. */
export type Cause =
  /**
   * K3.1: a blocking fw_devlink link to a supplier that is not bound: a device link ("supplier X
   * not ready") or a firmware link to a node with no device yet ("wait for supplier X", K8.3);
   * `pinConfig` when it stands for a pin configuration node under controller X (K7.3).
   */
  | { kind: 'supplier'; supplier: string; link: 'device' | 'fwnode'; pinConfig: boolean }
  /** K10.3: unbound with its supplier, waiting for it to bind again (not on the deferred list). */
  | { kind: 'supplier-unbound'; supplier: string }
  /** K7.3: the pin controller has not registered. */
  | { kind: 'pinctrl'; provider: string }
  /** K5.5: the IOMMU is declared but its instance has not registered. */
  | { kind: 'iommu-absent'; iommu: string }
  /** K5.4: the IOMMU driver's of_xlate refused this master. */
  | { kind: 'xlate'; iommu: string; error: number }
  /** K5.6: the IOMMU's own probe failed for good (policy fail). */
  | { kind: 'iommu-failed'; iommu: string; error: number }
  /** K6.2: the power domain provider has not registered. */
  | { kind: 'power-domain-absent'; domain: string }
  /** K6.1: powering on the domain failed. */
  | { kind: 'power-on'; domain: string; error: number }
  /** K7.1, K7.2: a clock, reset, phy, interconnect, regulator or DMA provider has not registered. */
  | { kind: 'provider'; reference: ReferenceKind; provider: string }
  /** K7.1: the provider node is disabled (defer, or -ENOENT for clocks under `clk_disabled_provider: enoent`). */
  | { kind: 'provider-disabled'; reference: ReferenceKind; provider: string }
  /** K3.4: a `probe-waits-for` node is not bound. */
  | { kind: 'waits-for'; node: string }
  /** K3.4: an injected probe() result. */
  | { kind: 'injected'; error: number };

/** A kernel warning about one device. */
export type Warning =
  /** K5.5, K6.2, K7.3: driver_deferred_probe_check_state gave up on a dependency that has not shown up. */
  | { kind: 'check-state'; answer: 'no-driver' | 'timeout'; dependency: 'iommu' | 'pinctrl' | 'power-domain'; provider: string }
  /** K5.4 (v6.1, v6.8): the fwspec a deferred of_xlate left: the device joins no group and keeps platform DMA ops. */
  | { kind: 'fwspec-kept' }
  /** K10.3: the device still uses a supplier that is going away, with no managed link that would unbind it. */
  | { kind: 'unmanaged-user'; supplier: string };

/** Outcome of one really_probe() attempt (K3). */
export type ProbeResult =
  | { type: 'bound' }
  | { type: 'defer'; cause: Cause }
  | { type: 'rejected'; error: number; cause: Cause }
  | { type: 'failed'; error: number; cause: Cause };

/** What started a probe attempt (K2.3). */
export type ProbeVia = 'add' | 'register' | 'deferred' | 'bind';

/** The DMA setup a device ended up with after one configuration (K5). */
export type DmaDecision =
  | { mode: 'iommu'; instances: string[] }
  | {
      mode: 'direct';
      /** Why no IOMMU: the rule's own words, stable for goldens. */
      why:
        | 'no-iommus'
        | 'iommu-disabled'
        | 'xlate-failed'
        | 'assuming-no-driver'
        | 'timeout'
        | 'not-declared'
        | 'system-running'
        | 'iommu-failed'
        | 'not-registered'
        /** K5.3/K5.4: an entry of another IOMMU driver than the first entry's: -EINVAL. */
        | 'other-driver'
        /** K5.4 (v4.12–v6.8): a later entry whose IOMMU is not registered: -EINVAL. */
        | 'later-not-registered'
        /** K5.4 (v6.1, v6.8): the fwspec a deferred of_xlate left makes of_iommu_configure exit early; the IOMMU probe of the device fails. */
        | 'fwspec-kept';
      iommu: string | null;
      /** Instances whose entries translated before the failure and whose setup was kept (K5.4). */
      partialKept: string[];
    };

/** One thing that happened; `node` is the device it happened to, when there is one. */
export type EventBody =
  | { kind: 'initcall'; level: InitcallLevel }
  | { kind: 'populate' }
  | { kind: 'deferred-initcall'; pass: 1 | 2 }
  | { kind: 'initcalls-done' }
  | { kind: 'user-space' }
  /** K1.3; `device`: the node still gets a platform device at populate (v3.19). */
  | { kind: 'early-provider'; node: string; driver: string; providers: ProviderKind[]; device: boolean }
  | { kind: 'driver-register'; driver: string; via: 'initcall' | 'modprobe' }
  | { kind: 'devlink-cycle'; nodes: string[] }
  | { kind: 'device-add'; node: string }
  | { kind: 'device-delete'; node: string }
  | {
      kind: 'probe';
      node: string;
      driver: string;
      via: ProbeVia;
      result: ProbeResult;
      /** Where a deferring device went: the pending list, already on a list, or nowhere (a sysfs bind, K10.2). */
      listed: 'pending' | 'already-listed' | 'not-queued' | null;
      /** The kernel's failed-probe wording (K3.6), on failed results. */
      wording?: 'probe-of' | 'probe-with-driver';
    }
  | { kind: 'dma'; node: string; decision: DmaDecision }
  | { kind: 'iommu-replay'; node: string; decision: DmaDecision }
  /** A warning the kernel prints, as data (src/trace words it). */
  | { kind: 'warn'; node: string; warning: Warning }
  | { kind: 'providers'; node: string; providers: ProviderKind[]; registered: boolean }
  /** K6.1: the core attached the device to its domain and powered it on (error 0) or failed to; `outcome` says what the attempt did next. */
  | { kind: 'power-on'; node: string; domain: string; error: number; outcome: 'on' | 'defer' | 'defer-attached' | 'ignored' }
  /** K7.3 (v6.x, modules off): no pin controller: -ENODEV, which pinctrl_bind_pins ignores (a debug line in the kernel). */
  | { kind: 'pinctrl-ignored'; node: string; provider: string }
  /** K6.1 (v4.12): the device is still attached from the failed attempt (-EEXIST, ignored): it probes with the domain off. */
  | { kind: 'domain-already-attached'; node: string; domain: string }
  /** K6.2 (v3.19): no provider: -ENOENT, ignored by platform_drv_probe; the device probes without its domain. */
  | { kind: 'domain-ignored'; node: string; domain: string }
  /** K6.3: the driver's probe() attached the domain by index, without powering it on. */
  | { kind: 'domain-attached'; node: string; domain: string }
  | { kind: 'trigger'; moved: number; enabled: boolean }
  | { kind: 'timeout-armed'; expires: number }
  | { kind: 'timeout-extended'; expires: number; driver: string }
  | { kind: 'timeout-expired' }
  | { kind: 'drivers-done' }
  | { kind: 'link-relaxed'; node: string; supplier: string; why: 'drivers-done' | 'no-driver-added' }
  /** K10.3: a supplier bound again: its AUTOPROBE consumer goes on the pending list. */
  | { kind: 'autoprobe'; node: string; supplier: string }
  /** K9.3: the timeout's "deferred probe pending" line, in the kernel version's form. */
  | { kind: 'deferred-pending'; node: string; cause: Cause | null; level: 'bare' | 'info' | 'warning' }
  | { kind: 'timeline'; action: TimelineAction; target: string }
  | { kind: 'timeline-noop'; node: string; action: TimelineAction; why: 'not-created' | 'already-bound' | 'not-bound' | 'already-created' | 'disabled' | 'modules-off' | 'already-loaded' }
  | { kind: 'unbind'; node: string; driver: string; consumerOf: string | null }
  | { kind: 'livelock'; attempts: number; nodes: string[] };

/** An event with its place in the run. */
export interface TraceEvent {
  /** 1-based, in the order events happened. */
  seq: number;
  /** Virtual time in microseconds after boot started (initcalls take no time, K1.4). */
  time: number;
  body: EventBody;
}

/** Final state of a node (SPEC section 4, plus `early` for OF_DECLARE nodes and `unbound` after a timeline unbind). */
export type DeviceState =
  | 'bound'
  | 'pending'
  | 'failed'
  | 'rejected'
  | 'no-driver'
  | 'disabled'
  | 'not-created'
  | 'early'
  | 'unbound';

/** One row of the final-state table; field names are the JSON report's. */
export interface DeviceOutcome {
  name: string;
  state: DeviceState;
  driver: string | null;
  /** `iommu` or `direct`, or null when no DMA configuration is in place. */
  dma: 'iommu' | 'direct' | null;
  /** IOMMU instances the device is attached to (partial ones included when kept, K5.4). */
  iommus: string[];
  /** The node says `dma-coherent`; shown with the DMA state when there is one. */
  dma_coherent: boolean;
  attempts: number;
  bound_seq: number | null;
  /** Seconds. */
  bound_time: number | null;
  /** Kernel name of the error for failed and rejected devices. */
  error: string | null;
  /** What a pending device waits for, in the trace's words. */
  waiting_for: string | null;
  /** The last cause recorded for the device (deferral, failure), for explain and the TUI. */
  cause: Cause | null;
}

/** One `expect:` entry that did not hold. */
export interface ExpectFailure {
  node: string;
  field: string;
  expected: string;
  actual: string;
}

/** Everything one engine run produces. */
export interface RunResult {
  events: TraceEvent[];
  devices: DeviceOutcome[];
  expectFailures: ExpectFailure[];
  /** Probe attempts made (memoised ones included). */
  attempts: number;
  livelock: boolean;
  /** The step bound the run used (K11.2). */
  stepBound: number;
}
