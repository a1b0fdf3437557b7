import type { DeviceTreeNode } from './device-tree.js';

/** Every node of the tree in document order (depth first, parent before children), without recursion. */
export function walkTree(root: DeviceTreeNode): DeviceTreeNode[] {
  const nodes: DeviceTreeNode[] = [];
  const pending: DeviceTreeNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as DeviceTreeNode;
    nodes.push(node);
    for (let index = node.children.length - 1; index >= 0; index -= 1) pending.push(node.children[index]);
  }
  return nodes;
}
