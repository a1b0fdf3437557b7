/** The Devices tab: the final-state table, one device per row; Enter asks why. */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from './use-keys.js';
import type { DeviceOutcome, DeviceState } from '../../src/model/events.js';
import { displayText } from './display-text.js';
import { Footer } from './Footer.js';
import { positionLabel } from './scroll-window.js';
import { useCursor } from './use-cursor.js';

/** Props of DevicesPane. */
export interface DevicesPaneProps {
  /** The final-state rows, or null when the scenario did not run (invalid or error). */
  devices: readonly DeviceOutcome[] | null;
  /** Whether this pane receives keys. */
  active: boolean;
  /** Whether the pane is drawn; a hidden pane keeps its position. */
  visible: boolean;
  /** Rows available, heading and footer included. */
  height: number;
  /** Called with a device's name when the user presses Enter on it. */
  onExplain(device: string): void;
}

const STATE_COLORS: Record<DeviceState, string | undefined> = {
  bound: 'green',
  pending: 'yellow',
  failed: 'red',
  rejected: 'red',
  'no-driver': 'gray',
  disabled: 'gray',
  'not-created': 'gray',
  early: 'cyan',
  unbound: 'yellow',
};

const HEADINGS = ['device', 'state', 'driver', 'dma', 'tries', 'waiting for / error'] as const;

function cells(device: DeviceOutcome): string[] {
  const dma = device.dma === null ? '-' : device.dma === 'iommu' ? `iommu(${device.iommus.join(',')})` : 'direct';
  const state = device.state === 'failed' && device.error ? `failed ${device.error}` : device.state;
  const why = device.waiting_for ?? (device.state === 'failed' ? '' : (device.error ?? ''));
  return [device.name, state, device.driver ?? '-', dma, String(device.attempts), why].map(displayText);
}

/** Lists devices with state, driver, DMA, attempts and what they wait for; Enter opens the Why tab on one. */
export function DevicesPane({ devices, active, visible, height, onExplain }: DevicesPaneProps) {
  const table = useMemo(() => (devices ?? []).map(cells), [devices]);
  const widths = useMemo(
    () => HEADINGS.map((heading, column) => Math.max(heading.length, ...table.map((row) => row[column].length))),
    [table],
  );
  const bodyHeight = Math.max(1, height - 2);
  const { cursor, top, handleKey } = useCursor(table.length, bodyHeight);

  useKeys(
    (input, key) => {
      if (handleKey(input, key)) return;
      if (key.return && devices && devices[cursor]) onExplain(devices[cursor].name);
    },
    active,
  );

  if (!visible) return null;
  if (devices === null) {
    return (
      <Box flexDirection="column" height={height}>
        <Text dimColor>No devices: the scenario did not run (see the Source tab for its diagnostics).</Text>
      </Box>
    );
  }
  const format = (row: readonly string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ');
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate-end">{`  ${format(HEADINGS)}`}</Text>
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {table.length === 0 ? <Text dimColor>The run created no devices.</Text> : null}
        {table.slice(top, top + bodyHeight).map((row, index) => {
          const rowIndex = top + index;
          const device = devices[rowIndex];
          return (
            <Text key={device.name} wrap="truncate-end" inverse={rowIndex === cursor} color={STATE_COLORS[device.state]}>
              {`${rowIndex === cursor ? '› ' : '  '}${format(row)}`}
            </Text>
          );
        })}
      </Box>
      <Footer position={positionLabel(cursor, table.length)} hints="Enter why · j/k PgUp/PgDn Home/End" />
    </Box>
  );
}
