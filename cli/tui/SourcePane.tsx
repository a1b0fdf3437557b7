/** The Source tab: the scenario's YAML with its diagnostics marked at their lines. */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from './use-keys.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { Footer } from './Footer.js';
import { positionLabel } from './scroll-window.js';
import { sourceRows } from './source-rows.js';
import { useCursor } from './use-cursor.js';

/** Props of SourcePane. */
export interface SourcePaneProps {
  /** The scenario's text, or null when the file could not be read. */
  source: string | null;
  /** Diagnostics, with ranges into `source`. */
  diagnostics: readonly Diagnostic[];
  /** Whether this pane receives keys. */
  active: boolean;
  /** Whether the pane is drawn; a hidden pane keeps its position. */
  visible: boolean;
  /** Rows available, footer included. */
  height: number;
}

/** Numbered source lines; a line with a diagnostic gets an `E`/`W` mark and the message under a caret; `n`/`N` jump between them. */
export function SourcePane({ source, diagnostics, active, visible, height }: SourcePaneProps) {
  const view = useMemo(() => sourceRows(source, diagnostics), [source, diagnostics]);
  const bodyHeight = Math.max(1, height - 1);
  const { cursor, top, moveTo, handleKey } = useCursor(view.rows.length, bodyHeight);
  const gutter = String(Math.max(1, ...view.rows.map((row) => (row.kind === 'code' ? row.line : 0)))).length;
  const marks = view.diagnosticRows;

  useKeys(
    (input, key) => {
      if (handleKey(input, key) || marks.length === 0) return;
      if (input === 'n') moveTo((current) => marks.find((index) => index > current) ?? marks[0]);
      else if (input === 'N') moveTo((current) => [...marks].reverse().find((index) => index < current) ?? marks[marks.length - 1]);
    },
    active,
  );

  if (!visible) return null;
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return (
    <Box flexDirection="column" height={height}>
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {source === null ? <Text color="red">The scenario file could not be read.</Text> : null}
        {view.rows.slice(top, top + bodyHeight).map((row, index) => {
          const rowIndex = top + index;
          const pointer = rowIndex === cursor ? '›' : ' ';
          if (row.kind === 'diagnostic') {
            return (
              <Text key={rowIndex} wrap="truncate-end" color={row.severity === 'error' ? 'red' : 'yellow'} inverse={rowIndex === cursor}>
                {`${pointer}${' '.repeat(gutter + 3)}${row.text}`}
              </Text>
            );
          }
          const mark = row.severity === 'error' ? 'E' : row.severity === 'warning' ? 'W' : ' ';
          return (
            <Text key={rowIndex} wrap="truncate-end" inverse={rowIndex === cursor}>
              <Text color={row.severity === 'error' ? 'red' : row.severity === 'warning' ? 'yellow' : undefined} bold={row.severity !== null}>
                {`${pointer}${mark}`}
              </Text>
              <Text dimColor>{`${String(row.line).padStart(gutter)} │ `}</Text>
              <Text>{row.text}</Text>
            </Text>
          );
        })}
      </Box>
      <Footer
        position={`row ${positionLabel(cursor, view.rows.length)}`}
        hints={`${errors} error${errors === 1 ? '' : 's'}, ${diagnostics.length - errors} warning${diagnostics.length - errors === 1 ? '' : 's'} · n/N next/previous diagnostic · j/k PgUp/PgDn`}
      />
    </Box>
  );
}
