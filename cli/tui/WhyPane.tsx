/** The Why tab: why one device ended in its state, as the explain tree or a compact one. */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from './use-keys.js';
import type { DeviceOutcome } from '../../src/model/events.js';
import { displayText, splitLines } from './display-text.js';
import { compactWhy } from './explain-why.js';
import { Footer } from './Footer.js';
import { positionLabel } from './scroll-window.js';
import { useCursor } from './use-cursor.js';

/** Props of WhyPane. */
export interface WhyPaneProps {
  /** The final-state rows, or null when the scenario did not run. */
  devices: readonly DeviceOutcome[] | null;
  /** The device explained. */
  device: string | null;
  /** The explain tree's text for a device, when the CLI provides one; otherwise a compact tree is built from `devices`. */
  explain?: (device: string) => string;
  /** The trace lines of a device's events, listed under the tree. */
  history?: (device: string) => string[];
  /** Whether this pane receives keys. */
  active: boolean;
  /** Whether the pane is drawn; a hidden pane keeps its position. */
  visible: boolean;
  /** Rows available, heading and footer included. */
  height: number;
  /** Called with another device's name when the user presses ← or →. */
  onDevice(device: string): void;
}

function whyLines(devices: readonly DeviceOutcome[], device: string, explain?: (device: string) => string): string[] {
  if (!explain) return compactWhy(devices, device);
  try {
    return splitLines(explain(device));
  } catch (error) {
    return [`explain failed: ${error instanceof Error ? error.message : String(error)}`, '', ...compactWhy(devices, device)];
  }
}

/** Shows the tree for one device, scrollable; ← → step through the devices. */
export function WhyPane({ devices, device, explain, history, active, visible, height, onDevice }: WhyPaneProps) {
  const lines = useMemo(() => {
    if (!devices || device === null) return [];
    const story = history?.(device) ?? [];
    // The trace pads sequence numbers to one width; drop only the padding every line shares.
    const indent = Math.min(...story.map((line) => line.length - line.trimStart().length));
    const tail = story.length === 0 ? [] : ['', `What happened to ${device} (${story.length} event${story.length === 1 ? '' : 's'} in the trace):`, ...story.map((line) => `  ${line.slice(indent)}`)];
    return [...whyLines(devices, device, explain), ...tail].map(displayText);
  }, [devices, device, explain, history]);
  const bodyHeight = Math.max(1, height - 2);
  const { top, handleKey } = useCursor(lines.length, bodyHeight, 'scroll');
  const index = devices?.findIndex((entry) => entry.name === device) ?? -1;

  useKeys(
    (input, key) => {
      if (handleKey(input, key) || !devices || devices.length === 0) return;
      if (key.leftArrow || input === 'h') onDevice(devices[Math.max(0, index - 1)].name);
      else if (key.rightArrow || input === 'l') onDevice(devices[Math.min(devices.length - 1, index + 1)].name);
    },
    active,
  );

  if (!visible) return null;
  if (!devices || devices.length === 0 || device === null) {
    return (
      <Box flexDirection="column" height={height}>
        <Text dimColor>No devices to explain: the scenario did not run.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate-end">{`Why is ${device} ${devices[index]?.state ?? 'missing'}?`}</Text>
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {lines.slice(top, top + bodyHeight).map((line, row) => (
          <Text key={top + row} wrap="truncate-end">
            {line === '' ? ' ' : line /* an empty Text would take no row */}
          </Text>
        ))}
      </Box>
      <Footer
        position={`device ${positionLabel(index, devices.length)}`}
        hints={`← → other device · j/k scroll${lines.length > bodyHeight ? ` (${top + 1}-${Math.min(lines.length, top + bodyHeight)}/${lines.length})` : ''} · Esc back`}
      />
    </Box>
  );
}
