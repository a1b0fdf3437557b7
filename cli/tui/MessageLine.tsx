/** The bottom row: the outcome of the last review action, or the question `A` asks. */
import { Box, Text } from 'ink';

/** A note for the user after an action. */
export interface Message {
  kind: 'info' | 'ok' | 'error';
  text: string;
}

/** Props of MessageLine. */
export interface MessageLineProps {
  /** The last action's outcome, or null for an empty row. */
  message: Message | null;
  /** A yes/no question waiting for an answer; shown instead of the message. */
  question: string | null;
}

const COLORS = { info: 'cyan', ok: 'green', error: 'red' } as const;

/** One row, truncated: the pending question in bold, else the message in its colour. */
export function MessageLine({ message, question }: MessageLineProps) {
  return (
    <Box height={1} overflow="hidden">
      {question !== null ? (
        <Text bold color="yellow" wrap="truncate-end">
          {`${question} [y/N]`}
        </Text>
      ) : message !== null ? (
        <Text color={COLORS[message.kind]} wrap="truncate-end">
          {message.text}
        </Text>
      ) : (
        <Text> </Text>
      )}
    </Box>
  );
}
