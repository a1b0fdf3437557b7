/** Offsets to 1-based line and column, for printing diagnostics outside the loader's own formatter. */

/** The 1-based line and column (in UTF-16 units) of `offset` in `source`. */
export function lineColumnOf(source: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let index = source.indexOf('\n'); index >= 0 && index < clamped; index = source.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}
