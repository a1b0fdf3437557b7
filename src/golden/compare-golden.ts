/** Golden compare: a unified diff from the accepted text to the actual one (jsdiff, context 3). */
import { formatPatch, structuredPatch } from 'diff';

/** Lines of unchanged context around each hunk. */
export const DIFF_CONTEXT = 3;

/**
 * Returns the unified diff `goldenPath` → `actualPath` when the texts differ, else null. The diff
 * has `---`/`+++` file headers and no `Index:` line, so it reads like `git diff`.
 */
export function compareGolden(golden: string, actual: string, goldenPath: string, actualPath: string): string | null {
  if (golden === actual) return null;
  const patch = structuredPatch(goldenPath, actualPath, golden, actual, undefined, undefined, { context: DIFF_CONTEXT });
  return formatPatch(patch, { includeIndex: false, includeUnderline: false, includeFileHeaders: true });
}
