import type { DeviceTreeNode, DeviceTreeProperty } from './device-tree.js';

/** The node's property named `name`, or undefined when it has none. */
export function findProperty(node: DeviceTreeNode, name: string): DeviceTreeProperty | undefined {
  return node.properties.find((property) => property.name === name);
}
