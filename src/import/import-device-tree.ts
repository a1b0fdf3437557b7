/**
 * `probe-run import` without the outside world (SPEC section 8): a device tree (and what a kernel
 * build says about drivers) in, scenario YAML text out. Every guess is a YAML comment on the line it
 * decided, and a summary comment heads the file.
 */
import type { DeviceTreeNode } from '../fdt/device-tree.js';
import type { FdtDiagnostic } from '../fdt/fdt-diagnostic.js';
import { findProperty } from '../fdt/find-property.js';
import { phandleTable } from '../fdt/phandle-table.js';
import { propertyCells } from '../fdt/property-cells.js';
import { symbolLabels } from '../fdt/symbol-labels.js';
import { walkTree } from '../fdt/walk-tree.js';
import type { ProfileName } from '../model/knobs.js';
import { PROVIDER_KINDS, REFERENCE_KINDS, SUPPLIER_KINDS, targetOf, type ProviderKind, type ReferenceKind } from '../model/supplier-kinds.js';
import { chooseDrivers, type ImportedDriver, type NodeDriverChoice } from './choose-drivers.js';
import type { KernelBuild } from './kernel-build.js';
import { populate, type PopulatedNode } from './populate.js';
import { readGraphLinks, readReferences, type TreeIndex } from './read-references.js';
import { LabelAllocator } from './scenario-labels.js';

/** What the caller says about the input. */
export interface ImportOptions {
  /** How the source is named in the file's header (a file name, never an absolute path in tests). */
  source: string;
  /** The kernel build's driver facts, or null: every compatible gets a guessed built-in driver. */
  kernel: KernelBuild | null;
  /** The schema path for the editor modeline, relative to where the file will live (default: a file in scenarios/<group>/). */
  schemaRef?: string;
}

/** Counts for the summary comment, the CLI and tools/import-all-dtbs.ts. */
export interface ImportSummary {
  treeNodes: number;
  /** Scenario nodes (devices, children, disabled and early nodes). */
  nodes: number;
  /** Top-level nodes that get a device at populate (okay, not early). */
  devices: number;
  children: number;
  disabled: number;
  early: number;
  references: number;
  /** References by kind, in table order, only kinds that occur. */
  byKind: Partial<Record<ReferenceKind, number>>;
  /** Entries that could not be read or name nothing in the scenario. */
  dropped: number;
  drivers: { builtin: number; module: number; guessed: number; early: number };
}

/** The imported scenario text, its figures, and the device-tree warnings met on the way. */
export interface ImportResult {
  yaml: string;
  summary: ImportSummary;
  warnings: FdtDiagnostic[];
}

/** One scenario node being written. */
interface OutNode {
  source: PopulatedNode;
  label: string;
  labelFrom: 'symbol' | 'name';
  cells: Map<ProviderKind, { count: number; note: string | null }>;
  references: Map<ReferenceKind, { text: string[]; notes: string[] }>;
  dropped: string[];
  driver: NodeDriverChoice;
  children: OutNode[];
}

/** The profile closest to a kernel version (the newest profile not newer than it), v6.12 when unknown. */
export function profileForVersion(version: string | null): { profile: ProfileName; guessed: boolean } {
  if (version === null) return { profile: 'v6.12', guessed: true };
  const [major, minor] = version.split('.').map(Number);
  const v = major * 1000 + minor;
  const table: [number, ProfileName][] = [
    [6015, 'v6.15'],
    [6012, 'v6.12'],
    [6008, 'v6.8'],
    [6001, 'v6.1'],
    [4012, 'v4.12'],
  ];
  for (const [from, profile] of table) if (v >= from) return { profile, guessed: false };
  return { profile: 'v3.19', guessed: false };
}

const quote = (s: string): string => JSON.stringify(s);

