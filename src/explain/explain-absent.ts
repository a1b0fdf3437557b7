/** Devices without an attempt to explain: no driver, an OF_DECLARE node, a device never created, a device unbound. */
import { stateText } from '../engine/outcome.js';
import type { DeviceOutcome } from '../model/events.js';
import type { DriverSpec, NodeSpec, Scenario } from '../model/scenario.js';
import { causeRule, causeTarget, describeCause } from '../trace/describe.js';
import { livelockNode } from './explain-cause.js';
import { attemptsLine, cite, eventsOf, follow, isUp, make, probesOf, seqList, type Context, type Path } from './explain-context.js';
import type { Explanation } from './explanation.js';

function driversMatching(scenario: Scenario, spec: NodeSpec): DriverSpec[] {
  return scenario.drivers.filter((driver) => driver.compatible.some((compatible) => spec.compatible.includes(compatible)));
}

export function names(drivers: readonly DriverSpec[]): string {
  return drivers.map((driver) => driver.name).join(', ');
}

/** A created device no driver ever probed: no driver matches, the drivers are absent, or modules were never loaded. */
export function explainNoDriver(context: Context, device: DeviceOutcome): Explanation {
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

export function explainEarly(context: Context, device: DeviceOutcome): Explanation {
  const event = eventsOf(context, device.name).find((other) => other.body.kind === 'early-provider');
  const providers = event !== undefined && event.body.kind === 'early-provider' ? event.body.providers.join(', ') || 'no' : 'its';
  const at = event === undefined ? '' : ` (${cite(context, event.seq)})`;
  return make(context, 'early', device, 'K1.3', `${providers} provider(s) registered at time 0 by the OF_DECLARE driver ${device.driver ?? '?'}${at}; no device is created`, [], event === undefined ? [] : [event.seq], []);
}

export function explainNotCreated(context: Context, device: DeviceOutcome, path: Path): Explanation {
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

export function explainUnbound(context: Context, device: DeviceOutcome, path: Path): Explanation {
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
