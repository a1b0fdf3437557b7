/** The row of numbered tabs at the top of the scenario view. */
import { Box, Text } from 'ink';

/** Props of TabBar. */
export interface TabBarProps {
  /** Tab titles in order; the key for each is its 1-based number. */
  tabs: readonly string[];
  /** Index of the tab on screen, shown inverted. */
  active: number;
}

/** `[1 Trace]  2 Diff  …`: the active tab bracketed (readable without colour) and inverted. */
export function TabBar({ tabs, active }: TabBarProps) {
  return (
    <Box height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {tabs.map((title, index) => (
          <Text key={title}>
            <Text inverse={index === active} bold={index === active}>{index === active ? `[${index + 1} ${title}]` : ` ${index + 1} ${title} `}</Text>
            <Text> </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
