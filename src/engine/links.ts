/** fw_devlink: the links a device gets from its node's references (K8.1, K8.3) and cycle breaking (K8.4). */
import { supplierKind } from '../model/supplier-kinds.js';
import type { Dev, EngineState, Link } from './state.js';

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
      // K8.3: no link to a disabled node, an early provider or the device itself. A child's link to
      // its own parent is made (of_link_to_phandle has no ancestor test in 6.1 or 6.12): the child
      // added inside the parent's probe defers until the parent binds (seen on both oracle kernels).
      if (target === dev.index || lastConsumer[target] === dev.index) return;
      if (supplier.spec.status !== 'okay' || supplier.earlyDriver >= 0) return;
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

/** A link cycle detection may walk and mark: it exists (fw_devlink=on, not relaxed, not purged). */
function walkable(state: EngineState, link: Link): boolean {
  return state.knobs.fw_devlink === 'on' && !link.relaxed && !link.purged;
}

/**
 * The strongly connected components of the static dependency graph (every link, and every node to
 * its parent: the cycle walk goes up to a supplier's parent device), computed once: a link can only
 * close a cycle when its two ends share a component of two or more nodes; -1 for the others.
 * Iterative Tarjan, in node order.
 */
export function staticComponents(state: EngineState): Int32Array {
  const { devs } = state;
  const n = devs.length;
  const component = new Int32Array(n).fill(-1);
  if (state.knobs.fw_devlink !== 'on') return component;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const frameV: number[] = [];
  const frameK: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    frameV.push(root);
    frameK.push(0);
    while (frameV.length > 0) {
      const top = frameV.length - 1;
      const v = frameV[top];
      // Successor k of v: its k-th link's supplier, then (k = links) its parent, then none (-2).
      const k = frameK[top]++;
      const links = devs[v].supplierLinks;
      const w = k < links.length ? links[k].supplier : k === links.length ? devs[v].parent : -2;
      if (w !== -2) {
        if (w < 0) continue;
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frameV.push(w);
          frameK.push(0);
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      frameV.pop();
      frameK.pop();
      if (frameV.length > 0) {
        const parent = frameV[frameV.length - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] !== index[v]) continue;
      let size = 0;
      let x: number;
      do {
        x = stack.pop() as number;
        onStack[x] = 0;
        component[x] = components;
        size++;
      } while (x !== v);
      if (size === 1) component[v] = -1;
      else components++;
    }
  }
  return component;
}

/** The nearest ancestor of `dev` that has a device, or -1 (fwnode_get_next_parent_dev). */
function parentDevice(devs: Dev[], dev: Dev): number {
  for (let p = dev.parent; p >= 0; p = devs[p].parent) if (devs[p].created) return p;
  return -1;
}

/**
 * K8.4 (__fw_devlink_relax_cycles, v6.3+): does a walk from `supplier` come back to `consumer`?
 * It follows the supplier's links (firmware and device links alike) and its parent device, and
 * stops at a supplier that is bound while the consumer has no driver. Marks the links on the way
 * back as cycle links and returns the nodes of the cycle, or null. Iterative: chains can be long.
 */
function relaxCycles(state: EngineState, component: Int32Array, consumer: number, supplier: number): number[] | null {
  const { devs } = state;
  const home = component[consumer];
  const visited = new Set<number>([supplier]);
  // Each frame: a node, the links and parent still to try, and the link that led to it (null for a parent step).
  const frames: { v: number; links: Link[]; at: number; parentDone: boolean; via: Link | null }[] = [];
  const push = (v: number, via: Link | null) => frames.push({ v, links: devs[v].supplierLinks, at: 0, parentDone: false, via });
  push(supplier, null);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    const v = frame.v;
    if (v === consumer) {
      // Found: every link on the path back is a cycle link; the nodes on it are the cycle.
      const nodes = frames.map((f) => f.v);
      for (const f of frames) if (f.via !== null) f.via.cycle = true;
      return nodes;
    }
    const sup = devs[v];
    if (sup.driver >= 0 && devs[consumer].driver < 0 && frame.at === 0 && !frame.parentDone) {
      // A bound supplier cannot be a consumer of a device that has not started binding.
      frames.pop();
      continue;
    }
    if (frame.at < frame.links.length) {
      const link = frame.links[frame.at++];
      const w = link.supplier;
      if (!walkable(state, link) || component[w] !== home || visited.has(w)) continue;
      visited.add(w);
      push(w, link);
      continue;
    }
    if (!frame.parentDone) {
      frame.parentDone = true;
      const p = sup.created ? sup.parent : parentDevice(devs, sup);
      if (p >= 0 && component[p] === home && !visited.has(p)) {
        visited.add(p);
        push(p, null);
      }
      continue;
    }
    frames.pop();
  }
  return null;
}