/** Imports a whole tree. Never throws on a well-formed tree; problems become comments and warnings. */
export function importDeviceTree(root: DeviceTreeNode, options: ImportOptions): ImportResult {
  const all = walkTree(root);
  const phandles = phandleTable(root);
  const symbols = symbolLabels(root);
  const { nodes: populated, parentOf } = populate(root);
  const index: TreeIndex = { byPhandle: phandles.byPhandle, parentOf };

  // Labels and the flat list, in output order (parents before children).
  const labels = new LabelAllocator();
  const flat: OutNode[] = [];
  const byPath = new Map<string, OutNode>();
  const build = (source: PopulatedNode): OutNode => {
    const { label, from } = labels.take(symbols.byPath.get(source.dt.path) ?? [], source.dt.name);
    const node: OutNode = { source, label, labelFrom: from, cells: new Map(), references: new Map(), dropped: [], driver: { driver: null, note: '' }, children: [] };
    flat.push(node);
    byPath.set(source.dt.path, node);
    node.children = source.children.map(build);
    return node;
  };
  const top = populated.map(build);

  // Provider cells the tree declares (#clock-cells …), for the kinds that have a cells property.
  for (const node of flat) {
    for (const kind of REFERENCE_KINDS) {
      const target = targetOf(kind);
      const cellsName = SUPPLIER_KINDS[kind].dtCells;
      if (target.cells !== 'declared' || cellsName === null) continue;
      const property = findProperty(node.source.dt, cellsName);
      const cells = property === undefined ? null : propertyCells(property.value);
      if (cells === null || cells.length !== 1 || node.cells.has(target.provider)) continue;
      const count = Math.min(cells[0], 16);
      node.cells.set(target.provider, { count, note: cells[0] > 16 ? `${cellsName} = ${cells[0]}, more than a scenario allows: 16` : null });
    }
  }

  const nearest = (dt: DeviceTreeNode): OutNode | null => {
    for (let p: DeviceTreeNode | undefined = dt; p !== undefined; p = parentOf.get(p.path)) {
      const found = byPath.get(p.path);
      if (found !== undefined) return found;
    }
    return null;
  };

  let dropped = 0;
  const addReference = (from: OutNode, kind: ReferenceKind, property: string, target: DeviceTreeNode, args: number[], note: string | null): void => {
    const to = nearest(target);
    if (to === null) {
      from.dropped.push(`${property} → ${target.path}: no device there or above it`);
      dropped++;
      return;
    }
    if (to === from) {
      if (target !== from.source.dt) {
        from.dropped.push(`${property} → ${target.path}: inside the node itself`);
        dropped++;
      } else {
        from.dropped.push(`${property} → itself`);
        dropped++;
      }
      return;
    }
    const notes: string[] = [];
    if (note !== null) notes.push(note);
    if (to.source.dt !== target) notes.push(`${property} → ${target.path}: stands for ${to.source.dt.path}`);
    let written = args;
    const rule = targetOf(kind);
    switch (rule.cells) {
      case 'none':
        written = [];
        break;
      case 'declared': {
        const have = to.cells.get(rule.provider);
        if (have === undefined) {
          to.cells.set(rule.provider, { count: args.length, note: `import: ${from.label}'s ${property} names it (the tree declares no ${rule.provider}-cells here)` });
        } else if (have.count !== args.length) {
          written = [...args.slice(0, have.count), ...new Array(Math.max(0, have.count - args.length)).fill(0)];
          notes.push(`${property}: ${args.length} cells made ${have.count}`);
        }
        break;
      }
      default: {
        const never: never = rule;
        throw new Error(`probe-run bug: unknown reference target ${String(never)}`);
      }
    }
    const text = [to.label, ...written.map(String)].join(' ');
    let entry = from.references.get(kind);
    if (entry === undefined) {
      entry = { text: [], notes: [] };
      from.references.set(kind, entry);
    }
    if (!entry.text.includes(text)) entry.text.push(text);
    for (const n of notes) if (!entry.notes.includes(n)) entry.notes.push(n);
  };

  for (const node of flat) {
    const { references, dropped: unreadable } = readReferences(node.source.dt, index);
    for (const r of references) addReference(node, r.kind, r.property, r.target, r.args, r.note);
    for (const d of unreadable) {
      node.dropped.push(`${d.property}: ${d.reason}`);
      dropped++;
    }
  }
  // OF graph: the endpoint's device consumes the remote endpoint's device (get_con_dev).
  for (const link of readGraphLinks(all, index)) {
    const consumer = nearest(link.consumer);
    if (consumer === null) continue;
    addReference(consumer, 'remote-endpoint', 'remote-endpoint', link.supplier, [], null);
  }

  const choice = chooseDrivers(
    flat.map((n) => ({ compatible: n.source.compatible })),
    options.kernel,
  );
  flat.forEach((n, i) => {
    n.driver = choice.perNode[i];
  });

  const summary = summarise(all.length, flat, top, choice.drivers, dropped);
  const yaml = writeYaml(options, top, choice.drivers, summary, all.length);
  return { yaml, summary, warnings: [...phandles.diagnostics, ...symbols.diagnostics] };
}

