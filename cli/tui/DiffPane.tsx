/** The Diff tab: golden vs actual, coloured, in hunks with context. */
import type { GoldenPatch } from '../../src/model/result.js';
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from './use-keys.js';
import type { ExpectFailure } from '../../src/model/events.js';
import { diffRows, type DiffRow } from './diff-rows.js';
import { displayText } from './display-text.js';
import { Footer } from './Footer.js';
import { positionLabel } from './scroll-window.js';
import { useCursor } from './use-cursor.js';

/** Props of DiffPane. */
export interface DiffPaneProps {
  /** The golden file's text, or null when there is none yet. */
  golden: string | null;
  /** The actual trace. */
  actual: string;
  /** The result's golden → actual patch, made by the run (null when they match or there is no golden). */
  patch: GoldenPatch | null;
  /** The golden file's path, named in the summary. */
  goldenPath: string;
  /** `expect:` entries that did not hold, listed above the diff. */
  expectFailures: readonly ExpectFailure[];
  /** Whether this pane receives keys. */
  active: boolean;
  /** Whether the pane is drawn; a hidden pane keeps its position. */
  visible: boolean;
  /** Rows available, summary and footer included. */
  height: number;
}

const COLORS: Record<DiffRow['kind'], string | undefined> = {
  hunk: 'cyan',
  add: 'green',
  remove: 'red',
  context: undefined,
  note: 'gray',
};

/** Shows the hunks of golden → actual, the changed words of a changed line in reverse video; `[`/`]` go to the previous/next hunk. */
export function DiffPane({ golden, actual, patch, goldenPath, expectFailures, active, visible, height }: DiffPaneProps) {
  const view = useMemo(() => diffRows(patch, actual, golden !== null), [patch, actual, golden]);
  const summary = useMemo(() => {
    const lines: { text: string; color?: string }[] = [];
    if (golden === null) lines.push({ text: `No golden file yet: a writes ${goldenPath}. Every line is new.`, color: 'yellow' });
    else if (view.rows.length === 0) lines.push({ text: `The actual trace matches ${goldenPath}.`, color: 'green' });
    else {
      const hunks = view.hunkStarts.length;
      lines.push({ text: `${goldenPath} → actual: +${view.added} −${view.removed} in ${hunks} hunk${hunks === 1 ? '' : 's'}` });
    }
    for (const failure of expectFailures) {
      lines.push({ text: `expect failed: ${failure.node}.${failure.field} should be ${failure.expected}, is ${failure.actual}`, color: 'red' });
    }
    return lines;
  }, [golden, goldenPath, view, expectFailures]);
  const summaryHeight = Math.min(summary.length, Math.max(1, height - 3));
  const bodyHeight = Math.max(1, height - summaryHeight - 1);
  const { cursor, top, moveTo, handleKey } = useCursor(view.rows.length, bodyHeight);
  const starts = view.hunkStarts;

  useKeys(
    (input, key) => {
      if (handleKey(input, key) || starts.length === 0) return;
      if (input === ']') moveTo((current) => starts.find((index) => index > current) ?? current);
      else if (input === '[') moveTo((current) => [...starts].reverse().find((index) => index < current) ?? current);
    },
    active,
  );

  if (!visible) return null;
  const hunk = starts.filter((index) => index <= cursor).length;
  return (
    <Box flexDirection="column" height={height}>
      <Box flexDirection="column" height={summaryHeight} overflow="hidden">
        {summary.slice(0, summaryHeight).map((line, index) => (
          <Text key={index} wrap="truncate-end" color={line.color} bold={index === 0}>
            {displayText(line.text)}
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {view.rows.slice(top, top + bodyHeight).map((row, index) => {
          const rowIndex = top + index;
          const isCursor = rowIndex === cursor;
          if (row.words) {
            // The changed words in reverse video (underlined on the cursor row, which is reversed already).
            return (
              <Text key={rowIndex} wrap="truncate-end" color={COLORS[row.kind]} inverse={isCursor}>
                {`${isCursor ? '›' : ' '}${row.text[0]}`}
                {row.words.map((part, partIndex) => (
                  <Text key={partIndex} inverse={part.changed !== isCursor} underline={part.changed && isCursor}>
                    {displayText(part.text)}
                  </Text>
                ))}
              </Text>
            );
          }
          return (
            <Text key={rowIndex} wrap="truncate-end" color={COLORS[row.kind]} inverse={isCursor} bold={row.kind === 'hunk'}>
              {`${isCursor ? '›' : ' '}${displayText(row.text)}`}
            </Text>
          );
        })}
      </Box>
      <Footer position={`hunk ${hunk}/${starts.length}  line ${positionLabel(cursor, view.rows.length)}`} hints="[ ] hunk · j/k PgUp/PgDn · a accept · s skip · e edit" />
    </Box>
  );
}