/**
 * K8.4 (up to v6.2, fw_devlink_create_devlink): a device link to a supplier with a device is refused
 * when the supplier depends on the consumer (device_link_add → device_is_dependent: the supplier is
 * the consumer, its descendant, or a consumer of it, transitively); a supplier without a device is
 * judged by its parent device the same way. The links back from the supplier are relaxed
 * (fw_devlink_relax_cycle). Returns the nodes of the cycle, or null.
 */
function deviceLinkCycle(state: EngineState, component: Int32Array, consumer: number, supplier: number): number[] | null {
  const { devs } = state;
  const target = devs[supplier].created ? supplier : parentDevice(devs, devs[supplier]);
  if (target < 0) return null;
  const home = component[consumer];
  // Breadth first from the consumer down its consumers (device links) and children, to the target.
  const cameFrom = new Map<number, { from: number; via: Link | null }>([[consumer, { from: -1, via: null }]]);
  const queue = [consumer];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    if (v === target) {
      const nodes: number[] = [];
      for (let at = v; at >= 0; at = (cameFrom.get(at) as { from: number }).from) {
        nodes.push(at);
        const via = (cameFrom.get(at) as { via: Link | null }).via;
        if (via !== null) via.cycle = true;
      }
      if (target !== supplier) nodes.push(supplier);
      return nodes;
    }
    const next: { w: number; via: Link | null }[] = [];
    for (const link of devs[v].consumerLinks) {
      if (walkable(state, link) && !link.cycle && devs[link.consumer].created) next.push({ w: link.consumer, via: link });
    }
    for (const child of devs[v].children) if (devs[child].created) next.push({ w: child, via: null });
    for (const { w, via } of next) {
      if (cameFrom.has(w) || component[w] !== home) continue;
      cameFrom.set(w, { from: v, via });
      queue.push(w);
    }
  }
  return null;
}

/**
 * K8.4: when `dev` is added, fw_devlink creates its device links (to its suppliers, and from its
 * consumers that have devices) and, for each, walks for a cycle (fw_devlink_create_devlink →
 * __fw_devlink_relax_cycles); every link on a cycle stops blocking. Returns the nodes of the
 * cycles found, in source order, or null.
 */
export function findNewCycle(state: EngineState, dev: Dev, component: Int32Array): number[] | null {
  if (state.knobs.fw_devlink !== 'on' || component[dev.index] < 0) return null;
  const { devs } = state;
  const found = new Set<number>();
  const candidates = [...dev.supplierLinks, ...dev.consumerLinks.filter((link) => devs[link.consumer].created)];
  for (const link of candidates) {
    if (link.cycle || !walkable(state, link) || component[link.consumer] !== component[link.supplier]) continue;
    const nodes =
      state.knobs.fw_devlink_cycles === 'fwnode-walk'
        ? relaxCycles(state, component, link.consumer, link.supplier)
        : deviceLinkCycle(state, component, link.consumer, link.supplier);
    if (nodes === null) continue;
    link.cycle = true;
    for (const node of [link.consumer, ...nodes]) found.add(node);
  }
  return found.size === 0 ? null : [...found].sort((a, b) => a - b);
}
