/** The validated, typed form of one scenario file: what the loader produces and the engine consumes. */

import type { KernelOverrides, ProfileName } from './knobs.js';
import type { ProviderKind, ReferenceKind } from './supplier-kinds.js';

export type { FwDevlinkMode, KernelOverrides, ProfileName } from './knobs.js';
export { PROFILE_NAMES } from './knobs.js';

/** Byte offsets into the scenario's source text, for pointing diagnostics and the TUI at a place. */
export interface SourceRange {
  start: number;
  end: number;
}

/** Initcall levels in the order they run (K1.1); `early` is refused: no driver can register before driver_init(). */
export const INITCALL_LEVELS = ['core', 'postcore', 'arch', 'subsys', 'fs', 'device', 'late'] as const;
export type InitcallLevel = (typeof INITCALL_LEVELS)[number];

export { PROVIDER_KINDS, PROVIDER_OF_REFERENCE, REFERENCE_KINDS } from './supplier-kinds.js';
export type { ProviderKind, ReferenceKind } from './supplier-kinds.js';

/** One phandle reference: `"label"` or `"label arg arg…"`. */
export interface Reference {
  kind: ReferenceKind;
  label: string;
  args: (number | string)[];
  range?: SourceRange;
}

/** One device-tree node, flattened: children appear after their parent with `parent` set. */
export interface NodeSpec {
  label: string;
  /** The device-tree path (`/soc/mmc@1c0f000`) when the scenario gives one (import writes it, compare matches by it). */
  path?: string;
  compatible: string[];
  /** `okay` unless the scenario said otherwise; anything else means no device (K2.2). */
  status: 'okay' | 'disabled';
  /** `<kind>-cells` values, keyed by provider kind; a key marks the node a provider of that kind. */
  cells: Partial<Record<ProviderKind, number>>;
  /** Every reference of every kind, grouped in REFERENCE_KINDS order, entries in file order. */
  references: Reference[];
  /** Nodes the driver checks by itself (vendor phandles: no fw_devlink link). */
  probeWaitsFor: string[];
  dmaCoherent: boolean;
  /** Not created at boot; a timeline `add` creates it. */
  hotplug: boolean;
  /** Label of the parent node, or null for a top-level node. */
  parent: string | null;
  /** Labels of the direct children, in source order. */
  children: string[];
  range?: SourceRange;
}

export type BuildKind = 'builtin' | 'module' | 'absent';

/** One driver, in `drivers:` order. */
export interface DriverSpec {
  name: string;
  compatible: string[];
  initcall: InitcallLevel;
  /** OF_DECLARE-style: registers the providers of its nodes at time 0, no device (K1.3). */
  early: boolean;
  build: BuildKind;
  range?: SourceRange;
}

/** Injected power-on results of one power domain (K6.1). */
export interface PowerOnFault {
  /** Successive results, 0 for success. */
  results: number[];
  /** One error written alone: every power-on fails with it. */
  repeat: boolean;
}

/** Failure injection for one node. Errors are negative errno numbers; 0 is success. */
export interface FaultSpec {
  /** Successive results of the driver's own probe(); after the list runs out, probe() succeeds. */
  probe: number[];
  /** Result of the IOMMU driver's of_xlate for this master (every entry), or null for success. */
  xlate: number | null;
  /** Result of powering on this power domain, or null for success. */
  powerOn: PowerOnFault | null;
}

export type TimelineAction = 'modprobe' | 'add' | 'remove' | 'unbind' | 'bind';

/** One timeline entry: an action at a second after initcalls end. */
export interface TimelineEntry {
  /** Seconds after initcalls end (may be fractional). */
  at: number;
  action: TimelineAction;
  /** A driver name for `modprobe`, a node label otherwise. */
  target: string;
  range?: SourceRange;
}

/** Expected outcome for one device, checked after the run. */
export interface Expectation {
  state?: string;
  driver?: string;
  dma?: string;
  attempts?: number;
}

/** The two policy knobs of K5.6. */
export interface Policy {
  iommu_probe_failed: 'wait' | 'ignore' | 'fail';
  iommu_xlate_failed: 'ignore' | 'fail';
}

/** A whole scenario after parsing and validation. */
export interface Scenario {
  /** Path below the scenario root without extension, e.g. `cases/case-3b`. */
  id: string;
  description: string;
  covers: string[];
  kernel: KernelOverrides;
  policy: Policy;
  /** Source order, children right after their parent (depth first). */
  nodes: NodeSpec[];
  drivers: DriverSpec[];
  /** Keyed by node label. */
  faults: Record<string, FaultSpec>;
  /** In file order. */
  timeline: TimelineEntry[];
  /** Keyed by node label, in file order. */
  expect: Record<string, Expectation>;
  /** `step_bound:` probe attempts before a livelock diagnostic (K11.2), when the scenario sets it. */
  stepBound?: number;
}
