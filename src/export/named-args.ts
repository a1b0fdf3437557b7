/** Numbers for named reference arguments (`clocks: [ccu CLK_BUS]`), since a DTS cell holds numbers only. */
import type { Scenario } from '../model/scenario.js';

/** Per provider label, each argument name and the number it stands for in the export. */
export type NamedArgNumbers = Map<string, Map<string, number>>;

/**
 * Gives every named argument a number, per provider: names in order of first use (nodes in source
 * order, references in file order) get the numbers after the largest numeric argument any reference
 * to that provider uses, so a name never collides with a number written out.
 */
export function numberNamedArgs(scenario: Scenario): NamedArgNumbers {
  const largest = new Map<string, number>();
  const names = new Map<string, string[]>();
  for (const node of scenario.nodes) {
    for (const reference of node.references) {
      for (const arg of reference.args) {
        if (typeof arg === 'number') {
          largest.set(reference.label, Math.max(largest.get(reference.label) ?? -1, arg));
        } else {
          const list = names.get(reference.label) ?? [];
          if (!list.includes(arg)) list.push(arg);
          names.set(reference.label, list);
        }
      }
    }
  }
  const numbers: NamedArgNumbers = new Map();
  for (const [provider, list] of names) {
    const first = (largest.get(provider) ?? -1) + 1;
    numbers.set(provider, new Map(list.map((name, index) => [name, first + index])));
  }
  return numbers;
}
