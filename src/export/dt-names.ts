/** Scenario labels to device-tree node names and dtc labels, which allow fewer characters. */

/**
 * A valid node name for a scenario label: `_` becomes `-` (DT node names hold `[a-zA-Z0-9,._+-]` and
 * should not hold `_`), and a name that would not start with a letter or digit gets an `n` in front.
 */
export function nodeNameOf(label: string): string {
  const name = label.replace(/_/g, '-');
  return /^[A-Za-z0-9]/.test(name) ? name : `n${name}`;
}

/** A valid dtc label for a scenario label: `-` becomes `_` (dtc labels hold `[a-zA-Z0-9_]` only). */
export function dtsLabelOf(label: string): string {
  return label.replace(/-/g, '_');
}

/**
 * The first of `base`, `base-1`, `base-2`… (or `base_1`… with `separator` `_`) not in `taken`, which is
 * then added to it: names that map onto one another get distinct names in file order.
 */
export function uniqueName(base: string, taken: Set<string>, separator: '-' | '_' = '-'): string {
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}${separator}${n}`;
  taken.add(name);
  return name;
}
