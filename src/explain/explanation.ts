/** The explanation tree `probe-run explain` builds: its node kinds and shape, and its leaves. */


/**
 * Kinds that end an explanation: the answer to "why" needs no other node. `timeout` may still have
 * children (the supplier given up on, when that one never came up); every other one is a leaf.
 */
export const ROOT_CAUSE_KINDS = [
  /** Bound, and nothing held it back for good (it may have deferred first). */
  'bound',
  /** An OF_DECLARE provider: registered at time 0, no device (K1.3). */
  'early',
  /** No driver can ever bind it: none matches its compatible, or the matching ones are `build: absent`. */
  'driver-absent',
  /** Its driver is a module that nothing loads (no timeline `modprobe`, or CONFIG_MODULES off). */
  'module-not-loaded',
  /** An injected fault: a probe() error, an of_xlate error, a power-on failure. */
  'fault',
  /** It gave up waiting: check_state's warnings (K5.5, K6.2, K7.3) or drivers-done relaxing a link (K8.5). */
  'timeout',
  /** `status: disabled` (K2.2). */
  'disabled',
  /** No device exists: a hot-pluggable node never added, or one the timeline removed. */
  'not-created',
  /** The timeline unbound it and nothing bound it again (K10.2). */
  'unbound',
  /** The walk met a node already on its path: the nodes wait for each other. */
  'cycle',
  /** The run stopped at the step bound (K11.2) before this device settled. */
  'livelock',
] as const;

/** One of ROOT_CAUSE_KINDS. */
export type RootCauseKind = (typeof ROOT_CAUSE_KINDS)[number];

/** A root cause, or `depends`: the node's state was decided by another node, explained in its child. */
export type ExplanationKind = RootCauseKind | 'depends';

/** Sequence numbers of the trace events that show an explanation. */
export interface ExplanationSeqs {
  /** The device's first probe attempt, or null when it was never probed. */
  first_attempt: number | null;
  /** Its last probe attempt. */
  last_attempt: number | null;
  /** The bind event, for a bound device. */
  bound: number | null;
  /** The events behind the deciding reason (deferrals, warnings, DMA decision, power-on failure, modprobe, unbind…), in trace order. */
  reason: number[];
}

/** Why one node ended in its state; `children` explain the node(s) it depended on. */
export interface Explanation {
  kind: ExplanationKind;
  /** The node's label. */
  node: string;
  /** The final-state column: `bound`, `pending`, `failed -110`, `no-driver`… */
  state: string;
  /** The SPEC rule that decided, e.g. `K5.5`. */
  rule: string;
  seqs: ExplanationSeqs;
  /** The reason in one sentence, with `#seq` references. */
  text: string;
  /** Supporting facts, one line each, with `#seq` references. */
  details: string[];
  children: Explanation[];
}

/** The leaves of an explanation, left to right: the root causes it ends in. */
export function rootCausesOf(tree: Explanation): Explanation[] {
  const leaves: Explanation[] = [];
  const stack = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.children.length === 0) leaves.push(node);
    else stack.push(...[...node.children].reverse());
  }
  return leaves;
}
