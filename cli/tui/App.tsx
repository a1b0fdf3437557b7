/** The whole TUI: the scenario list, the scenario view, help, and the review actions. */
import { useCallback, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import { useKeys } from './use-keys.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { HelpOverlay } from './HelpOverlay.js';
import { MessageLine, type Message } from './MessageLine.js';
import { acceptAllCandidates, acceptedResult, needsAccept } from './review.js';
import { ScenarioList } from './ScenarioList.js';
import { ScenarioView } from './ScenarioView.js';
import type { TuiOptions } from './tui-options.js';
import { useTerminalSize } from './use-terminal-size.js';

/** Props of App. */
export interface AppProps {
  /** The finished results to browse, in run order. */
  results: readonly ScenarioResult[];
  /** The review actions (accept, rerun), the optional explain tree and obsolete goldens, from the CLI. */
  options: Pick<TuiOptions, 'accept' | 'rerun' | 'explain' | 'obsolete'>;
  /** Called once with the exit code when the user quits (0 for `q`, 130 for Ctrl+C). */
  onExit(code: number): void;
}

/** Smallest terminal the layout works in. */
const MIN_COLUMNS = 40;
const MIN_ROWS = 8;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Holds what is on screen (list or scenario, help, a pending question) and the results as changed
 * by accept and rerun; routes `q`, `?`, `a`, `A`, `r` and leaves every other key to the screen.
 */
export function App({ results, options, onExit }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [replaced, setReplaced] = useState<ReadonlyMap<string, ScenarioResult>>(new Map());
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [help, setHelp] = useState(false);
  const [confirmAll, setConfirmAll] = useState<ScenarioResult[] | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const busy = useRef(false);

  const current = useMemo(() => results.map((result) => replaced.get(result.id) ?? result), [results, replaced]);
  const opened = openId === null ? undefined : current.find((result) => result.id === openId);

  const replace = (result: ScenarioResult) => setReplaced((map) => new Map(map).set(result.id, result));

  // One action at a time: a second key while a write is in flight would race it.
  const act = async (what: string, action: () => Promise<void>) => {
    if (busy.current) {
      setMessage({ kind: 'info', text: `Still busy; ${what} ignored.` });
      return;
    }
    busy.current = true;
    try {
      await action();
    } finally {
      busy.current = false;
    }
  };

  const accept = (result: ScenarioResult) =>
    act('accept', async () => {
      if (!needsAccept(result)) {
        const failures = result.expectFailures.map((failure) => `${failure.node}.${failure.field}`).join(', ');
        setMessage({
          kind: 'info',
          text: result.status === 'error' ? `${result.id} did not run; nothing to accept.` : `${result.id}: the golden already matches${failures ? `; still failing on expect ${failures}` : ''}.`,
        });
        return;
      }
      setMessage({ kind: 'info', text: `Accepting ${result.id}…` });
      try {
        const path = await options.accept(result);
        replace(acceptedResult(result));
        setMessage({ kind: 'ok', text: `Accepted ${result.id}: wrote ${path}` });
      } catch (error) {
        setMessage({ kind: 'error', text: `Not accepted: ${errorText(error)}` });
      }
    });

  const acceptAll = (list: ScenarioResult[]) =>
    act('accept all', async () => {
      let written = 0;
      for (const result of list) {
        setMessage({ kind: 'info', text: `Accepting ${written + 1}/${list.length}: ${result.id}…` });
        try {
          await options.accept(result);
          replace(acceptedResult(result));
          written += 1;
        } catch (error) {
          setMessage({ kind: 'error', text: `Accepted ${written} of ${list.length}; stopped at ${result.id}: ${errorText(error)}` });
          return;
        }
      }
      setMessage({ kind: 'ok', text: `Accepted ${written} golden file${written === 1 ? '' : 's'}.` });
    });

  const rerun = (result: ScenarioResult) =>
    act('rerun', async () => {
      setMessage({ kind: 'info', text: `Re-running ${result.id}…` });
      try {
        const fresh = await options.rerun(result);
        replace(fresh);
        setMessage({
          kind: fresh.status === 'pass' ? 'ok' : 'info',
          text: `Re-ran ${result.id}: ${result.status === fresh.status ? fresh.status : `${result.status} → ${fresh.status}`}`,
        });
      } catch (error) {
        setMessage({ kind: 'error', text: `Re-run failed: ${errorText(error)}` });
      }
    });

  const quit = (code: number) => {
    onExit(code);
    exit();
  };

  // First in line (App renders before its screens): true means the key was the app's, or the help
  // overlay or the question hides the screens.
  useKeys((input, key) => {
    if (key.ctrl && input === 'c') {
      quit(130);
      return true;
    }
    if (confirmAll !== null) {
      if (input === 'y' || input === 'Y') {
        setConfirmAll(null);
        void acceptAll(confirmAll);
      } else if (key.escape || key.return || input === 'n' || input === 'N' || input === 'q') {
        setConfirmAll(null);
        setMessage({ kind: 'info', text: 'Nothing accepted.' });
      }
      return true;
    }
    if (help) {
      if (!(key.escape || input === '?' || input === 'q' || key.return)) return false; // scrolling the overlay
      setHelp(false);
      return true;
    }
    if (editing) return false;
    if (input === 'q') {
      if (busy.current) setMessage({ kind: 'info', text: 'Writing; press q again when it is done.' });
      else quit(0);
    } else if (input === '?') setHelp(true);
    else if (input === 'a' && opened) void accept(opened);
    else if (input === 'r' && opened) void rerun(opened);
    else if (input === 'A') {
      const candidates = acceptAllCandidates(current);
      if (candidates.length === 0) setMessage({ kind: 'info', text: 'No failing or new scenario to accept.' });
      else setConfirmAll(candidates);
    } else return false;
    return true;
  });

  const onOpen = useCallback((id: string) => {
    setOpenId(id);
    setMessage(null);
  }, []);
  const onBack = useCallback(() => setOpenId(null), []);
  const byId = (id: string) => current.find((result) => result.id === id);
  const onListAccept = (id: string) => {
    const result = byId(id);
    if (result) void accept(result);
  };
  const onListRerun = (id: string) => {
    const result = byId(id);
    if (result) void rerun(result);
  };
  const explain = useMemo(
    () => (opened && options.explain ? (device: string) => options.explain!(opened, device) : undefined),
    [opened, options],
  );

  const height = rows - 1; // A frame as tall as the terminal makes Ink clear the screen on every render.
  if (columns < MIN_COLUMNS || height < MIN_ROWS) {
    return (
      <Text wrap="truncate-end">{`Terminal too small (${columns}×${rows}); probe-run tui needs ${MIN_COLUMNS}×${MIN_ROWS + 1}. q quits.`}</Text>
    );
  }
  const screenHeight = height - 1;
  const question = confirmAll === null ? null : `Accept ${confirmAll.length} failing or new scenario${confirmAll.length === 1 ? '' : 's'} as golden (${confirmAll.length} file${confirmAll.length === 1 ? '' : 's'} written)?`;
  const keysToScreen = !help && confirmAll === null;
  return (
    <Box flexDirection="column" width={columns} height={height}>
      {help ? <HelpOverlay width={columns} height={screenHeight} active={help} /> : null}
      <ScenarioList
        results={current}
        obsolete={options.obsolete}
        active={keysToScreen && !opened}
        visible={!help && !opened}
        width={columns}
        height={screenHeight}
        onOpen={onOpen}
        onAccept={onListAccept}
        onRerun={onListRerun}
        onEditingChange={setEditing}
      />
      {opened ? (
        <ScenarioView
          key={opened.id}
          result={opened}
          active={keysToScreen}
          visible={!help}
          width={columns}
          height={screenHeight}
          explain={explain}
          onBack={onBack}
        />
      ) : null}
      <MessageLine message={message} question={question} />
    </Box>
  );
}
