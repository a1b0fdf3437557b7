/** `probe-run explain`: why one device ended as it did, as a tree of data down to a root cause. */
import { stateText } from '../engine/outcome.js';
import { errnoName } from '../model/errno.js';
import type { Cause, DeviceOutcome, EventBody, RunResult, TraceEvent } from '../model/events.js';
import type { DriverSpec, NodeSpec, Scenario } from '../model/scenario.js';
import { causeRule, causeTarget, describeCause, describeDma, describeWarning, warningRule } from '../trace/describe.js';
import { eventDevice } from '../trace/format-event.js';

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

/** The nodes from the explained device down to the one being explained, innermost first (for cycles). */
type Path = { name: string; up: Path } | null;

/** A child still to explain: its placeholder in the parent's `children` is filled in place. */
interface Job {
  into: Explanation;
  name: string;
  rule: string;
  path: Path;
}

/** What the walk reads, indexed once per call, and the children still to explain. */
interface Context {
  scenario: Scenario;
  run: RunResult;
  devices: Map<string, DeviceOutcome>;
  specs: Map<string, NodeSpec>;
  /** Events whose device column is the node. */
  byNode: Map<string, TraceEvent[]>;
  livelock: TraceEvent | null;
  jobs: Job[];
  /** The 0-based index of the first event's line in the trace: event `seq` is trace line `firstEventLine + seq`. */
  firstEventLine: number;
}

/** A reference to the trace line of event `seq`, as the explanation prints it: `#34` is line 34 of the trace file. */
function cite(context: Context, seq: number): string {
  return `#${context.firstEventLine + seq}`;
}

/** Options of explainDevice. */
export interface ExplainOptions {
  /** The 0-based index of the first event line in the trace being explained (firstEventLine of src/trace), so `#N` cites line N; default 0 (`#N` is event N). */
  firstEventLine?: number;
}

type ProbeEvent = TraceEvent & { body: Extract<EventBody, { kind: 'probe' }> };

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

/** A child explanation of `name`, filled in by explainDevice's work list. */
function follow(context: Context, name: string, path: Path, rule: string): Explanation {
  const into: Explanation = { kind: 'depends', node: name, state: '', rule, seqs: { first_attempt: null, last_attempt: null, bound: null, reason: [] }, text: '', details: [], children: [] };
  context.jobs.push({ into, name, rule, path });
  return into;
}

function onPath(path: Path, name: string): boolean {
  for (let link = path; link !== null; link = link.up) if (link.name === name) return true;
  return false;
}

