/** Why a bound device bound: the rule that let it, and what it gave up waiting for on the way (K2.3, K4.2, K5.5, K7.3, K8.5, K10). */
import type { DeviceOutcome, TraceEvent } from '../model/events.js';
import type { NodeSpec } from '../model/scenario.js';
import { causeTarget, describeDma, describeWarning, warningRule } from '../trace/describe.js';
import { attemptsLine, cite, eventsOf, follow, isUp, lastSystemEvent, laterUpEvent, make, probesOf, reasonGroups, sortFacts, type Context, type Fact, type Path, type ProbeEvent, upEvent } from './explain-context.js';
import type { Explanation } from './explanation.js';

/** A supplier the device stopped waiting for, with the events that show it. */
interface GaveUp {
  /** The rule of the last step that let the attempt through. */
  rule: string;
  supplier: string;
  /** `IOMMU`, `pin controller`, `supplier`. */
  what: string;
  facts: Fact[];
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

export function explainBound(context: Context, device: DeviceOutcome, path: Path): Explanation {
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
