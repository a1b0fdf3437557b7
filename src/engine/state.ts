/** The engine's explicit state: one record per node, the deferred lists, the clock and the phase flags. */
import type { Cause, DmaDecision, EventBody, ProbeResult, TraceEvent } from '../model/events.js';
import type { Evaluation } from './evaluation.js';
import type { Shuffle } from './shuffle.js';
import type { Knobs } from '../model/knobs.js';
import { PROVIDER_KINDS, type DriverSpec, type FaultSpec, type NodeSpec, type Policy, type ProviderKind, type Scenario } from '../model/scenario.js';

/** Which deferred list a device is on (K4.1). */
export const enum ListId {
  None = 0,
  Pending = 1,
  Active = 2,
}

/** A fw_devlink link from a consumer device to a supplier node (K8). */
export interface Link {
  consumer: number;
  supplier: number;
  /** Broken because it lies on a dependency cycle (K8.4). */
  cycle: boolean;
  /** Relaxed by drivers-done or by a driverless supplier added after it (K8.5). */
  relaxed: boolean;
  /** Deleted with its supplier or consumer by `remove` (device_links_purge, K10.3). */
  purged: boolean;
  /**
   * A pinctrl reference: a firmware link to a pin configuration node under the controller, which
   * never becomes a device; it waits until the controller binds (K7.3, K8.3).
   */
  pinConfig: boolean;
  /** The link is a device link (its supplier's device exists, or the pin controller bound once); else a firmware link (K8.3). */
  device: boolean;
  /** The K3.1 results while the supplier is not bound, made once and shared by every attempt. */
  deviceDeferral: Extract<ProbeResult, { type: 'defer' }>;
  fwnodeDeferral: Extract<ProbeResult, { type: 'defer' }>;
}

/** A remembered deferral, replayed without re-evaluation while nothing it read has changed. */
export interface Memo {
  driver: number;
  phase: number;
  /** Nodes the deferred attempt read, and their versions then. */
  deps: number[];
  versions: number[];
  /** The deferral itself, returned as is on a replay. */
  evaluation: Evaluation;
  /** The last probe event body emitted for it, shared by replays started the same way. */
  body: Extract<EventBody, { kind: 'probe' }>;
}

/** What never changes during a run: the node as the scenario gives it, resolved to indices. */
export interface NodeFacts {
  index: number;
  spec: NodeSpec;
  /** Reference targets resolved to node indices, parallel to spec.references. */
  refTargets: number[];
  /** Targets of the references each probe step reads, in reference order (kept apart so the hot path touches small arrays only). */
  pinctrl: number[];
  iommus: number[];
  domains: number[];
  /** Indices into spec.references of the plain suppliers checked in probe() (K7.1, K7.2). */
  plain: number[];
  /** The node's injected faults, or null. */
  fault: FaultSpec | null;
  waitsFor: number[];
  parent: number;
  children: number[];
  /** Candidate drivers: every non-early driver whose table lists one of the node's compatibles (K2.1). */
  matches: number[];
  /** Index of the early (OF_DECLARE) driver that registers the node's providers at time 0, or -1 (K1.3). */
  earlyDriver: number;
  /** Index of the first built-in early driver matching the node even when it registers nothing (v4.12's IOMMU_OF_DECLARE table, K5.5), or -1. */
  earlyMatch: number;
  /** Devices whose `iommus` name this node, in source order (for the K5.8 replay). */
  masters: number[];
}

/** The device as the driver core holds it (struct device and its links): what changes as the run goes. */
export interface DeviceState {
  /** Links where this device is the consumer, in reference order (dev->links.suppliers). */
  supplierLinks: Link[];
  /** Links where this device is the supplier (dev->links.consumers). */
  consumerLinks: Link[];
  created: boolean;
  /** Order of the last device_add: driver_attach walks the bus in this order. */
  busPosition: number;
  /** The bound driver (dev->driver), or -1. */
  driver: number;
  providers: boolean;
  /** The driver whose probe (or OF_DECLARE hook) registered the providers, or -1: an IOMMU instance's iommu_ops (K5.3). */
  providerDriver: number;
  dma: DmaDecision | null;
  /** The driver has been matched against this device at least once (dev->can_match, K8.5). */
  canMatch: boolean;
  /** v4.12: a failed power-on left the device attached to its domain; the next attempt probes with it off (K6.1). */
  domainAttached: boolean;
  /** v6.1/v6.8: an of_xlate deferral left the fwspec in place; retries take of_iommu_configure's early exit (K5.4). */
  fwspecKept: boolean;
  /** Which deferred list the device is on (dev->p->deferred_probe), threaded through prev/next. */
  list: ListId;
  prev: number;
  next: number;
}

