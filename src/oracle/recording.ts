/**
 * What a real kernel did with one scenario (SPEC section 7), as committed under
 * oracle/recorded/<kernel>/<id>.json, and how the engine's outcome is held against it. Pure: the
 * caller reads the dump and the files.
 */
import type { BoardObservations, NodeObservation } from '../board-dump/read-board-dump.js';
import type { DeviceOutcome } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';
import { planDeviceTree } from '../export/plan-device-tree.js';

/** One scenario node as the kernel left it. */
export interface RecordedNode {
  path: string;
  state: NodeObservation['state'];
  driver: string | null;
  error: number | null;
  dma: 'iommu' | 'direct' | null;
  attempts: number | null;
  bind_order: number | null;
  bound_time: number | null;
}

/** A recording: the kernel release, every scenario node the kernel made a device for, and what could not be mapped. */
export interface Recording {
  version: 1;
  scenario: string;
  kernel: string;
  /** Keyed by scenario label, in scenario order. */
  nodes: Record<string, RecordedNode>;
  /** Scenario nodes the kernel has no device for (disabled, not created, early providers). */
  no_device: string[];
  /** Devices of the dump that map to no scenario node (the base board's, or without a node). */
  unmapped: string[];
}

/** Maps a dump's observations to the scenario's labels through the exported device tree's paths. */
export function recordingOf(scenario: Scenario, kernel: string, observed: BoardObservations): Recording {
  const plan = planDeviceTree(scenario);
  const byPath = new Map(observed.nodes.map((node) => [node.path, node]));
  const nodes: Record<string, RecordedNode> = {};
  const noDevice: string[] = [];
  const used = new Set<string>();
  for (const spec of scenario.nodes) {
    const place = plan.nodes.get(spec.label);
    const seen = place === undefined ? undefined : byPath.get(place.path);
    if (place === undefined || seen === undefined) {
      noDevice.push(spec.label);
      continue;
    }
    used.add(place.path);
    nodes[spec.label] = {
      path: place.path,
      state: seen.state,
      driver: seen.driver,
      error: seen.error,
      dma: seen.dma,
      attempts: seen.attempts,
      bind_order: seen.bindOrder,
      bound_time: seen.boundTime,
    };
  }
  const unmapped = [...observed.unmapped, ...observed.nodes.filter((node) => !used.has(node.path)).map((node) => `${node.bus} ${node.device} ${node.path}`)];
  return { version: 1, scenario: scenario.id, kernel: kernel.trim(), nodes, no_device: noDevice, unmapped };
}

/**
 * How far a re-boot's bind times may move without being a change: the guest's clock runs from QEMU's
 * instruction count, yet bind times of one scenario moved by up to 2 µs between full-corpus runs on a
 * loaded machine (measured on 6.12.117: 98 of 702 times moved). Engine times are compared within
 * ±0.5 s, so 100 µs is noise by a factor of 5,000.
 */
export const BOUND_TIME_JITTER = 0.0001;

/**
 * A fresh recording with the committed bind times kept where the fresh ones are within
 * BOUND_TIME_JITTER of them, so re-recording an unchanged kernel rewrites no file; any other change
 * (a state, an order, a time that really moved) comes through.
 */
export function keepCommittedTimes(fresh: Recording, committed: Recording | null): Recording {
  if (committed === null) return fresh;
  const nodes: Record<string, RecordedNode> = {};
  for (const [label, node] of Object.entries(fresh.nodes)) {
    const before = committed.nodes[label]?.bound_time ?? null;
    const steady = before !== null && node.bound_time !== null && Math.abs(before - node.bound_time) <= BOUND_TIME_JITTER;
    nodes[label] = steady ? { ...node, bound_time: before } : node;
  }
  return { ...fresh, nodes };
}

/** One way the engine's prediction and the kernel disagree about a node (or about the bind order). */
export interface Disagreement {
  node: string;
  field: 'state' | 'driver' | 'dma' | 'bind-order' | 'bound-time';
  predicted: string;
  observed: string;
}

/** The engine's state in the words a dump can show. */
function predictedState(device: DeviceOutcome): string {
  switch (device.state) {
    case 'failed':
      return `failed ${device.error ?? ''}`.trim();
    case 'disabled':
    case 'not-created':
    case 'early':
      return 'no device';
    default:
      return device.state;
  }
}

function observedState(node: RecordedNode | undefined): string {
  if (node === undefined) return 'no device';
  if (node.state === 'failed') return `failed ${node.error ?? ''}`.trim();
  return node.state;
}

/**
 * Holds the engine's final table against a recording: state (bound, pending, failed -N, rejected,
 * unbound, no driver, no device), the bound driver, DMA of a device bound on both sides, the order
 * of binds, and bind times after user space started (±0.5 s). Probe attempts and deferral reasons
 * are recorded but not compared: the kernel records no reason for IOMMU and genpd deferrals, and
 * counts attempts its own way (SPEC section 7).
 */
export function compareWithRecording(devices: readonly DeviceOutcome[], recording: Recording, errnoNumber: (name: string) => number | null): Disagreement[] {
  const found: Disagreement[] = [];
  for (const device of devices) {
    const node = recording.nodes[device.name];
    let predicted = predictedState(device);
    if (device.state === 'failed' && device.error !== null) predicted = `failed ${errnoNumber(device.error) ?? device.error}`;
    const observed = observedState(node);
    if (predicted !== observed) found.push({ node: device.name, field: 'state', predicted, observed });
    if (node === undefined) continue;
    if (device.state === 'bound' && node.state === 'bound') {
      if ((device.driver ?? '-') !== (node.driver ?? '-')) found.push({ node: device.name, field: 'driver', predicted: device.driver ?? '-', observed: node.driver ?? '-' });
      if (device.dma !== null && node.dma !== null && device.dma !== node.dma) found.push({ node: device.name, field: 'dma', predicted: device.dma, observed: node.dma });
      if (node.bound_time !== null && device.bound_time !== null) {
        // Engine time 0 is the end of the initcalls; the kernel's is "Run /init": binds before it are at or below 0.
        const engine = device.bound_time;
        const kernel = node.bound_time;
        const agrees = engine === 0 ? kernel <= 0.5 : Math.abs(engine - kernel) <= 0.5;
        if (!agrees) found.push({ node: device.name, field: 'bound-time', predicted: engine.toFixed(1), observed: kernel.toFixed(1) });
      }
    }
  }
  // The order of binds among the devices bound on both sides.
  const both = devices.filter((device) => device.state === 'bound' && recording.nodes[device.name]?.state === 'bound' && recording.nodes[device.name]?.bind_order !== null && device.bound_seq !== null);
  const predictedOrder = [...both].sort((a, b) => (a.bound_seq as number) - (b.bound_seq as number)).map((device) => device.name);
  const observedOrder = [...both].sort((a, b) => (recording.nodes[a.name].bind_order as number) - (recording.nodes[b.name].bind_order as number)).map((device) => device.name);
  const first = predictedOrder.findIndex((name, i) => name !== observedOrder[i]);
  if (first >= 0) {
    found.push({ node: predictedOrder[first], field: 'bind-order', predicted: predictedOrder.slice(first, first + 3).join(' '), observed: observedOrder.slice(first, first + 3).join(' ') });
  }
  return found;
}
