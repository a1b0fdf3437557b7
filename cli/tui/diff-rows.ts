/** The Diff tab's rows: golden vs actual as hunks with context, computed with jsdiff. */
import { structuredPatch } from 'diff';

/** One displayed diff row. */
export interface DiffRow {
  kind: 'hunk' | 'add' | 'remove' | 'context' | 'note';
  text: string;
}

/** Rows to display and the indexes of the hunk headers (`[`/`]` jump between them). */
export interface DiffView {
  rows: DiffRow[];
  hunkStarts: number[];
  /** Lines added and removed over all hunks. */
  added: number;
  removed: number;
}

/** Lines of context around each change. */
const CONTEXT = 3;

/** Diffs golden → actual line by line; a missing golden diffs against the empty file. */
export function diffRows(golden: string | null, actual: string): DiffView {
  const patch = structuredPatch('golden', 'actual', golden ?? '', actual, '', '', { context: CONTEXT });
  const rows: DiffRow[] = [];
  const hunkStarts: number[] = [];
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    hunkStarts.push(rows.length);
    // As in `diff -u` (and jsdiff's formatPatch): an empty side is numbered from the line before it.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    rows.push({ kind: 'hunk', text: `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@` });
    for (const line of hunk.lines) {
      const mark = line[0];
      if (mark === '+') {
        added += 1;
        rows.push({ kind: 'add', text: line });
      } else if (mark === '-') {
        removed += 1;
        rows.push({ kind: 'remove', text: line });
      } else if (mark === '\\') {
        rows.push({ kind: 'note', text: line });
      } else {
        rows.push({ kind: 'context', text: line });
      }
    }
  }
  return { rows, hunkStarts, added, removed };
}
