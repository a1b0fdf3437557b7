/** The engine's output: one event per thing the driver core did, in order (SPEC section 4). */
import type { InitcallLevel, ProviderKind, ReferenceKind, TimelineAction } from './scenario.js';

/** Why an attempt deferred, failed or was rejected, or why a DMA decision was taken. */
export type Cause =
  /** K3.1: a blocking fw_devlink link to a supplier that is not bound. */
  | { kind: 'supplier'; supplier: string }
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
  /** K3.4: a `probe-waits-for` node is not bound. */
  | { kind: 'waits-for'; node: string }
  /** K3.4: an injected probe() result. */
  | { kind: 'injected'; error: number };

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
        | 'not-registered';
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
  | { kind: 'early-provider'; node: string; driver: string; providers: ProviderKind[] }
  | { kind: 'driver-register'; driver: string; via: 'initcall' | 'modprobe' }
  | { kind: 'devlink-cycle'; nodes: string[] }
  | { kind: 'device-add'; node: string }
  | { kind: 'device-delete'; node: string }
  | { kind: 'probe'; node: string; driver: string; via: ProbeVia; result: ProbeResult; listed: 'pending' | 'already-listed' | null }
  | { kind: 'dma'; node: string; decision: DmaDecision }
  | { kind: 'iommu-replay'; node: string; decision: DmaDecision }
  | { kind: 'warn'; node: string; message: string; rule: string }
  | { kind: 'providers'; node: string; providers: ProviderKind[]; registered: boolean }
  | { kind: 'power-on'; node: string; domain: string; error: number }
  | { kind: 'trigger'; moved: number; enabled: boolean }
  | { kind: 'timeout-armed'; expires: number }
  | { kind: 'timeout-extended'; expires: number; driver: string }
  | { kind: 'timeout-expired' }
  | { kind: 'drivers-done' }
  | { kind: 'link-relaxed'; node: string; supplier: string }
  | { kind: 'deferred-pending'; node: string; cause: Cause }
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
