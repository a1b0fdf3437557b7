/**
 * Which device-tree nodes become devices at populate, and which become `children` created later by
 * their parent's driver (SPEC section 8; drivers/of/platform.c, v6.12): of_platform_default_populate_init
 * creates the reserved-memory nodes it knows, then populates `/firmware`, the `/chosen` framebuffer,
 * and the root; of_platform_bus_create takes only nodes with a `compatible` (strict), skips
 * operating-points-v2 and nodes already populated (OF_DECLARE early providers), gives a device to
 * each, and recurses only into nodes matching of_default_bus_match_table.
 */
import type { DeviceTreeNode } from '../fdt/device-tree.js';
import { findProperty } from '../fdt/find-property.js';
import { propertyStrings } from '../fdt/property-strings.js';
import { earlyCompatible } from './early-providers.js';

/** of_default_bus_match_table (arm,amba-bus only with CONFIG_ARM_AMBA, which arm64 has). */
export const BUS_COMPATIBLES: readonly string[] = ['simple-bus', 'simple-mfd', 'isa', 'arm,amba-bus'];
/** of_skipped_node_table. */
const SKIPPED_COMPATIBLES: readonly string[] = ['operating-points-v2'];
/** reserved_mem_matches: the reserved-memory nodes that get a device. */
export const RESERVED_MEM_COMPATIBLES: readonly string[] = ['phram', 'qcom,rmtfs-mem', 'qcom,cmd-db', 'qcom,smem', 'ramoops', 'nvmem-rmem', 'google,open-dice'];

/** Why a node is in the scenario: the comment on its line. */
export type PopulateRole =
  | 'root-child'
  | 'bus-child'
  | 'firmware'
  | 'reserved-memory'
  | 'chosen-framebuffer'
  | 'early'
  | 'child';

/** One node of the scenario to be, with the nodes its driver creates. */
export interface PopulatedNode {
  dt: DeviceTreeNode;
  compatible: string[];
  /** `okay` unless its status (or a disabled bus above it) says otherwise (K2.2). */
  okay: boolean;
  /** The status text when not okay, or the disabled bus it sits under, for the comment. */
  disabledBy: string | null;
  role: PopulateRole;
  /** The matching early-provider compatible (K1.3), or null. */
  early: string | null;
  /** Nodes with a `compatible` under this device, created when its driver populates them (assumed). */
  children: PopulatedNode[];
  /** The node is a bus of of_default_bus_match_table: its children were created at populate. */
  bus: boolean;
  /** Created as an AMBA device (arm,primecell): of_amba_device_create. */
  amba: boolean;
}

/** The populate result: top-level scenario nodes in the order the kernel adds their devices. */
export interface PopulateResult {
  nodes: PopulatedNode[];
  /** Parent of every node of the tree, by path (the root has none). */
  parentOf: Map<string, DeviceTreeNode>;
}

/** A node's `compatible` strings (empty when it has none or it is not a string list). */
export function compatibleOf(node: DeviceTreeNode): string[] {
  const property = findProperty(node, 'compatible');
  return property === undefined ? [] : (propertyStrings(property.value) ?? []);
}

/** `status` as the kernel reads it (of_device_is_available: absent, "okay" or "ok"), or the text when not available. */
export function statusProblem(node: DeviceTreeNode): string | null {
  const property = findProperty(node, 'status');
  if (property === undefined) return null;
  const value = propertyStrings(property.value)?.[0] ?? '';
  return value === 'okay' || value === 'ok' ? null : value;
}

