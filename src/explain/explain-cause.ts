/** Why a device is pending, failed or rejected: the cause of its last attempt, down to the node it names. */
import { errnoName } from '../model/errno.js';
import type { Cause, DeviceOutcome, TraceEvent } from '../model/events.js';
import { causeRule, causeTarget, describeCause, describeWarning } from '../trace/describe.js';
import { attemptsLine, cite, eventsOf, follow, isUp, lastSystemEvent, make, probesOf, reasonGroups, type Context, type Fact, type Path } from './explain-context.js';
import type { Explanation, ExplanationKind } from './explanation.js';

/** Pending, failed and rejected devices: their last cause decides. */
export function explainCause(context: Context, device: DeviceOutcome, path: Path): Explanation {
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

export function livelockNode(context: Context, device: DeviceOutcome, details: string[], reason: number[]): Explanation {
  const event = context.livelock as TraceEvent;
  const attempts = event.body.kind === 'livelock' ? event.body.attempts : context.run.attempts;
  return make(context, 'livelock', device, 'K11.2', `the run stopped at the step bound after ${attempts} attempts (${cite(context, event.seq)}) before ${device.name} settled`, details, [...reason, event.seq], []);
}
