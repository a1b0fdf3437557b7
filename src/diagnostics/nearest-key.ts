/** "Did you mean" suggestions for misspelt keys. */

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `key`, if it is close enough to be a plausible typo (one edit for keys of up to
 * four characters, else up to a third of the key's length but at least 2); ties go to the earlier candidate. Case and `_`/`-`
 * confusions count as exact matches.
 */
export function nearestKey(key: string, candidates: readonly string[]): string | null {
  if (key.length > 64) return null;
  const fold = (s: string) => s.toLowerCase().replace(/_/g, '-');
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = fold(key) === fold(candidate) ? 0 : editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = key.length <= 4 ? 1 : Math.max(2, Math.floor(key.length / 3));
  return best !== null && bestDistance <= allowed && bestDistance < key.length ? best : null;
}
