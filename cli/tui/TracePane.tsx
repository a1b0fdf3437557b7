/** The Trace tab: the actual trace, scrollable, with jumps between deferrals and failures. */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { RunResult } from '../../src/model/events.js';
import { useKeys } from './use-keys.js';
import { displayText, splitLines } from './display-text.js';
import { Footer } from './Footer.js';
import { positionLabel } from './scroll-window.js';
import { traceMarks } from './trace-marks.js';
import { useCursor } from './use-cursor.js';

/** Props of TracePane. */
export interface TracePaneProps {
  /** The trace text (header, events, final-state table). */
  trace: string;
  /** The run behind the trace, whose events say which lines are deferrals and failures; null for an invalid scenario's diagnostics. */
  run: RunResult | null;
  /** The 0-based line where the run's events start in `trace` (the formatter's layout), or null without a run. */
  firstEvent: number | null;
  /** Whether this pane receives keys. */
  active: boolean;
  /** Whether the pane is drawn; a hidden pane keeps its position. */
  visible: boolean;
  /** Rows available, footer included. */
  height: number;
}

/** Shows the trace one line per row (truncated, never wrapped); `n`/`N` go to the next/previous notable line. */
export function TracePane({ trace, run, firstEvent, active, visible, height }: TracePaneProps) {
  const lines = useMemo(() => splitLines(trace).map(displayText), [trace]);
  const marks = useMemo(() => traceMarks(lines, run, firstEvent), [lines, run, firstEvent]);
  const severity = useMemo(() => new Map(marks.map((mark) => [mark.line, mark.severity])), [marks]);
  const notable = useMemo(() => marks.map((mark) => mark.line), [marks]);
  const bodyHeight = Math.max(1, height - 1);
  const { cursor, top, moveTo, handleKey } = useCursor(lines.length, bodyHeight);

  useKeys(
    (input, key) => {
      if (handleKey(input, key) || notable.length === 0) return;
      // Jumps wrap around, like a search in less or vim.
      if (input === 'n') moveTo((current) => notable.find((index) => index > current) ?? notable[0]);
      else if (input === 'N') moveTo((current) => [...notable].reverse().find((index) => index < current) ?? notable[notable.length - 1]);
    },
    active,
  );

  if (!visible) return null;
  const notableIndex = notable.filter((index) => index <= cursor).length;
  return (
    <Box flexDirection="column" height={height}>
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {lines.length === 0 ? (
          <Text dimColor>The trace is empty.</Text>
        ) : (
          lines.slice(top, top + bodyHeight).map((line, index) => {
            const row = top + index;
            const mark = severity.get(row);
            return (
              <Text
                key={row}
                wrap="truncate-end"
                inverse={row === cursor}
                dimColor={line.startsWith('#')}
                color={mark === 'failure' ? 'red' : mark === 'notice' ? 'yellow' : undefined}
              >
                {`${row === cursor ? '›' : ' '}${mark ? '●' : ' '}${line}`}
              </Text>
            );
          })
        )}
      </Box>
      <Footer
        position={`line ${positionLabel(cursor, lines.length)}`}
        hints={`deferral/failure ${notableIndex}/${notable.length} · n/N next/previous · j/k PgUp/PgDn Home/End`}
      />
    </Box>
  );
}
