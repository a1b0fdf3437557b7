/** The first screen: every scenario grouped by folder, with status badges, a filter and counts. */
import { useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from './use-keys.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { displayText } from './display-text.js';
import { Footer } from './Footer.js';
import { listRows, statusCounts } from './list-rows.js';
import { clamp, positionLabel, windowTop } from './scroll-window.js';
import { StatusBadge } from './StatusBadge.js';

/** Props of ScenarioList. */
export interface ScenarioListProps {
  /** All results in run order, accepted and re-run ones already replaced. */
  results: readonly ScenarioResult[];
  /** Golden files without a scenario, listed last with an `obsolete` badge (not selectable). */
  obsolete?: readonly string[];
  /** The scenario open in the scenario view, if any: the list highlights it when the user comes back (the review loop may have moved on). */
  focus?: string | null;
  /** Whether this list receives keys (false under the help overlay, a confirmation, or the scenario view). */
  active: boolean;
  /** Whether the list is drawn; a hidden list keeps its filter and selection for when the user comes back. */
  visible: boolean;
  /** Columns available. */
  width: number;
  /** Rows available, header and footer included. */
  height: number;
  /** Called with the highlighted scenario's id when the user presses Enter. */
  onOpen(id: string): void;
  /** Called with the highlighted scenario's id when the user presses `a`. */
  onAccept(id: string): void;
  /** Called with the highlighted scenario's id when the user presses `r`. */
  onRerun(id: string): void;
  /** Called with the highlighted scenario's id when the user presses `e`. */
  onEdit(id: string): void;
  /** Called with the highlighted obsolete golden's path when the user presses `a` or `d` on it. */
  onRemoveObsolete(path: string): void;
  /** Called as filter typing starts or stops, so the app's own keys (q, ?, A) type into the filter instead. */
  onEditingChange(editing: boolean): void;
}

/** Header rows above the list and the footer row below it. */
const CHROME_ROWS = 3;

/** Lists scenarios under folder headings; `/` filters as you type, `f` puts failures first, Enter opens one. */
export function ScenarioList({ results, obsolete = [], focus = null, active, visible, width, height, onOpen, onAccept, onRerun, onEdit, onRemoveObsolete, onEditingChange }: ScenarioListProps) {
  const [filter, setFilter] = useState('');
  const [editing, setEditingState] = useState(false);
  const [failuresFirst, setFailuresFirst] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(focus);
  if (focus !== focused) {
    // Adjusted while rendering (React's pattern for state that follows a prop): no frame shows the old selection.
    setFocused(focus);
    if (focus !== null) setSelected(focus);
  }
  const topRef = useRef(0);

  const rows = useMemo(() => listRows(results, filter, failuresFirst, obsolete), [results, filter, failuresFirst, obsolete]);
  // Selectable rows: scenarios, and obsolete goldens (so a long list can scroll down to them).
  const items = useMemo(
    () =>
      rows.flatMap((row, index) =>
        row.kind === 'scenario'
          ? [{ id: row.result.id, row: index, scenario: true }]
          : row.kind === 'obsolete'
            ? [{ id: `obsolete:${row.path}`, row: index, scenario: false }]
            : [],
      ),
    [rows],
  );
  const found = items.findIndex((item) => item.id === selected);
  const selectedItem = found === -1 ? 0 : found;
  const selectedId = items[selectedItem]?.scenario ? items[selectedItem].id : null;
  const selectedObsolete = items[selectedItem] !== undefined && !items[selectedItem].scenario ? items[selectedItem].id.slice('obsolete:'.length) : null;
  const scenarioCount = items.filter((item) => item.scenario).length;
  const counts = statusCounts(results);

  // Told at once, not in an effect: the app must know before the next key arrives.
  const setEditing = (on: boolean) => {
    setEditingState(on);
    onEditingChange(on);
  };

  const listHeight = Math.max(1, height - CHROME_ROWS);
  const cursorRow = items[selectedItem]?.row ?? 0;
  let top = windowTop(topRef.current, cursorRow, listHeight, rows.length);
  // Show the folder heading with the first scenario of a folder.
  if (top === cursorRow && top > 0 && rows[top - 1].kind !== 'scenario') top -= 1;
  topRef.current = top;

  const moveBy = (delta: number | 'first' | 'last') => {
    const next = delta === 'first' ? 0 : delta === 'last' ? items.length - 1 : clamp(selectedItem + delta, 0, items.length - 1);
    setSelected(items[next]?.id ?? null);
  };

  useKeys(
    (input, key) => {
      const page = Math.max(1, listHeight - 1);
      if (key.upArrow) return moveBy(-1);
      if (key.downArrow) return moveBy(1);
      if (key.pageUp) return moveBy(-page);
      if (key.pageDown) return moveBy(page);
      if (editing) {
        if (key.return || key.tab) setEditing(false);
        else if (key.escape) {
          setFilter('');
          setEditing(false);
        } else if (key.backspace || key.delete) setFilter((text) => text.slice(0, -1));
        else if (input && !key.ctrl && !key.meta) setFilter((text) => text + input.replace(/[\u0000-\u001f]/g, ''));
        return true;
      }
      if (key.return) {
        if (selectedId === null) return;
        setSelected(selectedId); // pinned, so the same scenario is highlighted when the user comes back, wherever it sorts then
        onOpen(selectedId);
      } else if (input === 'a' || input === 'd') {
        if (selectedObsolete !== null) onRemoveObsolete(selectedObsolete);
        else if (selectedId !== null && input === 'a') onAccept(selectedId);
      } else if (input === 'e') {
        if (selectedId !== null) onEdit(selectedId);
      } else if (input === 'r') {
        if (selectedId !== null) onRerun(selectedId);
      } else if (input === '/') {
        setEditing(true);
      } else if (key.escape) {
        setFilter('');
      } else if (input === 'f') {
        setFailuresFirst((on) => !on);
      } else if (input === 'k') moveBy(-1);
      else if (input === 'j') moveBy(1);
      else if (input === ' ') moveBy(page);
      else if (key.home || input === 'g') moveBy('first');
      else if (key.end || input === 'G') moveBy('last');
    },
    active,
  );

  if (!visible) return null;

  const nameWidth = Math.min(
    Math.max(12, Math.floor(width * 0.45)),
    Math.max(0, ...rows.map((row) => (row.kind === 'scenario' ? row.name.length : 0))),
  );
  const attention = counts.fail + counts.new + counts.invalid + counts.error;
  const filterText = editing || filter !== '' ? `/${filter}${editing ? '▏' : ''}  (${scenarioCount} of ${results.length})` : 'press / to filter';

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1} overflow="hidden">
        <Text wrap="truncate-end">
          <Text bold>probe-run</Text>
          <Text>{`  ${results.length} scenario${results.length === 1 ? '' : 's'}  `}</Text>
          <Text color="green">{`✓ ${counts.pass} pass  `}</Text>
          <Text color={counts.fail > 0 ? 'red' : undefined}>{`✗ ${counts.fail} fail  `}</Text>
          <Text color={counts.new > 0 ? 'yellow' : undefined}>{`+ ${counts.new} new  `}</Text>
          <Text color={counts.invalid > 0 ? 'magenta' : undefined}>{`! ${counts.invalid} invalid  `}</Text>
          <Text color={counts.error > 0 ? 'redBright' : undefined}>{`‼ ${counts.error} error`}</Text>
          {obsolete.length > 0 ? <Text>{`  ? ${obsolete.length} obsolete`}</Text> : null}
        </Text>
      </Box>
      <Box height={1} overflow="hidden">
        <Text wrap="truncate-end">
          <Text color={editing ? 'cyan' : undefined} dimColor={!editing && filter === ''}>
            {filterText}
          </Text>
          <Text dimColor>{`   ${failuresFirst ? 'failures first (f: by folder)' : 'by folder (f: failures first)'}`}</Text>
        </Text>
      </Box>
      <Box flexDirection="column" height={listHeight} overflow="hidden">
        {rows.length === 0 ? (
          <Text dimColor>{results.length === 0 && obsolete.length === 0 ? 'No scenarios.' : `Nothing matches "${filter}". Esc clears the filter.`}</Text>
        ) : (
          rows.slice(top, top + listHeight).map((row, index) => {
            const rowIndex = top + index;
            if (row.kind === 'folder') {
              return (
                <Text key={`folder-${rowIndex}`} bold color="blue" wrap="truncate-end">
                  {`${row.folder}/`}
                </Text>
              );
            }
            if (row.kind === 'divider') {
              return (
                <Text key={`divider-${rowIndex}`} dimColor wrap="truncate-end">
                  {`── ${row.text} ${'─'.repeat(Math.max(0, width - row.text.length - 5))}`}
                </Text>
              );
            }
            if (row.kind === 'obsolete') {
              const isSelected = rowIndex === cursorRow;
              return (
                <Text key={`obsolete-${row.path}`} wrap="truncate-end" inverse={isSelected && active}>
                  {isSelected ? '› ' : '  '}
                  <StatusBadge status="obsolete" />
                  <Text dimColor>{` ${displayText(row.path)}`}</Text>
                </Text>
              );
            }
            const isSelected = rowIndex === cursorRow;
            const description = row.result.scenario?.description ?? row.result.diagnostics[0]?.message ?? '';
            return (
              <Text key={row.result.id} wrap="truncate-end" inverse={isSelected && active}>
                <Text bold={isSelected}>{isSelected ? '› ' : '  '}</Text>
                <StatusBadge status={row.result.status} />
                <Text bold={isSelected}>{` ${displayText(row.name).padEnd(nameWidth)}`}</Text>
                <Text dimColor>{`  ${displayText(description)}`}</Text>
              </Text>
            );
          })
        )}
      </Box>
      <Footer
        position={positionLabel(selectedItem, items.length)}
        hints={
          editing
            ? 'type to filter · Enter keep · Esc clear'
            : selectedObsolete !== null
              ? 'd remove this obsolete golden · ? help · q quit'
              : `Enter open · / filter · f failures first${attention > 0 ? ' · a accept · A accept all · r rerun' : ' · r rerun'} · e edit · ? help · q quit`
        }
      />
    </Box>
  );
}
