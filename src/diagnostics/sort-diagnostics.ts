/** Orders diagnostics the way they are printed: by position in the file. */
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * Sorts by start offset, then end offset; diagnostics without a place come first. Ties keep the
 * order they were found in (Array.prototype.sort is stable), so output is deterministic.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const as = a.range?.start ?? -1;
    const bs = b.range?.start ?? -1;
    if (as !== bs) return as - bs;
    return (a.range?.end ?? -1) - (b.range?.end ?? -1);
  });
}
