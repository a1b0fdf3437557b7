/** One event's message in the trace (the part after the device column). */
import { errnoName } from '../model/errno.js';
import type { EventBody } from '../model/events.js';
import { causeRule, describeCause, describeDma, describeWarning, warningRule } from './describe.js';

/** Seconds with six decimals, as the kernel log prints them. */
export function formatSeconds(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  return `${whole}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

function probeOutcome(body: Extract<EventBody, { kind: 'probe' }>): string {
  const { result } = body;
  switch (result.type) {
    case 'bound':
      return 'bound';
    case 'defer':
      return `deferred: ${describeCause(result.cause)} [${causeRule(result.cause)}]`;
    case 'rejected':
      return `rejects match ${errnoName(result.error)}: ${describeCause(result.cause)} [K3.6]`;
    case 'failed': {
      // K3.6: the kernel's own message, in the wording of the profile's kernel.
      const message =
        body.wording === 'probe-of' ? `${body.driver}: probe of ${body.node} failed with error ${result.error}` : `probe with driver ${body.driver} failed with error ${result.error}`;
      return `failed: "${message}" (${errnoName(result.error)}): ${describeCause(result.cause)} [K3.6]`;
    }
    default: {
      const never: never = result;
      throw new Error(`probe-run bug: unknown probe result ${JSON.stringify(never)}`);
    }
  }
}

const VIA: Record<string, string> = { add: '', register: '', deferred: ' (deferred retry)', bind: ' (bind)' };

/** The device column of an event, or null for events of the whole system. */
export function eventDevice(body: EventBody): string | null {
  switch (body.kind) {
    case 'early-provider':
    case 'device-add':
    case 'device-delete':
    case 'probe':
    case 'dma':
    case 'iommu-replay':
    case 'warn':
    case 'providers':
    case 'power-on':
    case 'link-relaxed':
    case 'deferred-pending':
    case 'pinctrl-ignored':
    case 'domain-already-attached':
    case 'domain-ignored':
    case 'domain-attached':
    case 'autoprobe':
    case 'unbind':
      return body.node;
    case 'timeline-noop':
      return body.action === 'modprobe' ? null : body.node;
    default:
      return null;
  }
}

/** The message of one event, with the rule behind it in brackets where useful. */
export function formatEvent(body: EventBody): string {
  switch (body.kind) {
    case 'initcall':
      return `initcall level ${body.level} [K1.1]`;
    case 'populate':
      return 'arch_initcall_sync: of_platform_default_populate_init [K1.2]';
    case 'deferred-initcall':
      return body.pass === 1 ? 'late_initcall: deferred_probe_initcall, pass 1 [K4.3]' : 'deferred_probe_initcall, pass 2 [K4.3]';
    case 'initcalls-done':
      return 'initcalls_done = true [K4.3]';
    case 'user-space':
      return 'initcalls finished, user space running [K1.4]';
    case 'early-provider':
      return `early provider via ${body.driver}: ${body.providers.join(', ') || 'nothing'} registered, ${body.device ? 'its device comes at populate' : 'no device'} [K1.3]`;
    case 'driver-register':
      return body.via === 'modprobe' ? `driver ${body.driver} registered (module) [K10.1]` : `driver ${body.driver} registered`;
    case 'devlink-cycle':
      return `fw_devlink: fixed dependency cycle(s) ${body.nodes.join(' ')} [K8.4]`;
    case 'device-add':
      return 'device added';
    case 'device-delete':
      return 'device deleted [K10.2]';
    case 'probe': {
      const listed =
        body.result.type === 'defer'
          ? body.listed === 'pending'
            ? ' -> pending'
            : body.listed === 'not-queued'
              ? ' -> not queued (bind returns -EAGAIN) [K10.2]'
              : ''
          : body.listed === 'already-listed'
            ? ' (off the deferred list)'
            : '';
      return `probe ${body.driver}${VIA[body.via]}: ${probeOutcome(body)}${listed}`;
    }
    case 'dma':
      return `dma ${describeDma(body.decision)}`;
    case 'iommu-replay':
      return `iommu replay before any driver [K5.8]: dma ${describeDma(body.decision)}`;
    case 'warn':
      return `warning: ${describeWarning(body.node, body.warning)} [${warningRule(body.warning)}]`;
    case 'providers':
      return `${body.registered ? 'registered' : 'unregistered'} provider(s): ${body.providers.join(', ')} [${body.registered ? 'K3.5' : 'K10.3'}]`;
    case 'power-on': {
      const outcome: Record<typeof body.outcome, string> = {
        on: 'attached, powered on',
        defer: `power on failed ${errnoName(body.error)}: detached, -EPROBE_DEFER`,
        'defer-attached': `power on failed ${errnoName(body.error)}: -EPROBE_DEFER, left attached`,
        ignored: `power on failed ${errnoName(body.error)}: ignored`,
      };
      return `power domain ${body.domain}: ${outcome[body.outcome]} [K6.1]`;
    }
    case 'pinctrl-ignored':
      return `pin controller ${body.provider} not registered, no modules: -ENODEV ignored, no pin setup [K7.3]`;
    case 'domain-already-attached':
      return `power domain ${body.domain}: already attached (-EEXIST, ignored), probing with the domain off [K6.1]`;
    case 'domain-ignored':
      return `power domain ${body.domain} not registered: -ENOENT ignored, probing without it [K6.2]`;
    case 'domain-attached':
      return `power domain ${body.domain}: attached by the driver, not powered on [K6.3]`;
    case 'autoprobe':
      return `supplier ${body.supplier} bound: added to the deferred list (autoprobe consumer) [K10.3]`;
    case 'trigger':
      return body.enabled
        ? `deferred trigger: ${body.moved} pending -> active [K4.2]`
        : `deferred trigger ignored before late_initcall (${body.moved} pending) [K4.2]`;
    case 'timeout-armed':
      return `deferred probe timeout armed, expires at ${formatSeconds(body.expires)} [K9.2]`;
    case 'timeout-extended':
      return `deferred probe timeout extended to ${formatSeconds(body.expires)} by ${body.driver} [K9.2]`;
    case 'timeout-expired':
      return 'deferred probe timeout expired [K9.3]';
    case 'drivers-done':
      return 'fw_devlink: drivers done, relaxing links to suppliers that never matched a driver [K8.5]';
    case 'link-relaxed':
      return body.why === 'drivers-done'
        ? `fw_devlink: link to ${body.supplier} relaxed [K8.5]`
        : `fw_devlink: link to ${body.supplier} relaxed, it was added with no driver [K8.5]`;
    case 'deferred-pending': {
      const reason = body.cause === null ? '' : `: ${describeCause(body.cause)}`;
      return `${body.level === 'warning' ? 'warning: ' : ''}deferred probe pending${reason} [K9.3]`;
    }
    case 'timeline':
      return `timeline: ${body.action} ${body.target} [K10]`;
    case 'timeline-noop': {
      const why: Record<typeof body.why, string> = {
        'not-created': 'no such device',
        'already-bound': 'already bound',
        'not-bound': 'not bound',
        'already-created': 'device already exists',
        disabled: 'node disabled',
        'modules-off': 'not loadable (CONFIG_MODULES off or not a module)',
        'already-loaded': 'module already loaded',
      };
      return body.action === 'modprobe' ? `modprobe ${body.node}: nothing to do, ${why[body.why]}` : `${body.action}: nothing to do, ${why[body.why]}`;
    }
    case 'unbind':
      return body.consumerOf === null
        ? `unbound from ${body.driver} [K10.2]`
        : `unbound from ${body.driver}: consumer of ${body.consumerOf}, not queued until it binds again [K10.3]`;
    case 'livelock':
      return `livelock: step bound reached after ${body.attempts} attempts; still queued: ${body.nodes.join(' ') || 'none'} [K11.2]`;
    default: {
      const never: never = body;
      throw new Error(`probe-run bug: unknown event ${JSON.stringify(never)}`);
    }
  }
}
