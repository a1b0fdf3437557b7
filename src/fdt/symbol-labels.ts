import type { DeviceTreeNode } from './device-tree.js';
import type { FdtDiagnostic } from './fdt-diagnostic.js';
import { indexNodes } from './index-nodes.js';
import { propertyStrings } from './property-strings.js';

/** The labels `dtc -@` wrote into `/__symbols__`, by node path, and the entries that could not be used. */
export interface SymbolLabels {
  /** Node path to its labels, in the order `/__symbols__` lists them. */
  byPath: Map<string, string[]>;
  diagnostics: FdtDiagnostic[];
}

/** Reads `/__symbols__` (each property: a label, its value the labelled node's path); empty when the tree has none. */
export function symbolLabels(root: DeviceTreeNode): SymbolLabels {
  const byPath = new Map<string, string[]>();
  const diagnostics: FdtDiagnostic[] = [];
  const symbols = root.children.find((child) => child.name === '__symbols__');
  if (symbols === undefined) return { byPath, diagnostics };
  const nodes = indexNodes(root);
  for (const property of symbols.properties) {
    const strings = propertyStrings(property.value);
    const target = strings !== null && strings.length === 1 ? strings[0] : null;
    if (target === null || !nodes.has(target)) {
      const found = target === null ? 'a value that is not one string' : `path ${JSON.stringify(target)}, which is not in the tree`;
      diagnostics.push({ code: 'bad-symbol', severity: 'warning', offset: property.offset, path: symbols.path, message: `label ${property.name} has ${found}`, expected: 'the full path of a node of this tree' });
      continue;
    }
    const labels = byPath.get(target);
    if (labels === undefined) byPath.set(target, [property.name]);
    else labels.push(property.name);
  }
  return { byPath, diagnostics };
}