/** `#3`, `#3, #9`, or `#3 … #40 (7 times)` for long lists. */
export function seqList(context: Context, seqs: readonly number[]): string {
  if (seqs.length <= 3) return seqs.map((seq) => cite(context, seq)).join(', ');
  return `${cite(context, seqs[0])} … ${cite(context, seqs[seqs.length - 1])} (${seqs.length} times)`;
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

/** Builds a node; the attempt seqs come from the device's probe events. */
function make(
  context: Context,
  kind: ExplanationKind,
  device: DeviceOutcome,
  rule: string,
  text: string,
  details: string[],
  reason: number[],
  children: Explanation[],
): Explanation {
  const probes = probesOf(context, device.name);
  return {
    kind,
    node: device.name,
    state: stateText(device),
    rule,
    seqs: {
      first_attempt: probes[0]?.seq ?? null,
      last_attempt: probes[probes.length - 1]?.seq ?? null,
      bound: device.bound_seq,
      reason: [...new Set(reason)].sort((a, b) => a - b),
    },
    text,
    details,
    children,
  };
}

function eventsOf(context: Context, name: string): TraceEvent[] {
  return context.byNode.get(name) ?? [];
}

function probesOf(context: Context, name: string): ProbeEvent[] {
  return eventsOf(context, name).filter((event): event is ProbeEvent => event.body.kind === 'probe');
}

function isUp(context: Context, name: string): boolean {
  const state = context.devices.get(name)?.state;
  return state === 'bound' || state === 'early';
}

/** `probe attempts: 3 (#12 … #40)`, the line every probed device gets. */
function attemptsLine(context: Context, probes: readonly ProbeEvent[]): string[] {
  if (probes.length === 0) return ['never probed'];
  if (probes.length === 1) return [`1 probe attempt (${cite(context, probes[0].seq)})`];
  return [`${probes.length} probe attempts (${cite(context, probes[0].seq)} … ${cite(context, probes[probes.length - 1].seq)})`];
}

/** The causes of the attempts that did not bind, grouped by reason in order of first appearance. */
function reasonGroups(context: Context, probes: readonly ProbeEvent[]): { lines: string[]; seqs: number[] } {
  const groups = new Map<string, number[]>();
  for (const probe of probes) {
    const result = probe.body.result;
    if (result.type === 'bound') continue;
    const verb = result.type === 'defer' ? 'deferred' : result.type === 'rejected' ? `rejected ${errnoName(result.error)}` : `failed ${errnoName(result.error)}`;
    const key = `${verb}: ${describeCause(result.cause)} [${causeRule(result.cause)}]`;
    const seqs = groups.get(key);
    if (seqs === undefined) groups.set(key, [probe.seq]);
    else seqs.push(probe.seq);
  }
  return { lines: [...groups].map(([key, seqs]) => `${key} ${seqList(context, seqs)}`), seqs: [...groups.values()].flat() };
}

/** The event at which `name` came up (bound, or its providers registered) last before `before`. */
function upEvent(context: Context, name: string, before: number): TraceEvent | null {
  const events = eventsOf(context, name).filter((event) => event.seq < before);
  for (let i = events.length - 1; i >= 0; i--) {
    const body = events[i].body;
    if (body.kind === 'early-provider') return events[i];
    if (body.kind === 'providers' && body.registered) return events[i];
    if (body.kind === 'probe' && body.result.type === 'bound') return events[i];
  }
  return null;
}

/** The first event after `after` at which `name` came up, for "it only came later". */
function laterUpEvent(context: Context, name: string, after: number): TraceEvent | null {
  return eventsOf(context, name).find((event) => event.seq > after && ((event.body.kind === 'probe' && event.body.result.type === 'bound') || (event.body.kind === 'providers' && event.body.registered))) ?? null;
}

/** Whether `name`'s providers were registered just before event `seq` (K1.3 nodes always are). */
function registeredAt(context: Context, name: string, seq: number): boolean {
  let registered = context.devices.get(name)?.state === 'early';
  for (const event of eventsOf(context, name)) {
    if (event.seq >= seq) break;
    if (event.body.kind === 'providers') registered = event.body.registered;
  }
  return registered;
}

function lastSystemEvent(context: Context, kind: EventBody['kind'], before: number): TraceEvent | null {
  for (let i = Math.min(before, context.run.events.length) - 2; i >= 0; i--) {
    if (context.run.events[i].body.kind === kind) return context.run.events[i];
  }
  return null;
}

/** One fact with the event that shows it. */
interface Fact {
  seq: number;
  text: string;
}

/** A supplier the device stopped waiting for, with the events that show it. */
interface GaveUp {
  /** The rule of the last step that let the attempt through. */
  rule: string;
  supplier: string;
  /** `IOMMU`, `pin controller`, `supplier`. */
  what: string;
  facts: Fact[];
}

/** Facts in trace order, each event once. */
function sortFacts(facts: readonly Fact[]): Fact[] {
  const bySeq = new Map(facts.map((fact) => [fact.seq, fact]));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The give-ups in the attempt that bound: check_state warnings (K5.5, K7.3) and links relaxed at drivers-done (K8.5). */
function gaveUpBeforeBind(context: Context, device: DeviceOutcome, bindSeq: number, previous: ProbeEvent | undefined): GaveUp[] {
  const name = device.name;
  const spec = context.specs.get(name) as NodeSpec;
  const window = eventsOf(context, name).filter((event) => event.seq > (previous?.seq ?? 0) && event.seq < bindSeq);
  const found: GaveUp[] = [];
  const expiry = (warnSeq: number): Fact[] => {
    const expired = lastSystemEvent(context, 'timeout-expired', warnSeq);
    return expired === null ? [] : [{ seq: expired.seq, text: `deferred probe timeout expired ${cite(context, expired.seq)} [K9.3]` }];
  };
  for (const event of window) {
    const body = event.body;
    if (body.kind !== 'warn' || body.warning.kind !== 'check-state') continue;
    const said = `warning: ${describeWarning(name, body.warning)} [${warningRule(body.warning)}]`;
    if (body.warning.dependency === 'iommu') {
      const dma = window.find((other) => other.seq > event.seq && other.body.kind === 'dma');
      if (dma === undefined || dma.body.kind !== 'dma') continue;
      const decision = dma.body.decision;
      if (decision.mode !== 'direct' || decision.iommu === null) continue;
      const facts = [...expiry(event.seq), { seq: event.seq, text: `${said} ${cite(context, event.seq)}` }, { seq: dma.seq, text: `dma ${describeDma(decision)} ${cite(context, dma.seq)}` }];
      found.push({ rule: 'K5.5', supplier: decision.iommu, what: 'IOMMU', facts });
    } else if (body.warning.dependency === 'pinctrl') {
      // The warning names the pin controller it gave up on.
      const facts = [...expiry(event.seq), { seq: event.seq, text: `${said} ${cite(context, event.seq)}` }];
      found.push({ rule: 'K7.3', supplier: body.warning.provider, what: 'pin controller', facts });
    }
  }
  // K8.5: a link relaxed at drivers-done after the device had deferred on that supplier.
  const probes = probesOf(context, name).filter((probe) => probe.seq < bindSeq);
  for (const event of eventsOf(context, name)) {
    if (event.seq >= bindSeq || event.body.kind !== 'link-relaxed') continue;
    const supplier = event.body.supplier;
    const deferredOn = probes.some(
      (probe) => probe.seq < event.seq && probe.body.result.type === 'defer' && probe.body.result.cause.kind === 'supplier' && probe.body.result.cause.supplier === supplier,
    );
    if (!deferredOn) continue;
    const done = lastSystemEvent(context, 'drivers-done', event.seq);
    const facts = [...(done === null ? [] : [{ seq: done.seq, text: `fw_devlink: drivers done ${cite(context, done.seq)} [K8.5]` }]), { seq: event.seq, text: `fw_devlink: link to ${supplier} relaxed ${cite(context, event.seq)} [K8.5]` }];
    found.push({ rule: 'K8.5', supplier, what: 'supplier', facts });
  }
  // One entry per supplier; when two steps gave up on the same one (a link relaxed, then the pinctrl
  // step), the later one is what let the attempt through, so its rule and words win.
  found.sort((a, b) => a.facts[a.facts.length - 1].seq - b.facts[b.facts.length - 1].seq);
  const merged: GaveUp[] = [];
  for (const give of found) {
    const same = merged.find((other) => other.supplier === give.supplier);
    if (same === undefined) merged.push({ ...give, facts: [...give.facts] });
    else Object.assign(same, { rule: give.rule, what: give.what, facts: [...same.facts, ...give.facts] });
  }
  return merged.map((give) => ({ ...give, facts: sortFacts(give.facts) }));
}

function explainBound(context: Context, device: DeviceOutcome, path: Path): Explanation {
  const name = device.name;
  const bindSeq = device.bound_seq as number;
  const probes = probesOf(context, name);
  const before = probes.filter((probe) => probe.seq < bindSeq);
  const bind = probes.find((probe) => probe.seq === bindSeq);
  if (bind === undefined) throw new Error(`probe-run bug: ${name} is bound at ${cite(context, bindSeq)}, which is not its probe event`);
  const driver = bind.body.driver;
  const groups = reasonGroups(context, before);
  const details = [...attemptsLine(context, probes), ...groups.lines];
  const reason = [...groups.seqs];
  // The DMA setup the device bound with: from the binding attempt, or from device add (v3.19, K5.7).
  const dma = eventsOf(context, name)
    .filter((event) => event.seq < bindSeq && event.body.kind === 'dma')
    .pop();

  const gaveUp = gaveUpBeforeBind(context, device, bindSeq, before[before.length - 1]);
  if (gaveUp.length > 0) {
    const decisive = gaveUp[gaveUp.length - 1];
    const children: Explanation[] = [];
    const facts = sortFacts(gaveUp.flatMap((give) => give.facts));
    details.push(...facts.map((fact) => fact.text));
    reason.push(...facts.map((fact) => fact.seq));
    for (const give of gaveUp) {
      if (!isUp(context, give.supplier)) children.push(follow(context, give.supplier, path, give.rule));
      else {
        const later = laterUpEvent(context, give.supplier, give.facts[give.facts.length - 1].seq);
        if (later !== null) {
          details.push(`${give.supplier} ${later.body.kind === 'probe' ? 'bound' : 'registered'} only later, ${cite(context, later.seq)}${laterCause(context, give.supplier, later.seq)}`);
          reason.push(later.seq);
        }
      }
    }
    const how = decisive.rule === 'K5.5' ? ' with direct DMA' : decisive.rule === 'K7.3' ? ' without pin setup' : '';
    const others = gaveUp.slice(0, -1).map((give) => ` (and for ${give.what} ${give.supplier})`).join('');
    const text = `gave up waiting for ${decisive.what} ${decisive.supplier}${others} and bound to ${driver}${how} at ${cite(context, bindSeq)}`;
    return make(context, 'timeout', device, decisive.rule, text, details, [...reason, bindSeq], children);
  }

  if (dma !== undefined && dma.body.kind === 'dma') {
    details.push(`dma ${describeDma(dma.body.decision)} ${cite(context, dma.seq)}`);
    reason.push(dma.seq);
  }
  const { rule, text, seqs } = bindStory(context, bind, before);
  return make(context, 'bound', device, rule, text, details, [...reason, ...seqs, bindSeq], []);
}

/** Why a device came up when it did: `(apple-dart loaded by modprobe #190)`, or nothing. */
function laterCause(context: Context, name: string, upSeq: number): string {
  // K3.5: the providers register inside probe(), just before the bind event.
  const bind = probesOf(context, name).find((probe) => probe.seq >= upSeq && probe.body.result.type === 'bound');
  if (bind === undefined) return '';
  const register = lastRegistration(context, bind.body.driver, bind.seq);
  if (register === null || register.body.kind !== 'driver-register' || register.body.via !== 'modprobe') return '';
  return ` (${register.body.driver} loaded by modprobe ${cite(context, register.seq)})`;
}

function lastRegistration(context: Context, driver: string, before: number): TraceEvent | null {
  for (let i = before - 2; i >= 0; i--) {
    const body = context.run.events[i].body;
    if (body.kind === 'driver-register' && body.driver === driver) return context.run.events[i];
  }
  return null;
}

/** The rule and words for how a bind came about: at add, at registration, on a deferred retry, by a timeline bind. */
function bindStory(context: Context, bind: ProbeEvent, before: readonly ProbeEvent[]): { rule: string; text: string; seqs: number[] } {
  const { driver, via } = bind.body;
  switch (via) {
    case 'add': {
      const added = eventsOf(context, bind.body.node).filter((event) => event.seq < bind.seq && event.body.kind === 'device-add').pop();
      return { rule: 'K2.3', text: `bound to ${driver} when its device was added${added === undefined ? '' : ` (${cite(context, added.seq)})`}, its driver being registered already`, seqs: added === undefined ? [] : [added.seq] };
    }
    case 'register': {
      const register = lastRegistration(context, driver, bind.seq);
      if (register !== null && register.body.kind === 'driver-register' && register.body.via === 'modprobe') {
        return { rule: 'K10.1', text: `bound to ${driver} when the module was loaded by modprobe (${cite(context, register.seq)})`, seqs: [register.seq] };
      }
      return { rule: 'K2.3', text: `bound to ${driver} when the driver registered${register === null ? '' : ` (${cite(context, register.seq)})`}`, seqs: register === null ? [] : [register.seq] };
    }
    case 'bind':
      return { rule: 'K10.2', text: `bound to ${driver} by a timeline bind (${cite(context, bind.seq)})`, seqs: [] };
    case 'deferred': {
      const lastDefer = [...before].reverse().find((probe) => probe.body.result.type === 'defer');
      // K10.3: a consumer unbound with its supplier waits on the deferred list without a probe event.
      const unbound = eventsOf(context, bind.body.node)
        .filter((event) => event.seq < bind.seq && event.seq > (lastDefer?.seq ?? 0) && event.body.kind === 'unbind' && event.body.consumerOf !== null)
        .pop();
      if (unbound !== undefined && unbound.body.kind === 'unbind' && unbound.body.consumerOf !== null) {
        const supplier = unbound.body.consumerOf;
        const up = upEvent(context, supplier, bind.seq);
        const after = up === null ? '' : ` after ${supplier} ${up.body.kind === 'probe' ? 'bound' : 'registered its providers'} again (${cite(context, up.seq)})`;
        const text = `bound to ${driver} again on a deferred retry${after}; it had been unbound as a consumer of ${supplier} (${cite(context, unbound.seq)}) [K10.3]`;
        return { rule: 'K4.2', text, seqs: [unbound.seq, ...(up === null ? [] : [up.seq])] };
      }
      const cause = lastDefer !== undefined && lastDefer.body.result.type === 'defer' ? lastDefer.body.result.cause : null;
      if (cause !== null && cause.kind === 'injected') {
        return { rule: 'K4.2', text: `bound to ${driver} on a deferred retry once its injected probe() results ran out`, seqs: [] };
      }
      const target = cause === null ? null : causeTarget(cause);
      const up = target === null ? null : upEvent(context, target, bind.seq);
      if (target !== null && up !== null) {
        const came = up.body.kind === 'probe' ? 'bound' : 'registered its providers';
        return { rule: 'K4.2', text: `bound to ${driver} on a deferred retry after ${target} ${came} (${cite(context, up.seq)})`, seqs: [up.seq] };
      }
      return { rule: 'K4.2', text: `bound to ${driver} on a deferred retry`, seqs: [] };
    }
    default: {
      const never: never = via;
      throw new Error(`probe-run bug: unknown probe via ${String(never)}`);
    }
  }
}

/** Pending, failed and rejected devices: their last cause decides. */
function explainCause(context: Context, device: DeviceOutcome, path: Path): Explanation {
  const name = device.name;
  const probes = probesOf(context, name);
  const groups = reasonGroups(context, probes);
  const details = [...attemptsLine(context, probes), ...groups.lines];
  const reason = [...groups.seqs];
  for (const event of eventsOf(context, name)) {
    // K8.5: a relaxed link moves the wait from the K3.1 link check into the driver's own steps.
    if (event.body.kind !== 'link-relaxed') continue;
    details.push(`fw_devlink: link to ${event.body.supplier} relaxed ${cite(context, event.seq)} [K8.5]`);
    reason.push(event.seq);
  }
  const pendingAtTimeout = eventsOf(context, name).filter((event) => event.body.kind === 'deferred-pending').pop();
  if (pendingAtTimeout !== undefined) {
    details.push(`still pending after the deferred probe timeout ${cite(context, pendingAtTimeout.seq)} [K9.3]`);
    reason.push(pendingAtTimeout.seq);
  }
  const cause = device.cause;
  if (cause === null) {
    if (context.livelock !== null) return livelockNode(context, device, details, reason);
    throw new Error(`probe-run bug: ${name} is ${device.state} without a cause`);
  }
  const ending =
    device.state === 'failed'
      ? [`${device.error ?? 'the error'} is not -EPROBE_DEFER, -ENODEV or -ENXIO: the probe failed for good and is never retried [K3.6]`]
      : device.state === 'rejected'
        ? [`${device.error ?? 'the error'} rejects the match, silently; it is never retried [K3.6]`]
        : [];
  const finish = (kind: ExplanationKind, rule: string, text: string, facts: Fact[], children: Explanation[]) =>
    make(context, kind, device, rule, text, [...details, ...facts.map((fact) => fact.text), ...ending], [...reason, ...facts.map((fact) => fact.seq)], children);
  const last = probes[probes.length - 1]?.seq;
  switch (cause.kind) {
    case 'injected':
      return finish('fault', 'K3.4', `probe() returned ${errnoName(cause.error)}${last === undefined ? '' : ` at ${cite(context, last)}`} (injected: faults: ${name}: probe)`, [], []);
    case 'xlate': {
      const policy = device.state === 'pending' ? ', which defers the master at every retry' : '; policy iommu_xlate_failed: fail fails the probe with it [K5.6]';
      return finish('fault', 'K5.4', `of_xlate by ${cause.iommu} returned ${errnoName(cause.error)} (injected: faults: ${name}: xlate)${policy}`, [], []);
    }
    case 'power-on': {
      const failures = eventsOf(context, name).filter((event) => event.body.kind === 'power-on' && event.body.error !== 0);
      const facts = failures.map((event) => ({ seq: event.seq, text: `power-on of ${cause.domain} failed ${cite(context, event.seq)} [K6.1]` }));
      // K6.1: v6.x detaches, defers and powers on again at every attempt.
      const again = device.state === 'pending' ? ', which defers the device at every attempt (genpd powers on again each time)' : '';
      return finish('fault', 'K6.1', `power domain ${cause.domain} failed to power on with ${errnoName(cause.error)} (injected: faults: ${cause.domain}: power-on)${again}`, facts, []);
    }
    case 'provider-disabled': {
      if (device.state === 'pending') return waitingFor(context, device, cause, cause.provider, details, reason, path);
      // K7.1: the 6.1 and 6.12 stable kernels answer -ENOENT for a clock of a disabled provider.
      const text = `its ${cause.reference} provider ${cause.provider} is disabled: the clock lookup returns -ENOENT on this kernel (clk_disabled_provider: enoent), so the probe fails`;
      return finish('depends', causeRule(cause), text, [], [follow(context, cause.provider, path, causeRule(cause))]);
    }
    case 'iommu-failed':
      return finish('depends', 'K5.6', `its IOMMU ${cause.iommu} failed with ${errnoName(cause.error)}, and policy iommu_probe_failed: fail fails the master with it`, [], [
        follow(context, cause.iommu, path, 'K5.6'),
      ]);
    case 'power-domain-absent': {
      if (device.state === 'pending') return waitingFor(context, device, cause, cause.domain, details, reason, path);
      // K6.2: check_state gave up; -ETIMEDOUT fails the probe, -ENODEV rejects the match.
      const warning = eventsOf(context, name)
        .filter((event) => event.body.kind === 'warn' && event.body.warning.kind === 'check-state' && event.body.warning.dependency === 'power-domain')
        .pop();
      const facts: Fact[] = [];
      if (warning !== undefined && warning.body.kind === 'warn') {
        const expired = lastSystemEvent(context, 'timeout-expired', warning.seq);
        if (expired !== null) facts.push({ seq: expired.seq, text: `deferred probe timeout expired ${cite(context, expired.seq)} [K9.3]` });
        facts.push({ seq: warning.seq, text: `warning: ${describeWarning(name, warning.body.warning)} [K6.2] ${cite(context, warning.seq)}` });
      }
      const children = isUp(context, cause.domain) ? [] : [follow(context, cause.domain, path, 'K6.2')];
      return finish('timeout', 'K6.2', `gave up waiting for power domain ${cause.domain}`, facts, children);
    }
    case 'supplier-unbound':
      throw new Error(`probe-run bug: ${name} is ${device.state} with the cause of an unbound device`);
    case 'supplier':
    case 'provider':
    case 'pinctrl':
    case 'iommu-absent':
    case 'waits-for':
      return waitingFor(context, device, cause, causeTarget(cause) as string, details, reason, path);
    default: {
      const never: never = cause;
      throw new Error(`probe-run bug: unknown cause ${JSON.stringify(never)}`);
    }
  }
}

/** A pending device waiting for `target`: `depends`, with the target's own explanation as the child. */
function waitingFor(context: Context, device: DeviceOutcome, cause: Cause, target: string, details: string[], reason: number[], path: Path): Explanation {
  // Waiting for something that is up only happens when the run stopped before the retry (K11.2).
  if (context.livelock !== null && isUp(context, target)) return livelockNode(context, device, details, reason);
  const rule = causeRule(cause);
  const link =
    cause.kind !== 'supplier'
      ? ''
      : cause.link === 'device'
        ? ' (a blocking fw_devlink link)'
        : cause.pinConfig
          ? ` (a firmware link to a pin configuration node, held until ${target} binds; drivers-done never relaxes it)`
          : ` (a firmware link: ${target} has no device yet, and drivers-done never relaxes it)`;
  return make(context, 'depends', device, rule, `${describeCause(cause)}${link}`, details, reason, [follow(context, target, path, rule)]);
}

function livelockNode(context: Context, device: DeviceOutcome, details: string[], reason: number[]): Explanation {
  const event = context.livelock as TraceEvent;
  const attempts = event.body.kind === 'livelock' ? event.body.attempts : context.run.attempts;
  return make(context, 'livelock', device, 'K11.2', `the run stopped at the step bound after ${attempts} attempts (${cite(context, event.seq)}) before ${device.name} settled`, details, [...reason, event.seq], []);
}

function driversMatching(scenario: Scenario, spec: NodeSpec): DriverSpec[] {
  return scenario.drivers.filter((driver) => driver.compatible.some((compatible) => spec.compatible.includes(compatible)));
}

function names(drivers: readonly DriverSpec[]): string {
  return drivers.map((driver) => driver.name).join(', ');
}

/** A created device no driver ever probed: no driver matches, the drivers are absent, or modules were never loaded. */
function explainNoDriver(context: Context, device: DeviceOutcome): Explanation {
  const spec = context.specs.get(device.name) as NodeSpec;
  const matching = driversMatching(context.scenario, spec);
  const candidates = matching.filter((driver) => !driver.early);
  const compatibles = spec.compatible.map((compatible) => `"${compatible}"`).join(', ');
  if (candidates.length === 0) {
    if (matching.length > 0) {
      return make(context, 'driver-absent', device, 'K1.3', `only ${names(matching)} matches its compatible, an OF_DECLARE driver that is not built in (build: ${matching[0].build})`, [], [], []);
    }
    return make(context, 'driver-absent', device, 'K2.1', `no driver in drivers: matches its compatible ${compatibles}`, [], [], []);
  }
  const modprobes = context.scenario.timeline.filter((entry) => entry.action === 'modprobe' && candidates.some((driver) => driver.name === entry.target));
  const modulesOn = context.scenario.kernel.modules !== false;
  const registrable = candidates.some((driver) => driver.build === 'builtin' || (driver.build === 'module' && modulesOn && modprobes.some((entry) => entry.target === driver.name)));
  if (context.livelock !== null && registrable) return livelockNode(context, device, [], []);
  const modules = candidates.filter((driver) => driver.build === 'module');
  if (modules.length > 0) {
    const noops = context.run.events.filter((event) => event.body.kind === 'timeline-noop' && event.body.action === 'modprobe' && modules.some((driver) => driver.name === (event.body as { node: string }).node));
    const noopSeqs = noops.map((event) => event.seq);
    const text = modulesOn
      ? `its driver ${names(modules)} is a module (build: module) and no timeline entry loads it (modprobe)`
      : `its driver ${names(modules)} is a module and CONFIG_MODULES is off, so it can never be loaded${noopSeqs.length === 0 ? '' : ` (modprobe did nothing ${seqList(context, noopSeqs)})`}`;
    return make(context, 'module-not-loaded', device, 'K10.1', text, [], noopSeqs, []);
  }
  const absent = candidates.filter((driver) => driver.build === 'absent');
  if (absent.length === candidates.length) {
    const one = absent.length === 1;
    return make(context, 'driver-absent', device, 'K10.1', `${one ? 'its only driver' : 'its drivers'} ${names(absent)} ${one ? 'is' : 'are'} build: absent and never register${one ? 's' : ''}`, [], [], []);
  }
  throw new Error(`probe-run bug: ${device.name} has a registrable driver but was never probed`);
}

function explainEarly(context: Context, device: DeviceOutcome): Explanation {
  const event = eventsOf(context, device.name).find((other) => other.body.kind === 'early-provider');
  const providers = event !== undefined && event.body.kind === 'early-provider' ? event.body.providers.join(', ') || 'no' : 'its';
  const at = event === undefined ? '' : ` (${cite(context, event.seq)})`;
  return make(context, 'early', device, 'K1.3', `${providers} provider(s) registered at time 0 by the OF_DECLARE driver ${device.driver ?? '?'}${at}; no device is created`, [], event === undefined ? [] : [event.seq], []);
}

function explainNotCreated(context: Context, device: DeviceOutcome, path: Path): Explanation {
  const spec = context.specs.get(device.name) as NodeSpec;
  const events = eventsOf(context, device.name);
  const deleted = events.filter((event) => event.body.kind === 'device-delete').pop();
  if (deleted !== undefined) {
    const timeline = context.run.events.filter((event) => event.seq < deleted.seq && event.body.kind === 'timeline' && event.body.target === device.name).pop();
    if (timeline !== undefined && timeline.body.kind === 'timeline') {
      const text = `its device was deleted (${cite(context, deleted.seq)}) by the timeline's ${timeline.body.action} ${device.name} (${cite(context, timeline.seq)}) and not created again`;
      return make(context, 'not-created', device, 'K10.2', text, attemptsLine(context, probesOf(context, device.name)), [timeline.seq, deleted.seq], []);
    }
  }
  if (spec.parent !== null && context.devices.get(spec.parent)?.state === 'early') {
    // K1.3 gives the parent no device, so no bind ever adds its children (K3.5).
    const text = `a child of ${spec.parent}, whose OF_DECLARE driver registers it at time 0 without a device, so nothing adds its children`;
    return make(context, 'not-created', device, 'K1.3', text, [], [], []);
  }
  if (spec.parent !== null && !isUp(context, spec.parent)) {
    const parent = context.devices.get(spec.parent) as DeviceOutcome;
    const removed = deleted === undefined ? '' : ` (deleted with it, ${cite(context, deleted.seq)})`;
    return make(context, 'depends', device, 'K3.5', `a child of ${spec.parent}, created only when ${spec.parent} binds, and ${spec.parent} is ${stateText(parent)}${removed}`, [], deleted === undefined ? [] : [deleted.seq], [
      follow(context, spec.parent, path, 'K3.5'),
    ]);
  }
  const adds = context.scenario.timeline.filter((entry) => entry.action === 'add' && entry.target === device.name);
  if (context.livelock !== null && (adds.length > 0 || !spec.hotplug)) return livelockNode(context, device, [], []);
  if (spec.hotplug) return make(context, 'not-created', device, 'K10.2', 'a hot-pluggable node: only a timeline add creates its device, and the timeline has none', [], [], []);
  throw new Error(`probe-run bug: ${device.name} was never created and nothing explains it`);
}

function explainUnbound(context: Context, device: DeviceOutcome, path: Path): Explanation {
  const cause = device.cause;
  const probes = probesOf(context, device.name);
  if (cause !== null && cause.kind === 'supplier-unbound') {
    // K10.3: unbound with its supplier and not queued; only the supplier binding again (AUTOPROBE) or a timeline bind retries it.
    const unbind = eventsOf(context, device.name).filter((event) => event.body.kind === 'unbind').pop();
    const at = unbind === undefined ? [] : [unbind.seq];
    const supplier = context.devices.get(cause.supplier);
    const purged = supplier !== undefined && eventsOf(context, cause.supplier).some((event) => event.body.kind === 'device-delete' && (unbind === undefined || event.seq > unbind.seq));
    const why = purged
      ? `; ${cause.supplier} was then removed, which deleted the link for good (device_links_purge), so only a timeline bind brings ${device.name} back`
      : `; it is not on the deferred list: only ${cause.supplier} binding again (autoprobe) or a timeline bind retries it`;
    const text = `unbound with its supplier ${cause.supplier}${at.length === 0 ? '' : ` (${cite(context, at[0])})`}${why}`;
    return make(context, 'depends', device, 'K10.3', text, attemptsLine(context, probes), at, [follow(context, cause.supplier, path, 'K10.3')]);
  }
  if (cause !== null) {
    // K10.2: a timeline bind whose attempt deferred is not queued (the sysfs write fails with -EAGAIN).
    const last = probes[probes.length - 1];
    const text = `its last attempt, a timeline bind${last === undefined ? '' : ` (${cite(context, last.seq)})`}, deferred: ${describeCause(cause)}; a bind that defers is not queued (-EAGAIN)`;
    const target = causeTarget(cause);
    return make(context, target === null ? 'unbound' : 'depends', device, 'K10.2', text, attemptsLine(context, probes), last === undefined ? [] : [last.seq], target === null ? [] : [follow(context, target, path, causeRule(cause))]);
  }
  const unbind = eventsOf(context, device.name).filter((event) => event.body.kind === 'unbind').pop();
  const timeline = unbind === undefined ? undefined : context.run.events.filter((event) => event.seq < unbind.seq && event.body.kind === 'timeline' && event.body.target === device.name).pop();
  const driver = unbind !== undefined && unbind.body.kind === 'unbind' ? ` from ${unbind.body.driver}` : '';
  const at = [timeline, unbind].flatMap((event) => (event === undefined ? [] : [event.seq]));
  const text = `unbound${driver} by the timeline${at.length === 0 ? '' : ` (${at.map((seq) => `${cite(context, seq)}`).join(', ')})`}; nothing bound it again`;
  return make(context, 'unbound', device, 'K10.2', text, attemptsLine(context, probesOf(context, device.name)), at, []);
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
