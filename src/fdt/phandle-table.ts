import type { DeviceTreeNode, DeviceTreeProperty } from './device-tree.js';
import type { FdtDiagnostic } from './fdt-diagnostic.js';
import { findProperty } from './find-property.js';
import { walkTree } from './walk-tree.js';

/** The nodes that carry a phandle, by phandle, and the problems found reading them. */
export interface PhandleTable {
  byPhandle: Map<number, DeviceTreeNode>;
  diagnostics: FdtDiagnostic[];
}

const badPhandle = (property: DeviceTreeProperty, path: string, message: string, expected: string): FdtDiagnostic => ({ code: 'bad-phandle', severity: 'error', offset: property.offset, path, message, expected });

/** One 32-bit cell that is neither 0 nor 0xffffffff (Devicetree Specification v0.4, 2.3.3), or null. */
function phandleValue(property: DeviceTreeProperty): number | null {
  if (property.value.length !== 4) return null;
  const value = new DataView(property.value.buffer, property.value.byteOffset, 4).getUint32(0, false);
  return value === 0 || value === 0xffffffff ? null : value;
}

/**
 * Reads every node's `phandle` (or the older `linux,phandle`) so references can be resolved; a bad
 * value or a phandle two nodes claim is a diagnostic, and the first node in document order keeps it.
 */
export function phandleTable(root: DeviceTreeNode): PhandleTable {
  const byPhandle = new Map<number, DeviceTreeNode>();
  const diagnostics: FdtDiagnostic[] = [];
  for (const node of walkTree(root)) {
    const modern = findProperty(node, 'phandle');
    const legacy = findProperty(node, 'linux,phandle');
    const chosen = modern ?? legacy;
    if (chosen === undefined) continue;
    const value = phandleValue(chosen);
    if (value === null) {
      diagnostics.push(badPhandle(chosen, node.path, `${chosen.name} of ${chosen.value.length} bytes, or 0, or 0xffffffff`, 'one 32-bit cell other than 0 and 0xffffffff'));
      continue;
    }
    if (modern !== undefined && legacy !== undefined && phandleValue(legacy) !== value) {
      diagnostics.push(badPhandle(legacy, node.path, 'linux,phandle differs from phandle', 'linux,phandle equal to phandle'));
    }
    const holder = byPhandle.get(value);
    if (holder !== undefined) {
      diagnostics.push({ code: 'duplicate-phandle', severity: 'error', offset: chosen.offset, path: node.path, message: `phandle ${value} is already ${holder.path}'s`, expected: 'a phandle unique in the tree' });
      continue;
    }
    byPhandle.set(value, node);
  }
  return { byPhandle, diagnostics };
}
