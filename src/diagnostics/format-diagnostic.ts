/** Diagnostics as text: `file:line:col: error CODE: message`, the source line and a caret (SPEC section 6). */
import type { Diagnostic } from '../model/diagnostic.js';
import { lineColumn } from './line-column.js';

/**
 * Renders diagnostics the way compilers do, one block each, separated by blank lines, ending with a
 * newline (empty string for none). Byte-stable: no colour, no absolute paths, so the text is the
 * golden `.errors.txt` of an invalid scenario. `source` is the file's text, or null when it could not
 * be read (then only the first line of each diagnostic is printed).
 */
export function formatDiagnostics(diagnostics: Diagnostic[], source: string | null): string {
  return diagnostics.map((d) => formatOne(d, source)).join('\n');
}

function formatOne(diagnostic: Diagnostic, source: string | null): string {
  const { file, severity, code, message, range } = diagnostic;
  if (!range || source === null) return `${file}: ${severity} ${code}: ${message}\n`;
  const { line, column } = lineColumn(source, range.start);
  const head = `${file}:${line}:${column}: ${severity} ${code}: ${message}\n`;
  const { text, startIndex } = sourceLine(source, range.start);
  const caretStart = range.start - startIndex;
  // The caret covers the range's part on its first line; at least one character.
  const width = Math.max(1, Math.min(range.end, startIndex + text.length) - range.start);
  // Tabs are copied into the padding so the caret lines up however a terminal expands them.
  const pad = text.slice(0, caretStart).replace(/[^\t]/g, ' ');
  const shown = text.replace(/^\uFEFF/, '');
  const shift = text.length - shown.length;
  return `${head}  ${shown}\n  ${pad.slice(shift)}^${'~'.repeat(width - 1)}\n`;
}

/** The line containing `offset`, without its line break (LF or CRLF), and where it starts. */
function sourceLine(source: string, offset: number): { text: string; startIndex: number } {
  const at = Math.max(0, Math.min(offset, source.length));
  const startIndex = source.lastIndexOf('\n', at - 1) + 1;
  let end = source.indexOf('\n', at);
  if (end === -1) end = source.length;
  let text = source.slice(startIndex, end);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return { text, startIndex };
}
