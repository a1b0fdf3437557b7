import type { DeviceTreeNode } from './device-tree.js';
import { walkTree } from './walk-tree.js';

/** Every node of the tree by its path (the first one when a malformed tree repeats a path). */
export function indexNodes(root: DeviceTreeNode): Map<string, DeviceTreeNode> {
  const byPath = new Map<string, DeviceTreeNode>();
  for (const node of walkTree(root)) if (!byPath.has(node.path)) byPath.set(node.path, node);
  return byPath;
}