/** Runs the populate rules over a whole tree. */
export function populate(root: DeviceTreeNode): PopulateResult {
  const parentOf = new Map<string, DeviceTreeNode>();
  const all: DeviceTreeNode[] = [];
  const stack: DeviceTreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DeviceTreeNode;
    all.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      parentOf.set(node.children[i].path, node);
      stack.push(node.children[i]);
    }
  }
  const taken = new Set<string>();
  const nodes: PopulatedNode[] = [];

  const make = (dt: DeviceTreeNode, role: PopulateRole, disabledAbove: string | null): PopulatedNode => {
    const compatible = compatibleOf(dt);
    const problem = statusProblem(dt);
    taken.add(dt.path);
    return {
      dt,
      compatible,
      okay: problem === null && disabledAbove === null,
      disabledBy: problem !== null ? `status = "${problem}"` : disabledAbove,
      role,
      early: earlyCompatible(compatible),
      children: [],
      bus: false,
      amba: false,
    };
  };

  // Children a driver creates (of_platform_populate in its probe): direct children with a compatible.
  const addChildren = (parent: PopulatedNode): void => {
    for (const child of parent.dt.children) {
      const compatible = compatibleOf(child);
      if (compatible.length === 0 || taken.has(child.path) || compatible.some((c) => SKIPPED_COMPATIBLES.includes(c))) continue;
      const node = make(child, 'child', parent.okay ? null : `under ${parent.dt.path}, which has no device`);
      parent.children.push(node);
      addChildren(node);
    }
  };

  // of_platform_bus_create(bus, strict = true), recursively; `disabledAbove` models a bus without a device.
  const busCreate = (dt: DeviceTreeNode, role: PopulateRole, disabledAbove: string | null): void => {
    const compatible = compatibleOf(dt);
    if (compatible.length === 0 || compatible.some((c) => SKIPPED_COMPATIBLES.includes(c)) || taken.has(dt.path)) return;
    const node = make(dt, role, disabledAbove);
    nodes.push(node);
    if (node.early !== null) {
      node.role = 'early';
      return;
    }
    if (compatible.includes('arm,primecell')) {
      node.amba = true;
      addChildren(node);
      return;
    }
    if (compatible.some((c) => BUS_COMPATIBLES.includes(c))) {
      node.bus = true;
      const below = node.okay ? null : `under ${dt.path}, which has no device`;
      for (const child of dt.children) busCreate(child, 'bus-child', below);
      return;
    }
    addChildren(node);
  };

  // 1. reserved_mem_matches, anywhere in the tree, no recursion.
  for (const dt of all) {
    if (compatibleOf(dt).some((c) => RESERVED_MEM_COMPATIBLES.includes(c))) {
      const node = make(dt, 'reserved-memory', null);
      nodes.push(node);
      addChildren(node);
    }
  }
  // 2. /firmware's children; 3. the first simple-framebuffer under /chosen; 4. the root's children.
  const firmware = root.children.find((c) => c.name === 'firmware');
  if (firmware !== undefined) for (const child of firmware.children) busCreate(child, 'firmware', null);
  const chosen = root.children.find((c) => c.name === 'chosen');
  const framebuffer = chosen?.children.find((c) => compatibleOf(c).includes('simple-framebuffer'));
  if (framebuffer !== undefined && !taken.has(framebuffer.path)) nodes.push(make(framebuffer, 'chosen-framebuffer', null));
  for (const child of root.children) {
    if (['__symbols__', '__fixups__', '__local_fixups__', 'aliases', 'chosen'].includes(child.name)) continue;
    busCreate(child, 'root-child', null);
  }
  // Early providers the populate walk never reached (a fixed-clock under a plain /clocks node):
  // they register at time 0 all the same (K1.3), so they lead the list, in document order.
  const orphans: PopulatedNode[] = [];
  for (const dt of all) {
    if (taken.has(dt.path) || earlyCompatible(compatibleOf(dt)) === null || isUnder(dt, parentOf, ['cpus', '__symbols__'])) continue;
    const node = make(dt, 'early', null);
    orphans.push(node);
  }
  return { nodes: [...orphans, ...nodes], parentOf };
}

/** True when a root child named one of `names` is an ancestor of `dt`. */
function isUnder(dt: DeviceTreeNode, parentOf: Map<string, DeviceTreeNode>, names: string[]): boolean {
  for (let p = parentOf.get(dt.path); p !== undefined; p = parentOf.get(p.path)) {
    if (parentOf.get(p.path)?.path === '/' && names.includes(p.name)) return true;
  }
  return false;
}
