/**
 * `probe-run export-dts` (SPEC section 8): a scenario as a DTS the oracle's fake drivers and `/init`
 * read: the base board, the scenario's nodes with labels, `compatible`, `status`, `#*-cells`,
 * references as phandles, children as subnodes; faults, drivers and the timeline as `probe-run,*`
 * properties and nodes.
 */
import { errnoName } from '../model/errno.js';
import type { NodeSpec, ProviderKind, Reference, Scenario } from '../model/scenario.js';
import { PROVIDER_KINDS, REFERENCE_KINDS } from '../model/scenario.js';
import { SUPPLIER_KINDS, type SupplierKindRow } from '../model/supplier-kinds.js';
import { BASE_BOARD_LINES } from './base-board.js';
import { kernelCmdline } from './kernel-cmdline.js';
import { numberNamedArgs, type NamedArgNumbers } from './named-args.js';
import { HOTPLUG_CONTAINER, pinConfigKey, planDeviceTree, type DeviceTreePlan, type GraphPort } from './plan-device-tree.js';
import { nodeNameOf, uniqueName } from './dt-names.js';

/** The compatible string an `early: true` driver's nodes also carry, matched by the fake's CLK_OF_DECLARE (K1.3). */
export const EARLY_COMPATIBLE = 'probe-run,early-clock';

/** The property that declares a provider kind's cell count: the supplier table's `#…-cells`, else `#<provider>-cells`. */
const CELLS_PROPERTY = Object.fromEntries(
  PROVIDER_KINDS.map((provider) => {
    const row = REFERENCE_KINDS.map((kind) => SUPPLIER_KINDS[kind] as SupplierKindRow).find((entry) => entry.provider === provider);
    return [provider, row?.dtCells ?? `#${provider}-cells`];
  }),
) as Record<ProviderKind, string>;

/** Empty properties a provider of these kinds also needs to be one (dtc checks them; the kernel reads them). */
const PROVIDER_MARKERS: Partial<Record<ProviderKind, string[]>> = {
  gpio: ['gpio-controller;'],
  // dtc's interrupt_provider check: an interrupt controller says how its interrupt-map parents address it.
  interrupt: ['interrupt-controller;', '#address-cells = <0>;'],
  msi: ['msi-controller;'],
};

