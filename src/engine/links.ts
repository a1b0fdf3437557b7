/** fw_devlink: the links a device gets from its node's references (K8.1, K8.3) and cycle breaking (K8.4). */
import type { ReferenceKind } from '../model/scenario.js';
import { visitOrder } from './shuffle.js';
import type { Dev, EngineState, Link } from './state.js';

/** Reference kinds that make a blocking fw_devlink link (K8.1). */
const LINKED: ReadonlySet<ReferenceKind> = new Set(['clocks', 'interconnects', 'power-domains', 'phys', 'pinctrl', 'resets', 'supplies']);
/** Kinds that only link under fw_devlink.strict (K8.1). */
const STRICT_ONLY: ReadonlySet<ReferenceKind> = new Set(['iommus', 'dmas']);

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
      if (!LINKED.has(ref.kind) && !(STRICT_ONLY.has(ref.kind) && state.knobs.fw_devlink_strict)) return;
      const target = dev.refTargets[i];
      const supplier = devs[target];
      // K8.3: no link to a disabled node, an early provider, the device itself or its ancestor.
      if (target === dev.index || lastConsumer[target] === dev.index) return;
      if (supplier.spec.status !== 'okay' || supplier.earlyDriver >= 0 || isAncestor(devs, target, dev)) return;
      lastConsumer[target] = dev.index;
      const deferral = { type: 'defer', cause: { kind: 'supplier', supplier: supplier.spec.label } } as const;
      const link: Link = { consumer: dev.index, supplier: target, cycle: false, relaxed: false, deferral };
      // Both lists start as a shared empty array (see createState): give each its own on first use.
      if (dev.supplierLinks.length === 0) dev.supplierLinks = [];
      if (supplier.consumerLinks.length === 0) supplier.consumerLinks = [];
      dev.supplierLinks.push(link);
      supplier.consumerLinks.push(link);
    });
  }
}

/** True when the link stops the consumer's probe while its supplier is unbound (K8.2, K8.4, K8.5). */
export function linkBlocks(state: EngineState, link: Link): boolean {
  return state.knobs.fw_devlink === 'on' && !link.cycle && !link.relaxed;
}

/**
 * K8.4: finds the strongly connected components of the blocking-link graph (Tarjan, iterative, in
 * node order so the result is deterministic), marks every link inside one as a cycle link and
 * returns each component's nodes in source order.
 */
export function breakCycles(state: EngineState): number[][] {
  if (state.knobs.fw_devlink !== 'on') return [];
  const { devs } = state;
  const n = devs.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;
  // Components do not depend on where the search starts; they are sorted below.
  for (const root of visitOrder(n, state.shuffle)) {
    if (index[root] >= 0 || devs[root].supplierLinks.length === 0) continue;
    const frames: { v: number; edge: number }[] = [{ v: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const links = devs[frame.v].supplierLinks;
      if (frame.edge < links.length) {
        const w = links[frame.edge++].supplier;
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push({ v: w, edge: 0 });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v], index[w]);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].v;
        low[parent] = Math.min(low[parent], low[frame.v]);
      }
      if (low[frame.v] === index[frame.v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          members.push(w);
        } while (w !== frame.v);
        if (members.length > 1) {
          const id = cycles.length;
          for (const m of members) component[m] = id;
          cycles.push(members.sort((a, b) => a - b));
        }
      }
    }
  }
  for (const dev of devs) {
    for (const link of dev.supplierLinks) {
      if (component[link.consumer] >= 0 && component[link.consumer] === component[link.supplier]) link.cycle = true;
    }
  }
  return cycles.sort((a, b) => a[0] - b[0]);
}