/** What probe-run records about the device's attempts: the final table and explain read it. */
export interface ProbeHistory {
  attempts: number;
  boundSeq: number | null;
  boundTime: number | null;
  last: 'none' | 'bound' | 'defer' | 'failed' | 'rejected' | 'unbound';
  lastError: number;
  lastCause: Cause | null;
  /** Injected probe() results consumed so far. */
  faultCursor: number;
  /** Injected power-on results consumed so far, when the node is a power domain (K6.1). */
  powerOnCursor: number;
  /** The supplier whose unbind unbound this consumer (K10.3), or -1. */
  unboundBy: number;
}

/** The memo that replays unchanged deferrals (a probe-run device, not kernel state). */
export interface MemoSlot {
  /** Bumped whenever anything another device's probe may read about this one changes. */
  version: number;
  memo: Memo | null;
}

/**
 * Everything the engine knows about one node and its device, one flat record for the hot path's
 * sake, typed as its four concerns.
 */
export type Dev = NodeFacts & DeviceState & ProbeHistory & MemoSlot;

/** One deferred list: a FIFO threaded through the devices' prev/next fields. */
export interface DeferredList {
  id: ListId;
  head: number;
  tail: number;
  size: number;
}

/** What a run is about: the scenario, its resolved knobs and drivers, fixed for the run. */
export interface EngineConfig {
  scenario: Scenario;
  knobs: Knobs;
  policy: Policy;
  byLabel: Map<string, number>;
  drivers: DriverSpec[];
  driverByName: Map<string, number>;
  /** For each driver, the nodes it matches (K2.1), in source order. */
  driverDevices: number[][];
  /** Static strongly connected component of each node over links and parent edges, or -1: where a cycle can close (K8.4). */
  cycleComponents: Int32Array;
}

/** The driver core's own state (drivers/base/dd.c and core.c globals). */
export interface DriverCoreState {
  devs: Dev[];
  /** Registration order of each driver, or -1 while unregistered. */
  registeredAt: number[];
  registrations: number;
  /** Devices added so far: the next device's place on the bus. */
  busAdds: number;
  pending: DeferredList;
  active: DeferredList;
  /** driver_deferred_probe_enable (K4.2). */
  deferredEnabled: boolean;
  initcallsDone: boolean;
  systemRunning: boolean;
  timeoutExpired: boolean;
  /** Expiry time of the armed timeout in microseconds, or -1. */
  timeoutAt: number;
  /** The timeout was last pushed by a registration in a timeline step (K9.2): it expires just after a timeline entry at the same second (K11.1). */
  timeoutPushedByTimeline: boolean;
  /** fw_devlink_drivers_done has run (K8.5). */
  driversDone: boolean;
  /** The deferred work is queued (K1.5). */
  workQueued: boolean;
}

/** probe-run's own bookkeeping: the clock, the events, the step bound, the memo's phase, determinism checks. */
export interface RunBookkeeping {
  now: number;
  events: TraceEvent[];
  attempts: number;
  stepBound: number;
  memoise: boolean;
  /** Bumped when a global flag any probe step reads changes. */
  phase: number;
  /** For each node, the devices that reference or wait for it (K10.3 warnings); built at the first unbind. */
  usersOf: (number[] | undefined)[] | null;
  /** `--check-determinism`: shuffles orders that must not matter (K11.1); null in a normal run. */
  shuffle: Shuffle | null;
}

/** The whole state of a run, typed as its three concerns. */
export type EngineState = EngineConfig & DriverCoreState & RunBookkeeping;

/** Appends an event at the current time and returns its sequence number. */
export function emit(state: EngineState, body: EventBody): number {
  const seq = state.events.length + 1;
  state.events.push({ seq, time: state.now, body });
  return seq;
}

/** The provider kinds a node declares with `<kind>-cells`, in PROVIDER_KINDS order. */
export function providerKinds(spec: NodeSpec): ProviderKind[] {
  return PROVIDER_KINDS.filter((kind) => spec.cells[kind] !== undefined);
}

/** True when the device is bound or is an early provider (its providers exist). */
export function isUp(dev: Dev): boolean {
  return dev.driver >= 0 || dev.earlyDriver >= 0;
}
