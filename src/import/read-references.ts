/**
 * The supplier references of one node, read the way fw_devlink reads them (SPEC section 8;
 * of_supplier_bindings in drivers/of/property.c, v6.12): which property names which kind, how many
 * argument cells each entry has (the target's `#<kind>-cells`), and which scenario node stands for
 * a target that never becomes a device (its nearest ancestor in the scenario: a pin configuration
 * node stands for its controller, a regulator node for its PMIC).
 */
import type { DeviceTreeNode, DeviceTreeProperty } from '../fdt/device-tree.js';
import { findProperty } from '../fdt/find-property.js';
import { propertyCells } from '../fdt/property-cells.js';
import { SUPPLIER_KINDS, type ReferenceKind } from '../model/supplier-kinds.js';

/** How a property's entries are read. */
type Reader =
  /** parse_prop_cells: `<&target arg…>…`, a missing `#cells` counts as 0. */
  | 'simple'
  /** of_parse_phandle_with_args with a cells name: a missing `#cells` ends the list. */
  | 'strict'
  /** Bare phandles, no cells (NULL cells name). */
  | 'bare';

/** Which device-tree properties feed one kind, and how they are read. */
interface PropertyRule {
  matches: (name: string, node: DeviceTreeNode) => boolean;
  reader: Reader;
}

const named =
  (...names: string[]) =>
  (name: string): boolean =>
    names.includes(name);

/**
 * One rule per supplier kind: a Record over every kind, so a row added to the supplier table without
 * an import rule is a compile error. `interrupts` and `remote-endpoint` need the tree around the node
 * and are read by their own functions; their rules match nothing here.
 */
export const PROPERTY_RULES: Record<ReferenceKind, PropertyRule> = {
  clocks: { matches: named('clocks'), reader: 'simple' },
  interconnects: { matches: named('interconnects'), reader: 'simple' },
  iommus: { matches: named('iommus'), reader: 'simple' },
  mboxes: { matches: named('mboxes'), reader: 'simple' },
  'io-channels': { matches: named('io-channels'), reader: 'simple' },
  dmas: { matches: named('dmas'), reader: 'simple' },
  'power-domains': { matches: named('power-domains'), reader: 'simple' },
  hwlocks: { matches: named('hwlocks'), reader: 'simple' },
  extcon: { matches: named('extcon'), reader: 'bare' },
  'nvmem-cells': { matches: named('nvmem-cells'), reader: 'simple' },
  phys: { matches: named('phys'), reader: 'simple' },
  'wakeup-parent': { matches: named('wakeup-parent'), reader: 'bare' },
  pinctrl: { matches: (name) => /^pinctrl-[0-8]$/.test(name), reader: 'bare' },
  'remote-endpoint': { matches: () => false, reader: 'bare' },
  pwms: { matches: named('pwms'), reader: 'simple' },
  resets: { matches: named('resets'), reader: 'simple' },
  leds: { matches: named('leds'), reader: 'bare' },
  backlight: { matches: named('backlight'), reader: 'bare' },
  panel: { matches: named('panel'), reader: 'bare' },
  'msi-parent': { matches: named('msi-parent'), reader: 'simple' },
  // parse_gpio_compat (gpio, gpios; not on a gpio-hog), parse_gpios (*-gpios but not *,nr-gpios), parse_gpio (*-gpio).
  gpios: {
    matches: (name, node) =>
      ((name === 'gpio' || name === 'gpios') && findProperty(node, 'gpio-hog') === undefined) ||
      (name.endsWith('-gpios') && !name.endsWith(',nr-gpios')) ||
      name.endsWith('-gpio'),
    reader: 'strict',
  },
  interrupts: { matches: () => false, reader: 'strict' },
  supplies: { matches: (name) => name.endsWith('-supply'), reader: 'bare' },
  'post-init-providers': { matches: named('post-init-providers'), reader: 'bare' },
};

/** One entry as the device tree has it: the target node and its argument cells. */
export interface RawReference {
  kind: ReferenceKind;
  /** The property it came from (`vmmc-supply`, `pinctrl-0`, `interrupts`). */
  property: string;
  target: DeviceTreeNode;
  args: number[];
  /** What import decided on the way (inherited interrupt parent), or null. */
  note: string | null;
}

/** An entry that could not be read, and why (a comment in the output). */
export interface DroppedReference {
  property: string;
  reason: string;
}

/** What the tree around a node offers the readers. */
export interface TreeIndex {
  byPhandle: Map<number, DeviceTreeNode>;
  parentOf: Map<string, DeviceTreeNode>;
}

const cellsValue = (node: DeviceTreeNode, name: string): number | null => {
  const property = findProperty(node, name);
  const cells = property === undefined ? null : propertyCells(property.value);
  return cells !== null && cells.length === 1 ? cells[0] : null;
};

