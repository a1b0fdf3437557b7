/** `probe-run explain`: why one device ended as it did, as a tree of data down to a root cause. */
import type { RunResult, TraceEvent } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';
import { eventDevice } from '../trace/format-event.js';
import { explainEarly, explainNoDriver, explainNotCreated, explainUnbound } from './explain-absent.js';
import { explainBound } from './explain-bound.js';
import { explainCause } from './explain-cause.js';
import { make, onPath, type Context, type ExplainOptions, type Path } from './explain-context.js';
import type { Explanation } from './explanation.js';

/**
 * Explains why `device` ended in its final state in `run` (a run of `scenario`): the deciding rule,
 * the events that show it and, for every supplier it waited for, that supplier's own explanation,
 * recursively, down to a root cause. Throws when `device` is not a node of the scenario (callers
 * check names first).
 */
export function explainDevice(scenario: Scenario, run: RunResult, device: string, options: ExplainOptions = {}): Explanation {
  const byNode = new Map<string, TraceEvent[]>();
  for (const event of run.events) {
    const node = eventDevice(event.body);
    if (node === null) continue;
    const list = byNode.get(node);
    if (list === undefined) byNode.set(node, [event]);
    else list.push(event);
  }
  const context: Context = {
    scenario,
    run,
    devices: new Map(run.devices.map((row) => [row.name, row])),
    specs: new Map(scenario.nodes.map((node) => [node.label, node])),
    byNode,
    livelock: run.livelock ? (run.events.filter((event) => event.body.kind === 'livelock').pop() ?? null) : null,
    jobs: [],
    firstEventLine: options.firstEventLine ?? 0,
  };
  if (!context.devices.has(device)) throw new Error(`probe-run bug: explainDevice called for ${device}, which is not a node of ${scenario.id}`);
  // A work list rather than recursion: a chain of thousands of pending devices must not overflow the stack.
  const tree = explainNode(context, device, null, '');
  for (let job = context.jobs.pop(); job !== undefined; job = context.jobs.pop()) {
    Object.assign(job.into, explainNode(context, job.name, job.path, job.rule));
  }
  return tree;
}

function explainNode(context: Context, name: string, path: Path, incomingRule: string): Explanation {
  const device = context.devices.get(name);
  if (device === undefined) throw new Error(`probe-run bug: explain reached ${name}, which has no final-state row`);
  if (onPath(path, name)) {
    return make(context, 'cycle', device, incomingRule, `${name} is already above in this chain: these nodes wait for each other, so none of them binds`, [], [], []);
  }
  const inner: Path = { name, up: path };
  switch (device.state) {
    case 'bound':
      return explainBound(context, device, inner);
    case 'pending':
    case 'failed':
    case 'rejected':
      return explainCause(context, device, inner);
    case 'no-driver':
      return explainNoDriver(context, device);
    case 'disabled':
      return make(context, 'disabled', device, 'K2.2', 'its status is disabled: no device is created, and references to it are treated as missing', [], [], []);
    case 'early':
      return explainEarly(context, device);
    case 'not-created':
      return explainNotCreated(context, device, inner);
    case 'unbound':
      return explainUnbound(context, device, inner);
    default: {
      const never: never = device.state;
      throw new Error(`probe-run bug: unknown device state ${String(never)}`);
    }
  }
}

export { ROOT_CAUSE_KINDS, rootCausesOf, type Explanation, type ExplanationKind, type ExplanationSeqs, type RootCauseKind } from './explanation.js';
export type { ExplainOptions } from './explain-context.js';
export { seqList } from './explain-context.js';
