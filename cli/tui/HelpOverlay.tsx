/** The `?` overlay: every key, grouped by where it applies. */
import { Box, Text } from 'ink';
import { KEY_HELP } from './key-help.js';
import { useCursor } from './use-cursor.js';
import { useKeys } from './use-keys.js';

/** Props of HelpOverlay. */
export interface HelpOverlayProps {
  /** Columns available. */
  width: number;
  /** Rows available; when the keys do not fit, j/k scroll them. */
  height: number;
  /** Whether the overlay receives the scrolling keys. */
  active: boolean;
}

interface Line {
  text: string;
  title: boolean;
}

const KEY_WIDTH = Math.max(...KEY_HELP.flatMap((section) => section.keys.map(([keys]) => keys.length)));
const COLUMN_WIDTH = KEY_WIDTH + 2 + Math.max(...KEY_HELP.flatMap((section) => section.keys.map(([, action]) => action.length))) + 2;

function sectionLines(sections: typeof KEY_HELP): Line[] {
  const lines: Line[] = [];
  for (const section of sections) {
    if (lines.length > 0) lines.push({ text: '', title: false });
    lines.push({ text: section.title, title: true });
    for (const [keys, action] of section.keys) lines.push({ text: `  ${keys.padEnd(KEY_WIDTH)}  ${action}`, title: false });
  }
  return lines;
}

function renderLines(lines: Line[]) {
  return lines.map((line, index) => (
    <Text key={index} bold={line.title} color={line.title ? 'cyan' : undefined} wrap="truncate-end">
      {line.text === '' ? ' ' : line.text}
    </Text>
  ));
}

/** A bordered box listing KEY_HELP, in two columns when the terminal is wide enough; Esc, `?` or `q` closes it. */
export function HelpOverlay({ width, height, active }: HelpOverlayProps) {
  // Border (2 rows) and the title row.
  const bodyHeight = Math.max(1, height - 3);
  const twoColumns = width - 4 >= 2 * COLUMN_WIDTH;
  const columns = twoColumns
    ? [sectionLines(KEY_HELP.slice(0, -1)), sectionLines(KEY_HELP.slice(-1))]
    : [sectionLines(KEY_HELP)];
  const tallest = Math.max(...columns.map((lines) => lines.length));
  const { top, handleKey } = useCursor(tallest, bodyHeight, 'scroll');
  useKeys((input, key) => handleKey(input, key), active);
  const more = tallest > bodyHeight ? `  j/k scroll ${top + 1}-${Math.min(tallest, top + bodyHeight)}/${tallest}` : '';
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1}>
      <Text bold wrap="truncate-end">
        Keys <Text dimColor>{`(Esc, ? or q closes)${more}`}</Text>
      </Text>
      <Box flexDirection="row" height={bodyHeight} overflow="hidden">
        {columns.map((lines, index) => (
          <Box key={index} flexDirection="column" width={twoColumns ? COLUMN_WIDTH : undefined} flexGrow={twoColumns ? 0 : 1}>
            {renderLines(lines.slice(top, top + bodyHeight))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
