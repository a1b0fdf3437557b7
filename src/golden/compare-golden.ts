/** Golden compare: golden → actual as a structured patch (jsdiff, context 3), rendered only at the output edge. */
import { formatPatch, structuredPatch } from 'diff';
import type { GoldenPatch } from '../model/result.js';

/** Lines of unchanged context around each hunk. */
export const DIFF_CONTEXT = 3;

/** The structured patch `goldenPath` → `actualPath` when the texts differ, else null. */
export function compareGolden(golden: string, actual: string, goldenPath: string, actualPath: string): GoldenPatch | null {
  if (golden === actual) return null;
  return structuredPatch(goldenPath, actualPath, golden, actual, undefined, undefined, { context: DIFF_CONTEXT });
}

/** The unified diff text of a patch, with `---`/`+++` file headers and no `Index:` line, so it reads like `git diff`. */
export function formatGoldenPatch(patch: GoldenPatch): string {
  return formatPatch(patch, { includeIndex: false, includeUnderline: false, includeFileHeaders: true });
}