interface Context {
  scenario: Scenario;
  plan: DeviceTreePlan;
  named: NamedArgNumbers;
  earlyCompatibles: Set<string>;
  children: Map<string, NodeSpec[]>;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function comment(text: string): string {
  return `/* ${text.replace(/\*\//g, '* /')} */`;
}

function cell(value: number): string {
  if (value < 0) return `(${value})`;
  return value >= 16 ? `0x${value.toString(16)}` : String(value);
}

function argCell(reference: Reference, arg: number | string, ctx: Context): string {
  if (typeof arg === 'number') return cell(arg);
  const number = ctx.named.get(reference.label)?.get(arg);
  if (number === undefined) throw new Error(`no number for argument ${arg} of ${reference.label} (a bug in probe-run)`);
  return cell(number);
}

function phandle(reference: Reference, ctx: Context): string {
  const target = ctx.plan.nodes.get(reference.label);
  if (target === undefined) throw new Error(`reference to unknown node ${reference.label} (a bug in the loader)`);
  return [`&${target.dtsLabel}`, ...reference.args.map((arg) => argCell(reference, arg, ctx))].join(' ');
}

function errnoList(values: readonly number[]): string {
  return `<${values.map(cell).join(' ')}>; ${comment(values.map(errnoName).join(' '))}`;
}

function referenceLines(node: NodeSpec, ctx: Context): string[] {
  const lines: string[] = [];
  for (const kind of REFERENCE_KINDS) {
    const references = node.references.filter((reference) => reference.kind === kind);
    if (references.length === 0) continue;
    switch (kind) {
      case 'pinctrl': {
        // K7.3: a pinctrl reference stands for a pin configuration node under the controller.
        const configs = references.map((reference) => ctx.plan.pinConfigs.get(pinConfigKey(reference.label, reference.args))?.dtsLabel);
        lines.push(`pinctrl-0 = <${configs.map((label) => `&${label}`).join(' ')}>;`, 'pinctrl-names = "default";');
        break;
      }
      case 'supplies':
        // A regulator phandle has no arguments: `vddN-supply = <&reg>`, one property per entry.
        references.forEach((reference, index) => {
          const target = ctx.plan.nodes.get(reference.label);
          const dropped = reference.args.length > 0 ? ` ${comment(`arguments ${reference.args.join(' ')} dropped: a supply has none`)}` : '';
          lines.push(`vdd${index}-supply = <&${target?.dtsLabel}>;${dropped}`);
        });
        break;
      case 'dmas':
        lines.push(`dmas = ${references.map((reference) => `<${phandle(reference, ctx)}>`).join(', ')};`);
        lines.push(`dma-names = ${references.map((_, index) => quote(`dma${index}`)).join(', ')};`);
        break;
      case 'remote-endpoint':
        // An OF graph: the node's port holds an endpoint per peer (planned in planDeviceTree).
        break;
      case 'interrupts':
        // With a phandle per entry, interrupts are written the interrupts-extended way.
        lines.push(`interrupts-extended = ${references.map((reference) => `<${phandle(reference, ctx)}>`).join(', ')};`);
        break;
      default:
        lines.push(`${SUPPLIER_KINDS[kind].dtProperty} = ${references.map((reference) => `<${phandle(reference, ctx)}>`).join(', ')};`);
    }
  }
  return lines;
}

function nodeLines(node: NodeSpec, ctx: Context): string[] {
  const placed = ctx.plan.nodes.get(node.label);
  if (placed === undefined) throw new Error(`node ${node.label} was not placed (a bug in probe-run)`);
  const body: string[] = [];
  const compatible = [...node.compatible];
  // First, so of_clk_init's best match is the fake's early hook, not a real CLK_OF_DECLARE such as fixed-clock.
  if (compatible.some((entry) => ctx.earlyCompatibles.has(entry))) compatible.unshift(EARLY_COMPATIBLE);
  if (compatible.length > 0) body.push(`compatible = ${compatible.map(quote).join(', ')};`);
  body.push(`status = ${quote(node.status)};`);
  body.push(`probe-run,label = ${quote(node.label)};`);
  for (const kind of PROVIDER_KINDS) {
    const cells = node.cells[kind];
    if (cells === undefined) continue;
    body.push(...(PROVIDER_MARKERS[kind] ?? []));
    body.push(`${CELLS_PROPERTY[kind]} = <${cells}>;`);
  }
  body.push(...referenceLines(node, ctx));
  if (node.dmaCoherent) body.push('dma-coherent;');
  if (node.probeWaitsFor.length > 0) {
    body.push(`probe-run,waits-for = <${node.probeWaitsFor.map((label) => `&${ctx.plan.nodes.get(label)?.dtsLabel}`).join(' ')}>;`);
  }
  const fault = ctx.scenario.faults[node.label];
  if (fault !== undefined) {
    if (fault.probe.length > 0) body.push(`probe-run,probe-results = ${errnoList(fault.probe)}`);
    if (fault.xlate !== null) body.push(`probe-run,xlate-result = ${errnoList([fault.xlate])}`);
    if (fault.powerOn !== null) {
      // K6.1: successive power-on results, or (repeat) one error for every power-on.
      body.push(`probe-run,power-on-results = ${errnoList(fault.powerOn.results)}`);
      if (fault.powerOn.repeat) body.push('probe-run,power-on-repeat;');
    }
  }

  const subnodes: string[][] = [];
  for (const config of ctx.plan.pinConfigs.values()) {
    if (config.controller !== node.label) continue;
    const args = config.args.length > 0 ? [`probe-run,args = <${config.args.map((arg) => argCell({ kind: 'pinctrl', label: node.label, args: [] }, arg, ctx)).join(' ')}>;`] : [];
    subnodes.push([`${config.dtsLabel}: ${config.name} {`, ...indent(['probe-run,pins;', ...args]), '};']);
  }
  const port = ctx.plan.ports.get(node.label);
  if (port !== undefined) subnodes.push(portLines(port));
  const children = ctx.children.get(node.label) ?? [];
  subnodes.push(...children.filter((child) => !child.hotplug).map((child) => nodeLines(child, ctx)));
  const hotplug = children.filter((child) => child.hotplug);
  if (hotplug.length > 0) subnodes.push(hotplugContainer(hotplug, ctx));

  const lines = [`${placed.dtsLabel}: ${placed.name} {`, ...indent(body)];
  for (const sub of subnodes) lines.push('', ...indent(sub));
  lines.push('};');
  return lines;
}

function portLines(port: GraphPort): string[] {
  const several = port.endpoints.length > 1;
  const lines = [`${port.name} {`];
  if (several) lines.push('\t#address-cells = <1>;', '\t#size-cells = <0>;');
  port.endpoints.forEach((endpoint, index) => {
    const name = several ? `endpoint@${index}` : 'endpoint';
    const reg = several ? [`reg = <${index}>;`] : [];
    if (several || index > 0) lines.push('');
    lines.push(...indent([`${endpoint.dtsLabel}: ${name} {`, ...indent([...reg, `remote-endpoint = <&${endpoint.peerDtsLabel}>;`]), '};']));
  });
  lines.push('};');
  return lines;
}

function hotplugContainer(nodes: readonly NodeSpec[], ctx: Context): string[] {
  const lines = [`${HOTPLUG_CONTAINER} {`, indent([comment('no compatible: populate skips this node and the nodes under it (timeline add creates them)')])[0]];
  for (const node of nodes) lines.push('', ...indent(nodeLines(node, ctx)));
  lines.push('};');
  return lines;
}

function indent(lines: readonly string[]): string[] {
  return lines.map((line) => (line === '' ? '' : `\t${line}`));
}

function driverLines(scenario: Scenario): string[] {
  const taken = new Set<string>();
  const lines = ['probe-run-drivers {', `\tprobe-run,scenario = ${quote(scenario.id)};`];
  lines.push(`\tprobe-run,modules = ${quote(scenario.kernel.modules === false ? 'off' : 'on')};`);
  for (const driver of scenario.drivers) {
    const body = [
      `probe-run,name = ${quote(driver.name)};`,
      ...(driver.compatible.length > 0 ? [`probe-run,match = ${driver.compatible.map(quote).join(', ')};`] : []),
      `probe-run,initcall = ${quote(driver.initcall)};`,
      `probe-run,build = ${quote(driver.build)};`,
      ...(driver.early ? ['probe-run,early;'] : []),
    ];
    lines.push('', ...indent([`${uniqueName(nodeNameOf(driver.name), taken)} {`, ...indent(body), '};']));
  }
  lines.push('};');
  return lines;
}

function timelineLines(scenario: Scenario, plan: DeviceTreePlan): string[] {
  const lines = ['probe-run-timeline {', `\t${comment('milliseconds after user space starts')}`];
  // K11.1: in time order, entries at one time in file order; the guest's /init runs the steps as numbered.
  const ordered = scenario.timeline.map((entry, order) => ({ entry, order })).sort((a, b) => a.entry.at - b.entry.at || a.order - b.order);
  ordered.forEach(({ entry }, index) => {
    const target =
      entry.action === 'modprobe'
        ? `probe-run,driver = ${quote(entry.target)};`
        : `probe-run,node = &${plan.nodes.get(entry.target)?.dtsLabel};`;
    const body = [`probe-run,at-ms = <${Math.round(entry.at * 1000)}>;`, `probe-run,action = ${quote(entry.action)};`, target];
    lines.push('', ...indent([`step-${index} {`, ...indent(body), '};']));
  });
  lines.push('};');
  return lines;
}

function namedArgComments(named: NamedArgNumbers, plan: DeviceTreePlan): string[] {
  const lines: string[] = [];
  for (const [provider, names] of named) {
    const mapping = [...names].map(([name, number]) => `${name}=${number}`).join(' ');
    lines.push(comment(`arguments of &${plan.nodes.get(provider)?.dtsLabel} by name: ${mapping}`));
  }
  return lines;
}

/** The scenario id and its description wrapped at about 100 columns, as a block comment. */
function headerComment(scenario: Scenario): string[] {
  const lines = ['/*', ` * probe-run scenario ${scenario.id}`, ' *'];
  let line = '';
  for (const word of scenario.description.replace(/\*\//g, '* /').split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > 96) {
      lines.push(` * ${line}`);
      line = '';
    }
    line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(` * ${line}`);
  lines.push(' */');
  return lines;
}

/** The DTS text of a scenario, ready for `dtc -I dts -O dtb` and the oracle's fake drivers (SPEC section 8). */
export function exportDts(scenario: Scenario): string {
  const plan = planDeviceTree(scenario);
  const children = new Map<string, NodeSpec[]>();
  for (const node of scenario.nodes) {
    if (node.parent === null) continue;
    children.set(node.parent, [...(children.get(node.parent) ?? []), node]);
  }
  const ctx: Context = {
    scenario,
    plan,
    named: numberNamedArgs(scenario),
    earlyCompatibles: new Set(scenario.drivers.filter((driver) => driver.early).flatMap((driver) => driver.compatible)),
    children,
  };

  const topLevel = scenario.nodes.filter((node) => node.parent === null);
  const root: string[][] = [[...BASE_BOARD_LINES], ['chosen {', `\tstdout-path = "/pl011@9000000";`, `\tbootargs = ${quote(kernelCmdline(scenario))};`, '};']];
  const named = namedArgComments(ctx.named, plan);
  if (named.length > 0) root.push(named);
  for (const node of topLevel.filter((top) => !top.hotplug)) root.push(nodeLines(node, ctx));
  const hotplug = topLevel.filter((top) => top.hotplug);
  if (hotplug.length > 0) root.push(hotplugContainer(hotplug, ctx));
  root.push(driverLines(scenario), timelineLines(scenario, plan));

  const header = ['/dts-v1/;', '', ...headerComment(scenario), ''];
  const body = root.flatMap((block, index) => (index === 0 ? indent(block) : ['', ...indent(block)]));
  return [...header, '/ {', ...body, '};', ''].join('\n');
}
