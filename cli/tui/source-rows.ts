/** The Source tab's rows: the scenario's YAML with each diagnostic marked under its line. */
import { lineColumn } from '../../src/diagnostics/line-column.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { displayText, splitLines } from './display-text.js';

/** One displayed row: a source line, or a diagnostic under the line it points at. */
export type SourceRow =
  | { kind: 'code'; line: number; text: string; severity: Diagnostic['severity'] | null }
  | { kind: 'diagnostic'; severity: Diagnostic['severity']; text: string };

/** Rows to display and the indexes of the diagnostic rows (`n`/`N` jump between them). */
export interface SourceView {
  rows: SourceRow[];
  diagnosticRows: number[];
}

function label(diagnostic: Diagnostic): string {
  return `${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}

/**
 * Lays out the source with a caret row and the message under each line that has a diagnostic;
 * diagnostics without a place come first. Ranges are offsets into `source` (UTF-16 units, as
 * eemeli/yaml reports them).
 */
export function sourceRows(source: string | null, diagnostics: readonly Diagnostic[]): SourceView {
  const rows: SourceRow[] = [];
  const diagnosticRows: number[] = [];
  const text = source ?? '';
  const lines = splitLines(text);

  const byLine = new Map<number, { diagnostic: Diagnostic; column: number; width: number }[]>();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.range || source === null) {
      diagnosticRows.push(rows.length);
      rows.push({ kind: 'diagnostic', severity: diagnostic.severity, text: label(diagnostic) });
      continue;
    }
    const start = Math.min(diagnostic.range.start, text.length);
    // The same place the text reporter prints (src/diagnostics), made 0-based for the rows.
    const place = lineColumn(text, start);
    const line = place.line - 1;
    const column = place.column - 1;
    const lineText = lines[line] ?? '';
    const width = Math.max(1, Math.min(diagnostic.range.end - start, lineText.length - column));
    const list = byLine.get(line) ?? [];
    list.push({ diagnostic, column, width });
    byLine.set(line, list);
  }

  const lastLine = Math.max(lines.length, ...[...byLine.keys()].map((line) => line + 1));
  for (let line = 0; line < lastLine; line += 1) {
    const marks = byLine.get(line) ?? [];
    const severity = marks.length === 0 ? null : marks.some((mark) => mark.diagnostic.severity === 'error') ? 'error' : 'warning';
    rows.push({ kind: 'code', line: line + 1, text: displayText(lines[line] ?? ''), severity });
    for (const mark of marks) {
      // The caret sits under the column as displayed (tabs expanded).
      const column = displayText((lines[line] ?? '').slice(0, mark.column)).length;
      diagnosticRows.push(rows.length);
      rows.push({ kind: 'diagnostic', severity: mark.diagnostic.severity, text: `${' '.repeat(column)}${'^'.repeat(mark.width)} ${label(mark.diagnostic)}` });
    }
  }
  return { rows, diagnosticRows };
}
