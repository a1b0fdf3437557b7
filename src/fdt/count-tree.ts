import type { DeviceTreeNode } from './device-tree.js';
import { walkTree } from './walk-tree.js';

/** How many nodes (the root included) and properties a tree holds. */
export function countTree(root: DeviceTreeNode): { nodes: number; properties: number } {
  let nodes = 0;
  let properties = 0;
  for (const node of walkTree(root)) {
    nodes += 1;
    properties += node.properties.length;
  }
  return { nodes, properties };
}
