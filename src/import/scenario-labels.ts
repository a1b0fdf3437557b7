/**
 * Labels for imported nodes (SPEC section 8): the `/__symbols__` label (dtc -@) when there is one,
 * else the node name with its unit address, made valid (`serial@fe650000` → `serial_fe650000`) and
 * unique (`_2`, `_3` …).
 */

const LABEL = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** YAML 1.1/1.2 words a plain scalar would read as a boolean or null. */
const YAML_WORDS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n']);

/** A valid scenario label from any node name. */
export function labelFromName(name: string): string {
  let label = name.replace(/[^A-Za-z0-9_-]/g, '_');
  if (label === '') label = 'root';
  if (!/^[A-Za-z_]/.test(label)) label = `n_${label}`;
  if (YAML_WORDS.has(label.toLowerCase())) label = `${label}_`;
  return label;
}

/** Hands out unique labels in the order nodes are met. */
export class LabelAllocator {
  private readonly used = new Set<string>();

  /** The first usable symbol label, else the node name's; returns the label and where it came from. */
  take(symbols: readonly string[], name: string): { label: string; from: 'symbol' | 'name' } {
    for (const symbol of symbols) {
      if (LABEL.test(symbol) && !YAML_WORDS.has(symbol.toLowerCase()) && !this.used.has(symbol)) {
        this.used.add(symbol);
        return { label: symbol, from: 'symbol' };
      }
    }
    const base = labelFromName(name);
    let label = base;
    for (let n = 2; this.used.has(label); n++) label = `${base}_${n}`;
    this.used.add(label);
    return { label, from: 'name' };
  }
}
