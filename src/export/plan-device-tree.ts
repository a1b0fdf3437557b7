/** Where each scenario node goes in the exported device tree: node name, dtc label, path, containers. */
import type { NodeSpec, Scenario } from '../model/scenario.js';
import { RESERVED_LABELS, RESERVED_ROOT_NAMES } from './base-board.js';
import { dtsLabelOf, nodeNameOf, uniqueName } from './dt-names.js';

/** The node that holds hot-pluggable nodes: it has no `compatible`, so populate skips it and them. */
export const HOTPLUG_CONTAINER = 'probe-run-hotplug';

/** One scenario node's place in the exported tree. */
export interface PlacedNode {
  /** The scenario label (`pd_disp`). */
  label: string;
  /** The dtc label (`pd_disp`; `-` becomes `_`). */
  dtsLabel: string;
  /** The node name (`pd-disp`; `_` becomes `-`), unique among its siblings. */
  name: string;
  /** Full path, e.g. `/probe-run-hotplug/cam`: how a booted kernel names the node (`of_node`). */
  path: string;
}

/** One pin configuration node under a pin controller: what a `pinctrl: [ctrl args…]` reference points at (K7.3). */
export interface PinConfig {
  /** Label of the controller node. */
  controller: string;
  args: (number | string)[];
  name: string;
  dtsLabel: string;
}

/** One endpoint of a node's graph `port`: what a `remote-endpoint: [peer]` reference becomes. */
export interface GraphEndpoint {
  peer: string;
  /** dtc label of this endpoint. */
  dtsLabel: string;
  /** dtc label of the peer's endpoint that points back (dtc wants graph links both ways). */
  peerDtsLabel: string;
}

/** A node's graph port: its name (unique among the node's subnodes) and endpoints in order of first use. */
export interface GraphPort {
  name: string;
  endpoints: GraphEndpoint[];
}

/** Every placement decision of the export, computed before any text is written. */
export interface DeviceTreePlan {
  /** Keyed by scenario label, in scenario order. */
  nodes: Map<string, PlacedNode>;
  /** Pin configuration nodes keyed by `controller` then `args` joined by spaces, in order of first use. */
  pinConfigs: Map<string, PinConfig>;
  /** Graph ports keyed by node label: each `remote-endpoint` reference is one pair of endpoints, shared when both sides name each other. */
  ports: Map<string, GraphPort>;
}

/** The key of a pin configuration in `DeviceTreePlan.pinConfigs`. */
export function pinConfigKey(controller: string, args: readonly (number | string)[]): string {
  return [controller, ...args].join(' ');
}

/**
 * Places every node: top-level nodes under the root, children under their parent, hot-pluggable
 * nodes inside a `probe-run-hotplug` container under their parent; names and labels made valid and
 * unique in file order (the base board's names and labels are taken first).
 */
export function planDeviceTree(scenario: Scenario): DeviceTreePlan {
  const labels = new Set<string>(RESERVED_LABELS);
  const siblingNames = new Map<string, Set<string>>();
  const namesUnder = (path: string): Set<string> => {
    let taken = siblingNames.get(path);
    if (taken === undefined) {
      taken = new Set(path === '' ? RESERVED_ROOT_NAMES : [HOTPLUG_CONTAINER]);
      siblingNames.set(path, taken);
    }
    return taken;
  };
  const nodes = new Map<string, PlacedNode>();
  const byLabel = new Map(scenario.nodes.map((node) => [node.label, node]));
  const parentPath = (node: NodeSpec): string => {
    const parent = node.parent === null ? '' : (nodes.get(node.parent)?.path ?? '');
    return node.hotplug ? `${parent}/${HOTPLUG_CONTAINER}` : parent;
  };
  for (const node of scenario.nodes) {
    if (node.parent !== null && !byLabel.has(node.parent)) throw new Error(`node ${node.label} has an unknown parent ${node.parent} (a bug in the loader)`);
    const under = parentPath(node);
    const name = uniqueName(nodeNameOf(node.label), namesUnder(under));
    const dtsLabel = uniqueName(dtsLabelOf(node.label), labels, '_');
    nodes.set(node.label, { label: node.label, dtsLabel, name, path: `${under}/${name}` });
  }

  const pinConfigs = new Map<string, PinConfig>();
  for (const node of scenario.nodes) {
    for (const reference of node.references) {
      if (reference.kind !== 'pinctrl') continue;
      const key = pinConfigKey(reference.label, reference.args);
      if (pinConfigs.has(key)) continue;
      const controller = nodes.get(reference.label);
      if (controller === undefined) continue;
      const suffix = reference.args.map((arg) => nodeNameOf(String(arg))).join('-');
      const name = uniqueName(suffix === '' ? 'pins' : `pins-${suffix}`, namesUnder(controller.path));
      const dtsLabel = uniqueName(dtsLabelOf(`${controller.dtsLabel}_${name}`), labels, '_');
      pinConfigs.set(key, { controller: reference.label, args: reference.args, name, dtsLabel });
    }
  }
  const ports = new Map<string, GraphPort>();
  const portOf = (label: string): GraphPort => {
    let port = ports.get(label);
    if (port === undefined) {
      const placed = nodes.get(label);
      port = { name: uniqueName('port', namesUnder(placed?.path ?? '')), endpoints: [] };
      ports.set(label, port);
    }
    return port;
  };
  for (const node of scenario.nodes) {
    for (const reference of node.references) {
      if (reference.kind !== 'remote-endpoint' || reference.label === node.label) continue;
      const own = portOf(node.label);
      if (own.endpoints.some((endpoint) => endpoint.peer === reference.label)) continue;
      const peer = portOf(reference.label);
      const ownLabel = uniqueName(`${nodes.get(node.label)?.dtsLabel}_ep_${nodes.get(reference.label)?.dtsLabel}`, labels, '_');
      const peerLabel = uniqueName(`${nodes.get(reference.label)?.dtsLabel}_ep_${nodes.get(node.label)?.dtsLabel}`, labels, '_');
      own.endpoints.push({ peer: reference.label, dtsLabel: ownLabel, peerDtsLabel: peerLabel });
      peer.endpoints.push({ peer: node.label, dtsLabel: peerLabel, peerDtsLabel: ownLabel });
    }
  }
  return { nodes, pinConfigs, ports };
}
