/** The second screen: one scenario in tabs (Trace, Diff, Devices, Source, Why). */
import { firstEventLine } from '../../src/trace/format-trace.js';
import { useCallback, useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from './use-keys.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { DevicesPane } from './DevicesPane.js';
import { deviceHistory } from './device-history.js';
import { DiffPane } from './DiffPane.js';
import { displayText, splitLines } from './display-text.js';
import { SourcePane } from './SourcePane.js';
import { StatusBadge } from './StatusBadge.js';
import { TabBar } from './TabBar.js';
import { TracePane } from './TracePane.js';
import { WhyPane } from './WhyPane.js';

/** Props of ScenarioView. */
export interface ScenarioViewProps {
  /** The scenario shown. */
  result: ScenarioResult;
  /** Whether the view receives keys (false under the help overlay or a confirmation). */
  active: boolean;
  /** Whether the view is drawn; a hidden view keeps its tab and positions. */
  visible: boolean;
  /** Columns available. */
  width: number;
  /** Rows available. */
  height: number;
  /** The CLI's explain tree for a device of this scenario, if it has one. */
  explain?: (device: string) => string;
  /** Called when the user presses Esc to go back to the list. */
  onBack(): void;
}

/** Tab titles; the key of each is its 1-based number. */
const TABS = ['Trace', 'Diff', 'Devices', 'Source', 'Why'] as const;
const [TRACE, DIFF, DEVICES, SOURCE, WHY] = [0, 1, 2, 3, 4];

/** Title and tab rows above the panes. */
const CHROME_ROWS = 2;

/** The device the Why tab starts on: the first one not bound (that is what people ask about), else the first. */
function firstInterestingDevice(result: ScenarioResult): string | null {
  const devices = result.run?.devices ?? [];
  return (devices.find((device) => !['bound', 'early', 'disabled'].includes(device.state)) ?? devices[0])?.name ?? null;
}

/** Tabs over one result, opening on Diff when it fails, Source when it did not run, else Trace; 1–5 or Tab/Shift+Tab switch, Esc goes back (from Why opened on a device, to Devices). */
export function ScenarioView({ result, active, visible, width, height, explain, onBack }: ScenarioViewProps) {
  // A scenario that did not run (invalid) has its story in the Source tab, a failing one in its Diff.
  const [tab, setTab] = useState(result.run === null ? SOURCE : result.status === 'fail' ? DIFF : TRACE);
  const [whyDevice, setWhyDevice] = useState<string | null>(null);
  const [whyFromDevices, setWhyFromDevices] = useState(false);

  const selectTab = (next: number) => {
    setTab(next);
    setWhyFromDevices(false);
  };
  const onExplain = useCallback((device: string) => {
    setWhyDevice(device);
    setWhyFromDevices(true);
    setTab(WHY);
  }, []);

  useKeys(
    (input, key) => {
      if (key.escape) {
        if (tab === WHY && whyFromDevices) selectTab(DEVICES);
        else onBack();
      } else if (key.tab) {
        selectTab((tab + (key.shift ? TABS.length - 1 : 1)) % TABS.length);
      } else if (/^[1-5]$/.test(input)) {
        selectTab(Number(input) - 1);
      }
    },
    active,
  );

  // Where the events start in the trace: the formatter's layout rule, no line is parsed back.
  const firstEvent = useMemo(() => firstEventLine(splitLines(result.actual)), [result.actual]);
  const history = useMemo(() => {
    const lines = splitLines(result.actual);
    return (device: string) => deviceHistory(lines, result.run, device, firstEvent);
  }, [result.actual, result.run, firstEvent]);

  if (!visible) return null;
  const paneHeight = Math.max(1, height - CHROME_ROWS);
  const devices = result.run?.devices ?? null;
  const shownDevice = whyDevice ?? firstInterestingDevice(result);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1} overflow="hidden">
        <Text wrap="truncate-end">
          <Text dimColor>{'‹ Esc  '}</Text>
          <Text bold>{`${displayText(result.id)}  `}</Text>
          <StatusBadge status={result.status} />
          <Text dimColor>{`  ${displayText(result.scenario?.description ?? result.file)}`}</Text>
        </Text>
      </Box>
      <TabBar tabs={TABS} active={tab} />
      <TracePane trace={result.actual} run={result.run} firstEvent={firstEvent} active={active && tab === TRACE} visible={tab === TRACE} height={paneHeight} />
      <DiffPane
        golden={result.golden}
        actual={result.actual}
        patch={result.diff}
        goldenPath={result.goldenPath}
        expectFailures={result.expectFailures}
        active={active && tab === DIFF}
        visible={tab === DIFF}
        height={paneHeight}
      />
      <DevicesPane devices={devices} active={active && tab === DEVICES} visible={tab === DEVICES} height={paneHeight} onExplain={onExplain} />
      <SourcePane source={result.source} diagnostics={result.diagnostics} active={active && tab === SOURCE} visible={tab === SOURCE} height={paneHeight} />
      <WhyPane
        devices={devices}
        device={shownDevice}
        explain={explain}
        history={history}
        active={active && tab === WHY}
        visible={tab === WHY}
        height={paneHeight}
        onDevice={setWhyDevice}
      />
    </Box>
  );
}