function summarise(treeNodes: number, flat: OutNode[], top: OutNode[], drivers: ImportedDriver[], dropped: number): ImportSummary {
  const byKind: Partial<Record<ReferenceKind, number>> = {};
  let references = 0;
  for (const kind of REFERENCE_KINDS) {
    const count = flat.reduce((sum, n) => sum + (n.references.get(kind)?.text.length ?? 0), 0);
    if (count > 0) byKind[kind] = count;
    references += count;
  }
  const isEarly = (n: OutNode) => n.source.early !== null;
  return {
    treeNodes,
    nodes: flat.length,
    devices: top.filter((n) => n.source.okay && !isEarly(n)).length,
    children: flat.length - top.length,
    disabled: flat.filter((n) => !n.source.okay).length,
    early: flat.filter(isEarly).length,
    references,
    byKind,
    dropped,
    drivers: {
      builtin: drivers.filter((d) => d.origin === 'builtin').length,
      module: drivers.filter((d) => d.origin === 'module').length,
      guessed: drivers.filter((d) => d.origin === 'guessed').length,
      early: drivers.filter((d) => d.origin === 'early').length,
    },
  };
}

const ROLE_NOTE: Record<PopulatedNode['role'], string> = {
  'root-child': 'root child: device at populate',
  'bus-child': 'on a bus: device at populate',
  firmware: '/firmware child: device at populate',
  'reserved-memory': 'reserved_mem_matches: device at populate',
  'chosen-framebuffer': '/chosen simple-framebuffer: device at populate',
  early: 'early provider: no device (K1.3)',
  child: "created by its parent's driver (assumed: it populates its children)",
};