/** `<&a x y &b z>`: phandles and their argument cells, counted by the target's `#cells` (of_phandle_iterator). */
function readPhandleList(kind: ReferenceKind, property: DeviceTreeProperty, reader: Reader, cellsName: string | null, index: TreeIndex, out: RawReference[], dropped: DroppedReference[]): void {
  const cells = propertyCells(property.value);
  if (cells === null) {
    dropped.push({ property: property.name, reason: `${property.value.length} bytes is not a list of cells` });
    return;
  }
  let i = 0;
  while (i < cells.length) {
    const phandle = cells[i];
    if (phandle === 0) {
      // An empty entry (phandle 0) holds no arguments.
      i += 1;
      continue;
    }
    const target = index.byPhandle.get(phandle);
    if (target === undefined) {
      dropped.push({ property: property.name, reason: `phandle ${phandle} names no node; the rest of the list is unreadable` });
      return;
    }
    let count = 0;
    if (reader !== 'bare' && cellsName !== null) {
      const declared = cellsValue(target, cellsName);
      if (declared === null && reader === 'strict') {
        dropped.push({ property: property.name, reason: `${target.path} has no ${cellsName}; the rest of the list is unreadable` });
        return;
      }
      count = declared ?? 0;
    }
    if (i + 1 + count > cells.length) {
      dropped.push({ property: property.name, reason: `the entry for ${target.path} needs ${count} argument cells, the list ends first` });
      return;
    }
    out.push({ kind, property: property.name, target, args: cells.slice(i + 1, i + 1 + count), note: null });
    i += 1 + count;
  }
}

/** of_irq_find_parent: `interrupt-parent`, else the parent node, until one has `#interrupt-cells`. */
export function interruptParent(node: DeviceTreeNode, index: TreeIndex): { parent: DeviceTreeNode; inherited: boolean } | null {
  let child = node;
  let inherited = true;
  for (let guard = 0; guard < 256; guard++) {
    const property = findProperty(child, 'interrupt-parent');
    const cells = property === undefined ? null : propertyCells(property.value);
    let next: DeviceTreeNode | undefined;
    if (cells !== null && cells.length === 1) {
      next = index.byPhandle.get(cells[0]);
      if (child === node) inherited = false;
    } else {
      next = index.parentOf.get(child.path);
    }
    if (next === undefined) return null;
    if (findProperty(next, '#interrupt-cells') !== undefined) return { parent: next, inherited };
    child = next;
  }
  return null;
}

/** `interrupts-extended`, else `interrupts` to the interrupt parent (parse_interrupts → of_irq_parse_one). */
function readInterrupts(node: DeviceTreeNode, index: TreeIndex, out: RawReference[], dropped: DroppedReference[]): void {
  const extended = findProperty(node, 'interrupts-extended');
  if (extended !== undefined) {
    readPhandleList('interrupts', extended, 'strict', '#interrupt-cells', index, out, dropped);
    return;
  }
  const interrupts = findProperty(node, 'interrupts');
  if (interrupts === undefined) return;
  const cells = propertyCells(interrupts.value);
  const found = interruptParent(node, index);
  if (cells === null || found === null) {
    dropped.push({ property: 'interrupts', reason: cells === null ? 'not a list of cells' : 'no interrupt parent with #interrupt-cells above the node' });
    return;
  }
  const count = cellsValue(found.parent, '#interrupt-cells') ?? 0;
  const note = found.inherited ? `interrupt parent ${found.parent.path} inherited` : null;
  if (count === 0) {
    out.push({ kind: 'interrupts', property: 'interrupts', target: found.parent, args: [], note });
    return;
  }
  for (let i = 0; i + count <= cells.length; i += count) out.push({ kind: 'interrupts', property: 'interrupts', target: found.parent, args: cells.slice(i, i + count), note });
}

/** The references a node's own properties make, grouped in the supplier table's order. */
export function readReferences(node: DeviceTreeNode, index: TreeIndex): { references: RawReference[]; dropped: DroppedReference[] } {
  const references: RawReference[] = [];
  const dropped: DroppedReference[] = [];
  for (const kind of Object.keys(SUPPLIER_KINDS) as ReferenceKind[]) {
    if (kind === 'interrupts') {
      readInterrupts(node, index, references, dropped);
      continue;
    }
    const rule = PROPERTY_RULES[kind];
    for (const property of node.properties) {
      if (rule.matches(property.name, node)) readPhandleList(kind, property, rule.reader, SUPPLIER_KINDS[kind].dtCells, index, references, dropped);
    }
  }
  return { references, dropped };
}

/**
 * of_graph_get_port_parent: from an endpoint up to its port, then past a `ports` (in-ports,
 * out-ports) node to the device that owns them.
 */
export function portParent(endpoint: DeviceTreeNode, parentOf: Map<string, DeviceTreeNode>): DeviceTreeNode | null {
  const port = parentOf.get(endpoint.path);
  const up = port === undefined ? undefined : parentOf.get(port.path);
  if (up === undefined) return null;
  const base = up.name.split('@')[0];
  if (base === 'ports' || base === 'in-ports' || base === 'out-ports') return parentOf.get(up.path) ?? null;
  return up;
}

/** Every remote-endpoint link of the tree: the consumer is the endpoint's port parent, the supplier the remote one's (parse_remote_endpoint). */
export function readGraphLinks(all: readonly DeviceTreeNode[], index: TreeIndex): { consumer: DeviceTreeNode; supplier: DeviceTreeNode; endpoint: DeviceTreeNode }[] {
  const links: { consumer: DeviceTreeNode; supplier: DeviceTreeNode; endpoint: DeviceTreeNode }[] = [];
  for (const endpoint of all) {
    const property = findProperty(endpoint, 'remote-endpoint');
    const cells = property === undefined ? null : propertyCells(property.value);
    if (cells === null || cells.length !== 1) continue;
    const remote = index.byPhandle.get(cells[0]);
    const consumer = portParent(endpoint, index.parentOf);
    const supplier = remote === undefined ? null : portParent(remote, index.parentOf);
    if (consumer !== null && supplier !== null) links.push({ consumer, supplier, endpoint });
  }
  return links;
}
