/** The Diff tab's rows: the result's golden → actual patch as hunks with context (no diffing here). */
import type { GoldenPatch } from '../../src/model/result.js';
import { highlightChange, type WordLine } from '../../src/report/highlight-words.js';

/** One displayed diff row. */
export interface DiffRow {
  kind: 'hunk' | 'add' | 'remove' | 'context' | 'note';
  text: string;
  /** For a changed line paired with its counterpart: the line after its `+`/`-` mark, in parts, the changed words marked (the text reporter's rule). */
  words?: WordLine;
  /** The 0-based line of the actual trace this row shows (context and added lines) or stands before (removed lines). */
  actualLine?: number;
}

/** Rows to display and the indexes of the hunk headers (`[`/`]` jump between them). */
export interface DiffView {
  rows: DiffRow[];
  hunkStarts: number[];
  /** Lines added and removed over all hunks. */
  added: number;
  removed: number;
}

/**
 * The rows of a result's patch (src/golden's compareGolden, made once by the run); without a patch,
 * a missing golden shows every actual line as added, and an existing one shows nothing (it matches).
 */
export function diffRows(patch: GoldenPatch | null, actual: string, hasGolden: boolean): DiffView {
  if (patch === null && hasGolden) return { rows: [], hunkStarts: [], added: 0, removed: 0 };
  const lines = actual === '' ? [] : actual.replace(/\n$/, '').split('\n');
  const hunks = patch?.hunks ?? (lines.length === 0 ? [] : [{ oldStart: 1, oldLines: 0, newStart: 1, newLines: lines.length, lines: lines.map((line) => `+${line}`) }]);
  const rows: DiffRow[] = [];
  const hunkStarts: number[] = [];
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    hunkStarts.push(rows.length);
    // As in `diff -u` (and jsdiff's formatPatch): an empty side is numbered from the line before it.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    rows.push({ kind: 'hunk', text: `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@` });
    let actualLine = hunk.newStart - 1;
    // A run of removed rows then added rows, marked once the run ends.
    let change: { removed: number[]; added: number[] } = { removed: [], added: [] };
    const flush = () => {
      const words = highlightChange(
        change.removed.map((index) => rows[index].text.slice(1)),
        change.added.map((index) => rows[index].text.slice(1)),
      );
      if (words !== null) {
        change.removed.forEach((index, i) => (rows[index].words = words.removed[i]));
        change.added.forEach((index, i) => (rows[index].words = words.added[i]));
      }
      change = { removed: [], added: [] };
    };
    for (const line of hunk.lines) {
      const mark = line[0];
      if (mark === '+') {
        added += 1;
        change.added.push(rows.length);
        rows.push({ kind: 'add', text: line, actualLine });
        actualLine += 1;
      } else if (mark === '-') {
        removed += 1;
        if (change.added.length > 0) flush();
        change.removed.push(rows.length);
        rows.push({ kind: 'remove', text: line, actualLine });
      } else if (mark === '\\') {
        rows.push({ kind: 'note', text: line });
      } else {
        flush();
        rows.push({ kind: 'context', text: line, actualLine });
        actualLine += 1;
      }
    }
    flush();
  }
  return { rows, hunkStarts, added, removed };
}
