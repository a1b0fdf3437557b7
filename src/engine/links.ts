/** fw_devlink: the links a device gets from its node's references (K8.1, K8.3) and cycle breaking (K8.4). */
import { supplierKind } from '../model/supplier-kinds.js';
import type { Dev, EngineState, Link } from './state.js';

/** True when `ancestor` is a parent, grandparent, … of `dev` (K8.3). */
function isAncestor(devs: Dev[], ancestor: number, dev: Dev): boolean {
  for (let p = dev.parent; p >= 0; p = devs[p].parent) if (p === ancestor) return true;
  return false;
}

/** Creates every link once, in reference order, one per consumer–supplier pair. */
export function buildLinks(state: EngineState): void {
  if (state.knobs.fw_devlink === 'off') return;
  const { devs } = state;
  // lastConsumer[s] is the last device that linked to s: one link per pair without a Set per device.
  const lastConsumer = new Int32Array(devs.length).fill(-1);
  for (const dev of devs) {
    dev.spec.references.forEach((ref, i) => {
      // K8.1: the kind's row says whether fw_devlink links it (optional kinds only under strict).
      const { link: linking, behaviour } = supplierKind(ref.kind);
      if (linking === 'none' || (linking === 'optional' && !state.knobs.fw_devlink_strict)) return;
      const target = dev.refTargets[i];
      const supplier = devs[target];
      // K8.3: no link to a disabled node, an early provider, the device itself or its ancestor.
      if (target === dev.index || lastConsumer[target] === dev.index) return;
      if (supplier.spec.status !== 'okay' || supplier.earlyDriver >= 0 || isAncestor(devs, target, dev)) return;
      lastConsumer[target] = dev.index;
      const label = supplier.spec.label;
      const pinConfig = behaviour === 'pinctrl';
      const link: Link = {
        consumer: dev.index,
        supplier: target,
        cycle: false,
        relaxed: false,
        purged: false,
        pinConfig,
        device: false,
        deviceDeferral: { type: 'defer', cause: { kind: 'supplier', supplier: label, link: 'device', pinConfig } },
        fwnodeDeferral: { type: 'defer', cause: { kind: 'supplier', supplier: label, link: 'fwnode', pinConfig } },
      };
      // Both lists start as a shared empty array (see createState): give each its own on first use.
      if (dev.supplierLinks.length === 0) dev.supplierLinks = [];
      if (supplier.consumerLinks.length === 0) supplier.consumerLinks = [];
      dev.supplierLinks.push(link);
      supplier.consumerLinks.push(link);
    });
  }
}

/** True when the link stops the consumer's probe while its supplier is unbound (K8.2, K8.4, K8.5, K10.3). */
export function linkBlocks(state: EngineState, link: Link): boolean {
  return state.knobs.fw_devlink === 'on' && !link.cycle && !link.relaxed && !link.purged;
}

/** True when a managed fw_devlink link (DL_FLAG_AUTOPROBE_CONSUMER) still exists: fw_devlink=on, not relaxed (K8.5), not purged (K10.3). */
export function linkManaged(state: EngineState, link: Link): boolean {
  return state.knobs.fw_devlink === 'on' && !link.relaxed && !link.purged;
}

/**
 * Links that take part in cycle detection: they exist and both ends have a device. A link to a pin
 * configuration node counts as a link to its controller (__fw_devlink_relax_cycles walks up to the
 * nearest parent with a device).
 */
function live(state: EngineState, link: Link): boolean {
  if (state.knobs.fw_devlink !== 'on' || link.relaxed || link.purged) return false;
  return state.devs[link.consumer].created && state.devs[link.supplier].created;
}

/**
 * K8.4: when `dev` is added, fw_devlink_link_device creates its links and finds the cycles they
 * close: the devices that both reach `dev` and are reached from it over links between existing
 * devices. Every link inside that set stops blocking; returns the set in source order, or null.
 */
export function findNewCycle(state: EngineState, dev: Dev): number[] | null {
  if (state.knobs.fw_devlink !== 'on') return null;
  const { devs } = state;
  // A new cycle runs through dev: it needs a live link in and a live link out.
  if (!dev.supplierLinks.some((l) => live(state, l)) || !dev.consumerLinks.some((l) => live(state, l))) return null;
  const reach = (forward: boolean): Set<number> => {
    const seen = new Set<number>([dev.index]);
    const work = [dev.index];
    while (work.length > 0) {
      const v = devs[work.pop() as number];
      for (const link of forward ? v.supplierLinks : v.consumerLinks) {
        if (!live(state, link)) continue;
        const w = forward ? link.supplier : link.consumer;
        if (!seen.has(w)) {
          seen.add(w);
          work.push(w);
        }
      }
    }
    return seen;
  };
  const suppliers = reach(true);
  const members = [...reach(false)].filter((i) => suppliers.has(i));
  if (members.length < 2) return null;
  const inCycle = new Set(members);
  for (const m of members) {
    for (const link of devs[m].supplierLinks) if (inCycle.has(link.supplier) && live(state, link)) link.cycle = true;
  }
  return members.sort((a, b) => a - b);
}