function writeYaml(options: ImportOptions, top: OutNode[], drivers: ImportedDriver[], summary: ImportSummary, treeNodes: number): string {
  const kernel = options.kernel;
  const { profile, guessed } = profileForVersion(kernel?.version ?? null);
  const lines: string[] = [];
  const kinds = Object.entries(summary.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  lines.push(
    `# yaml-language-server: $schema=${options.schemaRef ?? '../../schema/scenario.schema.json'}`,
    `# Imported by probe-run import from ${options.source} (SPEC section 8).`,
    `# ${treeNodes} tree nodes -> ${summary.nodes} scenario nodes: ${summary.devices} devices at populate, ${summary.children} children created by their parent's driver, ${summary.disabled} disabled, ${summary.early} early providers.`,
    `# ${summary.references} references (${kinds || 'none'}); ${summary.dropped} entries dropped (see the comments).`,
    `# Drivers: ${summary.drivers.builtin} built in, ${summary.drivers.module} modules, ${summary.drivers.guessed} guessed, ${summary.drivers.early} early (early-provider table).`,
    kernel === null
      ? '# No --kernel: every compatible got a built-in device-level driver (guessed), so nothing waits for a module.'
      : `# Kernel build: ${kernel.sources.join(', ') || 'no files'}.`,
    '# Assumed: a device populates its compatible children when its driver binds; bus children are top-level nodes.',
    '# Faults, timeline and expect are yours to add.',
    `description: ${quote(`Imported from ${options.source}: ${summary.devices} devices at populate, ${summary.children} children, ${summary.references} references, ${drivers.length} drivers.`)}`,
    'kernel:',
    `  profile: ${profile}${guessed ? '  # guessed: no kernel version known' : `  # kernel ${kernel?.version}`}`,
  );
  if (kernel?.modules !== null && kernel?.modules !== undefined) lines.push(`  modules: ${kernel.modules}  # CONFIG_MODULES in .config`);
  lines.push(top.length === 0 ? 'nodes: {}  # nothing the kernel would populate' : 'nodes:');
  const writeNode = (node: OutNode, indent: string): void => {
    const dt = node.source.dt;
    const role = ROLE_NOTE[node.source.role];
    const extra = [node.labelFrom === 'name' ? 'label from the node name' : null, node.source.amba ? 'AMBA device (arm,primecell)' : null, node.source.bus ? 'bus: its children are added at populate' : null]
      .filter((s) => s !== null)
      .join('; ');
    lines.push(`${indent}${node.label}:  # ${role}${extra ? `; ${extra}` : ''}`);
    const inner = `${indent}  `;
    lines.push(`${inner}path: ${quote(dt.path)}`);
    if (node.source.compatible.length > 0) lines.push(`${inner}compatible: [${node.source.compatible.map(quote).join(', ')}]  # ${node.driver.note}`);
    if (!node.source.okay) lines.push(`${inner}status: disabled  # ${node.source.disabledBy}`);
    for (const kind of PROVIDER_KINDS) {
      const cells = node.cells.get(kind);
      if (cells !== undefined) lines.push(`${inner}${kind}-cells: ${cells.count}${cells.note ? `  # ${cells.note}` : ''}`);
    }
    for (const kind of REFERENCE_KINDS) {
      const refs = node.references.get(kind);
      if (refs === undefined || refs.text.length === 0) continue;
      const notes = refs.notes.length > 3 ? [...refs.notes.slice(0, 3), `and ${refs.notes.length - 3} more`] : refs.notes;
      lines.push(`${inner}${kind}: [${refs.text.join(', ')}]${notes.length ? `  # ${notes.join('; ')}` : ''}`);
    }
    if (findProperty(dt, 'dma-coherent') !== undefined) lines.push(`${inner}dma-coherent: true`);
    for (const d of node.dropped) lines.push(`${inner}# dropped: ${d}`);
    if (node.children.length > 0) {
      lines.push(`${inner}children:`);
      for (const child of node.children) writeNode(child, `${inner}  `);
    }
  };
  for (const node of top) writeNode(node, '  ');
  if (drivers.length > 0) {
    lines.push('drivers:  # in link order within each initcall level');
    for (const d of drivers) {
      const fields = [`compatible: [${d.compatible.map(quote).join(', ')}]`];
      if (d.early) fields.push('early: true');
      else if (d.initcall !== 'device') fields.push(`initcall: ${d.initcall}`);
      if (d.build !== 'builtin') fields.push(`build: ${d.build}`);
      lines.push(`  ${quote(d.name)}: { ${fields.join(', ')} }  # ${d.note}`);
    }
  }
  const modules = drivers.filter((d) => d.build === 'module');
  if (modules.length > 0) {
    lines.push('timeline:  # guessed: udev loads every module at coldplug, 1 s after user space starts');
    for (const d of modules) lines.push(`  - { at: 1, modprobe: ${quote(d.name)} }`);
  }
  return `${lines.join('\n')}\n`;
}
