/** A compact "why" tree built from the final-state table, used when no `explain` function is given. */
import { errnoName } from '../../src/model/errno.js';
import type { Cause, DeviceOutcome } from '../../src/model/events.js';
import { causeTarget, describeCauseWithRule } from '../../src/trace/describe.js';

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
      lines.push(`${indent}└─ deferred before binding: ${describeCauseWithRule(device.cause)}`);
      return;
    }
    lines.push(`${indent}└─ ${describeCauseWithRule(device.cause)}`);
    const target = causeTarget(device.cause);
    if (target !== null && target !== node) visit(target, `${indent}   `);
  };
  visit(name, '');
  return lines;
}
