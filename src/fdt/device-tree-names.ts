/** Character rules for node and property names (Devicetree Specification v0.4, sections 2.2.1 and 2.2.4). */

const NODE_CHAR = /^[0-9A-Za-z,._+-]+$/;
const PROPERTY_NAME = /^[0-9A-Za-z,._+?#-]+$/;

/** Whether `name` is a valid non-root node name: `node-name` or `node-name@unit-address`. */
export function isValidNodeName(name: string): boolean {
  const at = name.indexOf('@');
  if (at === -1) return NODE_CHAR.test(name);
  return NODE_CHAR.test(name.slice(0, at)) && NODE_CHAR.test(name.slice(at + 1));
}

/** Whether `name` is a valid property name (it is also how `__symbols__` spells a label). */
export function isValidPropertyName(name: string): boolean {
  return PROPERTY_NAME.test(name);
}
