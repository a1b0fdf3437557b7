/** A seeded shuffle for `--check-determinism`: the engine's only source of disorder, and a pure one (no Math.random). */

/** Shuffles `items` in place and returns it. */
export type Shuffle = <T>(items: T[]) => T[];

/** mulberry32: a small, fast 32-bit PRNG; the same seed always gives the same numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates shuffle driven by mulberry32(seed). */
export function seededShuffle(seed: number): Shuffle {
  const next = mulberry32(seed);
  return <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  };
}

/** `0, 1, …, n - 1`, shuffled when a shuffle is given: the order to visit n things in. */
export function visitOrder(n: number, shuffle: Shuffle | null): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return shuffle === null ? order : shuffle(order);
}

/** A copy of a record with its keys in shuffled order (own keys only; `__proto__` stays a plain key). */
export function shuffleRecord<V>(record: Record<string, V>, shuffle: Shuffle): Record<string, V> {
  const copy = Object.create(null) as Record<string, V>;
  for (const key of shuffle(Object.keys(record))) copy[key] = record[key];
  return copy;
}
