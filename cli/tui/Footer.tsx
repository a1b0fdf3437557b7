/** The last row of a screen: where the cursor is and which keys apply. */
import { Box, Text } from 'ink';

/** Props of Footer. */
export interface FooterProps {
  /** The position, e.g. `12/240`, shown first and in bold. */
  position: string;
  /** Short key hints after the position, dimmed; truncated when the terminal is narrow. */
  hints: string;
}

/** One row: position then hints, truncated rather than wrapped. */
export function Footer({ position, hints }: FooterProps) {
  return (
    <Box height={1} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>{position}</Text>
        <Text dimColor>{`  ${hints}`}</Text>
      </Text>
    </Box>
  );
}
