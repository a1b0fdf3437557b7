/** A compact "why" tree built from the final-state table, used when no `explain` function is given. */
import { errnoName } from '../../src/model/errno.js';
import type { Cause, DeviceOutcome } from '../../src/model/events.js';

/** One cause in words, with the SPEC rule behind it. */
export function describeCause(cause: Cause): string {
  switch (cause.kind) {
    case 'supplier':
      return `waiting for supplier ${cause.supplier} (fw_devlink, K3.1)`;
    case 'pinctrl':
      return `pin controller ${cause.provider} not registered (K7.3)`;
    case 'iommu-absent':
      return `IOMMU ${cause.iommu} declared but not registered (K5.5)`;
    case 'xlate':
      return `of_xlate on ${cause.iommu} returned ${errnoName(cause.error)} (K5.4)`;
    case 'iommu-failed':
      return `IOMMU ${cause.iommu} failed with ${errnoName(cause.error)} (K5.6)`;
    case 'power-domain-absent':
      return `power domain ${cause.domain} not registered (K6.2)`;
    case 'power-on':
      return `powering on ${cause.domain} failed with ${errnoName(cause.error)} (K6.1)`;
    case 'provider':
      return `${cause.reference} provider ${cause.provider} not registered (K7.1)`;
    case 'waits-for':
      return `probe() waits for ${cause.node} to bind (K3.4)`;
    case 'injected':
      return `probe() returned ${errnoName(cause.error)} (injected fault, K3.4)`;
    default: {
      const unknown: never = cause;
      throw new Error(`probe-run bug: unhandled cause ${JSON.stringify(unknown)}`);
    }
  }
}

/** The node a cause points at, whose own state explains it further; null for an injected result. */
export function causeTarget(cause: Cause): string | null {
  switch (cause.kind) {
    case 'supplier':
      return cause.supplier;
    case 'pinctrl':
    case 'provider':
      return cause.provider;
    case 'iommu-absent':
    case 'xlate':
    case 'iommu-failed':
      return cause.iommu;
    case 'power-domain-absent':
    case 'power-on':
      return cause.domain;
    case 'waits-for':
      return cause.node;
    case 'injected':
      return null;
    default: {
      const unknown: never = cause;
      throw new Error(`probe-run bug: unhandled cause ${JSON.stringify(unknown)}`);
    }
  }
}

/** `pending · acme-dpu · dma iommu(smmu) · 3 attempts · waiting for …`: one device's final state on a line. */
export function deviceSummary(device: DeviceOutcome): string {
  const parts = [device.error ? `${device.state} ${device.error}` : device.state];
  if (device.driver) parts.push(device.driver);
  if (device.dma) parts.push(device.dma === 'iommu' ? `dma iommu(${device.iommus.join(',')})` : 'dma direct');
  if (device.attempts > 0) parts.push(`${device.attempts} attempt${device.attempts === 1 ? '' : 's'}`);
  if (device.bound_seq !== null) parts.push(`bound at #${device.bound_seq}${device.bound_time === null ? '' : ` (${device.bound_time}s)`}`);
  if (device.waiting_for) parts.push(`waiting for ${device.waiting_for}`);
  return parts.join(' · ');
}

/**
 * Lines of a tree that follows a device's last cause to the node it names, and that node's cause in
 * turn, until a bound device, a device without a cause, or a node already shown.
 */
export function compactWhy(devices: readonly DeviceOutcome[], name: string): string[] {
  const byName = new Map(devices.map((device) => [device.name, device]));
  const lines: string[] = [];
  const seen = new Set<string>();
  const visit = (node: string, indent: string) => {
    const device = byName.get(node);
    if (!device) {
      lines.push(`${indent}${node}  (no device in the final-state table)`);
      return;
    }
    if (seen.has(node)) {
      lines.push(`${indent}${node}  ${device.state} (shown above: a cycle)`);
      return;
    }
    seen.add(node);
    lines.push(`${indent}${node}  ${deviceSummary(device)}`);
    if (!device.cause) return;
    if (device.state === 'bound') {
      lines.push(`${indent}└─ deferred before binding: ${describeCause(device.cause)}`);
      return;
    }
    lines.push(`${indent}└─ ${describeCause(device.cause)}`);
    const target = causeTarget(device.cause);
    if (target !== null && target !== node) visit(target, `${indent}   `);
  };
  visit(name, '');
  return lines;
}
