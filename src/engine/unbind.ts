/** Unbinding and removing devices, consumers before suppliers (K10.2, K10.3). */
import { linkManaged } from './links.js';
import { takeOffList } from './probe.js';
import { emit, providerKinds, type Dev, type EngineState } from './state.js';

/** K10.2: remove: unbind (consumers first), then delete the device. */
export function deviceUnregister(state: EngineState, dev: Dev): void {
  if (dev.driver >= 0) deviceReleaseDriver(state, dev, null, true);
  else deviceDel(state, dev);
}

/** device_del: off the deferred lists; device_links_purge deletes its links both ways for good (K10.3). */
function deviceDel(state: EngineState, dev: Dev): void {
  takeOffList(state, dev);
  dev.created = false;
  dev.dma = null;
  dev.fwspecKept = false;
  dev.domainAttached = false;
  dev.version++;
  for (const link of dev.supplierLinks) link.purged = true;
  for (const link of dev.consumerLinks) {
    link.purged = true;
    state.devs[link.consumer].version++;
  }
  emit(state, { kind: 'device-delete', node: dev.spec.label });
}

/** A device being unbound on deviceReleaseDriver's explicit stack. */
interface UnbindFrame {
  dev: Dev;
  consumerOf: Dev | null;
  /** Delete the device once it is unbound (deviceUnregister). */
  remove: boolean;
  phase: 'consumers' | 'children';
  /** The next consumer link, counting up; then the next child, counting down. */
  next: number;
}

/**
 * K10.3: unbinding a supplier first unbinds its consumers with a managed link (which stay unbound
 * until it binds again), then deletes its children, then the device itself loses its driver and providers.
 * Depth first on an explicit stack, not by recursion: a chain of consumers can be as long as the scenario.
 */
export function deviceReleaseDriver(state: EngineState, dev: Dev, consumerOf: Dev | null, remove = false): void {
  const stack: UnbindFrame[] = [];
  const busy = new Set<number>();
  const enter = (next: Dev, of: Dev | null, del: boolean) => {
    stack.push({ dev: next, consumerOf: of, remove: del, phase: 'consumers', next: 0 });
    busy.add(next.index);
  };
  enter(dev, consumerOf, remove);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const current = frame.dev;
    if (frame.phase === 'consumers') {
      if (frame.next < current.consumerLinks.length) {
        const link = current.consumerLinks[frame.next++];
        const consumer = state.devs[link.consumer];
        if (consumer.driver >= 0 && linkManaged(state, link) && !busy.has(consumer.index)) enter(consumer, current, false);
        continue;
      }
      warnUnmanagedUsers(state, current);
      frame.phase = 'children';
      frame.next = current.children.length;
    }
    let entered = false;
    while (frame.next > 0 && !entered) {
      const child = state.devs[current.children[--frame.next]];
      if (!child.created) continue;
      if (child.driver >= 0 && !busy.has(child.index)) {
        enter(child, null, true);
        entered = true;
      } else {
        deviceDel(state, child);
      }
    }
    if (entered) continue;
    stack.pop();
    busy.delete(current.index);
    finishUnbind(state, current, frame.consumerOf);
    if (frame.remove) deviceDel(state, current);
  }
}

/** K10.3: bound devices that use `dev` without a managed link are warned, in source order. */
function warnUnmanagedUsers(state: EngineState, dev: Dev): void {
  state.usersOf ??= buildUsers(state.devs);
  for (const i of state.usersOf[dev.index] ?? []) {
    const other = state.devs[i];
    if (other.driver < 0 || other === dev) continue;
    if (!other.supplierLinks.some((link) => link.supplier === dev.index && linkManaged(state, link))) {
      emit(state, { kind: 'warn', node: other.spec.label, warning: { kind: 'unmanaged-user', supplier: dev.spec.label } });
    }
  }
}

/** For each node, the devices whose references or probe-waits-for name it, ascending and once each. */
function buildUsers(devs: Dev[]): (number[] | undefined)[] {
  const users: (number[] | undefined)[] = new Array(devs.length);
  for (const other of devs) {
    for (const targets of [other.refTargets, other.waitsFor]) {
      for (const t of targets) {
        const list = (users[t] ??= []);
        if (list[list.length - 1] !== other.index) list.push(other.index);
      }
    }
  }
  return users;
}

/** The device itself loses its driver and providers; a consumer goes back to waiting for its supplier. */
function finishUnbind(state: EngineState, dev: Dev, consumerOf: Dev | null): void {
  const label = dev.spec.label;
  const driver = state.drivers[dev.driver].name;
  dev.driver = -1;
  dev.providers = false;
  dev.providerDriver = -1;
  dev.dma = null;
  dev.domainAttached = false;
  dev.version++;
  dev.memo = null;
  emit(state, { kind: 'unbind', node: label, driver, consumerOf: consumerOf?.spec.label ?? null });
  if (providerKinds(dev.spec).length > 0) emit(state, { kind: 'providers', node: label, providers: providerKinds(dev.spec), registered: false });
  // K10.3: a consumer is not queued; its AUTOPROBE link queues it when the supplier binds again.
  dev.last = 'unbound';
  dev.lastCause = consumerOf === null ? null : { kind: 'supplier-unbound', supplier: consumerOf.spec.label };
  dev.unboundBy = consumerOf === null ? -1 : consumerOf.index;
}
