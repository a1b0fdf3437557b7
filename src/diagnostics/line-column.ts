/** Offsets to 1-based line and column numbers, computed only when printing (STYLE: offsets inside). */

/** The 1-based line and column (in UTF-16 units) of `offset` in `source`; a leading BOM is not counted. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < at; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = at - lineStart + 1;
  if (lineStart === 0 && source.charCodeAt(0) === 0xfeff && column > 1) column--;
  return { line, column };
}
