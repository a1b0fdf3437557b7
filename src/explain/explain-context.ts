/** What every part of explain shares: the run being explained, the work list, citing trace lines, reading a device's events. */
import { stateText } from '../engine/outcome.js';
import { errnoName } from '../model/errno.js';
import type { DeviceOutcome, EventBody, RunResult, TraceEvent } from '../model/events.js';
import type { NodeSpec, Scenario } from '../model/scenario.js';
import { causeRule, describeCause } from '../trace/describe.js';
import type { Explanation, ExplanationKind } from './explanation.js';

/** The nodes from the explained device down to the one being explained, innermost first (for cycles). */
export type Path = { name: string; up: Path } | null;

/** A child still to explain: its placeholder in the parent's `children` is filled in place. */
interface Job {
  into: Explanation;
  name: string;
  rule: string;
  path: Path;
}

/** What the walk reads, indexed once per call, and the children still to explain. */
export interface Context {
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
export function cite(context: Context, seq: number): string {
  return `#${context.firstEventLine + seq}`;
}

/** Options of explainDevice. */
export interface ExplainOptions {
  /** The 0-based index of the first event line in the trace being explained (firstEventLine of src/trace), so `#N` cites line N; default 0 (`#N` is event N). */
  firstEventLine?: number;
}

export type ProbeEvent = TraceEvent & { body: Extract<EventBody, { kind: 'probe' }> };

/** A child explanation of `name`, filled in by explainDevice's work list. */
export function follow(context: Context, name: string, path: Path, rule: string): Explanation {
  const into: Explanation = { kind: 'depends', node: name, state: '', rule, seqs: { first_attempt: null, last_attempt: null, bound: null, reason: [] }, text: '', details: [], children: [] };
  context.jobs.push({ into, name, rule, path });
  return into;
}

export function onPath(path: Path, name: string): boolean {
  for (let link = path; link !== null; link = link.up) if (link.name === name) return true;
  return false;
}

/** `#3`, `#3, #9`, or `#3 … #40 (7 times)` for long lists. */
export function seqList(context: Context, seqs: readonly number[]): string {
  if (seqs.length <= 3) return seqs.map((seq) => cite(context, seq)).join(', ');
  return `${cite(context, seqs[0])} … ${cite(context, seqs[seqs.length - 1])} (${seqs.length} times)`;
}

/** Builds a node; the attempt seqs come from the device's probe events. */
export function make(
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

export function eventsOf(context: Context, name: string): TraceEvent[] {
  return context.byNode.get(name) ?? [];
}

export function probesOf(context: Context, name: string): ProbeEvent[] {
  return eventsOf(context, name).filter((event): event is ProbeEvent => event.body.kind === 'probe');
}

export function isUp(context: Context, name: string): boolean {
  const state = context.devices.get(name)?.state;
  return state === 'bound' || state === 'early';
}

/** `probe attempts: 3 (#12 … #40)`, the line every probed device gets. */
export function attemptsLine(context: Context, probes: readonly ProbeEvent[]): string[] {
  if (probes.length === 0) return ['never probed'];
  if (probes.length === 1) return [`1 probe attempt (${cite(context, probes[0].seq)})`];
  return [`${probes.length} probe attempts (${cite(context, probes[0].seq)} … ${cite(context, probes[probes.length - 1].seq)})`];
}

/** The causes of the attempts that did not bind, grouped by reason in order of first appearance. */
export function reasonGroups(context: Context, probes: readonly ProbeEvent[]): { lines: string[]; seqs: number[] } {
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
export function upEvent(context: Context, name: string, before: number): TraceEvent | null {
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
export function laterUpEvent(context: Context, name: string, after: number): TraceEvent | null {
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

export function lastSystemEvent(context: Context, kind: EventBody['kind'], before: number): TraceEvent | null {
  for (let i = Math.min(before, context.run.events.length) - 2; i >= 0; i--) {
    if (context.run.events[i].body.kind === kind) return context.run.events[i];
  }
  return null;
}

/** One fact with the event that shows it. */
export interface Fact {
  seq: number;
  text: string;
}

/** Facts in trace order, each event once. */
export function sortFacts(facts: readonly Fact[]): Fact[] {
  const bySeq = new Map(facts.map((fact) => [fact.seq, fact]));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
