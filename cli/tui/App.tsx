/** The whole TUI: the scenario list, the scenario view, help, and the review actions. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import { useKeys } from './use-keys.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { HelpOverlay } from './HelpOverlay.js';
import { MessageLine, type Message } from './MessageLine.js';
import { editLine } from './edit-line.js';
import { acceptAllCandidates, acceptedResult, needsAccept, needsReview, nextToReview } from './review.js';
import { ScenarioList } from './ScenarioList.js';
import { ScenarioView } from './ScenarioView.js';
import type { TuiOptions, WatchUpdate } from './tui-options.js';
import { useTerminalSize } from './use-terminal-size.js';

/** Props of App. */
export interface AppProps {
  /** The finished results to browse, in run order. */
  results: readonly ScenarioResult[];
  /** The review actions (accept, rerun, edit, remove an obsolete golden), the optional explain tree, obsolete goldens and file watch, from the CLI. */
  options: Pick<TuiOptions, 'accept' | 'rerun' | 'explain' | 'obsolete' | 'removeObsolete' | 'edit' | 'restore' | 'watch'>;
  /** Called once with the exit code when the user quits (0 for `q`, 130 for Ctrl+C). */
  onExit(code: number): void;
}

/** Smallest terminal the layout works in. */
const MIN_COLUMNS = 40;
const MIN_ROWS = 8;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How many changed paths the watch message names before it says "and N more". */
const NAMED_CHANGES = 3;

/** `Re-ran 2; dropped c (changed: a.yaml, b.trace)`: the message after the watch ran scenarios again. */
export function watchMessage(update: WatchUpdate): string {
  const named = update.changed.slice(0, NAMED_CHANGES).join(', ');
  const more = update.changed.length > NAMED_CHANGES ? ` and ${update.changed.length - NAMED_CHANGES} more` : '';
  const done = [update.rerun.length > 0 ? `re-ran ${update.rerun.length}` : '', update.removed.length > 0 ? `dropped ${update.removed.join(', ')}` : ''];
  const text = done.filter((part) => part !== '').join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} (changed: ${named}${more})`;
}

/** A yes/no question on the message line and what `y` does. */
interface Question {
  text: string;
  yes(): void;
  /** The message when the answer is no. */
  no: string;
}

/**
 * Holds what is on screen (list or scenario, help, a pending question) and the results as changed
 * by accept, rerun, edit and the file watch; routes `q`, `?`, `a`, `A`, `r`, `s`, `e`, `u`, `w` and
 * leaves every other key to the screen. In a scenario, `a` and `s` move on to the next failing or
 * new scenario (the review loop of cargo-insta). The watch replaces the results it ran again and
 * keeps the cursor and the open scenario and tab.
 */
export function App({ results, options, onExit }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [replaced, setReplaced] = useState<ReadonlyMap<string, ScenarioResult>>(new Map());
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [help, setHelp] = useState(false);
  const [question, setQuestion] = useState<Question | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const [obsolete, setObsolete] = useState<readonly string[]>(options.obsolete ?? []);
  // The results as the last watch re-run left them (the props until then); `replaced` overrides them.
  const [latest, setLatest] = useState<readonly ScenarioResult[]>(results);
  const [watching, setWatching] = useState(options.watch !== undefined);
  // The results as they were before each accept of this session, last on top, for `u`.
  const accepted = useRef<ScenarioResult[]>([]);
  const busy = useRef(false);

  const current = useMemo(() => latest.map((result) => replaced.get(result.id) ?? result), [latest, replaced]);

  const watch = options.watch;
  useEffect(() => {
    if (!watching || watch === undefined) return undefined;
    return watch(
      (update) => {
        setLatest(update.results);
        // A scenario run again shows its fresh result, not the one an earlier accept or `r` left.
        setReplaced((map) => {
          const next = new Map(map);
          for (const id of [...update.rerun, ...update.removed]) next.delete(id);
          return next;
        });
        setObsolete(update.obsolete);
        const passing = update.results.filter((result) => update.rerun.includes(result.id)).every((result) => result.status === 'pass');
        setMessage({ kind: passing ? 'ok' : 'info', text: watchMessage(update) });
      },
      (problem) => setMessage({ kind: 'error', text: `Watch: ${problem}` }),
    );
  }, [watch, watching]);
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

  /** Where the review loop goes after `result`: the next failing or new scenario, or (none left) back to the list when `back`. */
  const advance = (result: ScenarioResult, skippedNow: ReadonlySet<string>, done: string, last: string, back: boolean) => {
    const next = nextToReview(current, result.id, skippedNow);
    if (next !== null) {
      setOpenId(next.id);
      setMessage({ kind: 'ok', text: `${done} · next: ${next.id}` });
    } else {
      if (back) setOpenId(null);
      const count = skippedNow.size;
      setMessage({ kind: 'ok', text: `${last} · all reviewed${count > 0 ? `, ${count} skipped` : ''}` });
    }
  };

  const accept = (result: ScenarioResult, review = false) =>
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
        accepted.current.push(result);
        replace(acceptedResult(result));
        if (review) advance(result, skipped, `Accepted ${result.id}`, `Accepted ${result.id}: wrote ${path}`, false);
        else setMessage({ kind: 'ok', text: `Accepted ${result.id}: wrote ${path}` });
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
          accepted.current.push(result);
          replace(acceptedResult(result));
          written += 1;
        } catch (error) {
          setMessage({ kind: 'error', text: `Accepted ${written} of ${list.length}; stopped at ${result.id}: ${errorText(error)}` });
          return;
        }
      }
      setMessage({ kind: 'ok', text: `Accepted ${written} golden file${written === 1 ? '' : 's'}.` });
    });

  const runAgain = async (result: ScenarioResult, what: string) => {
    setMessage({ kind: 'info', text: `Re-running ${result.id}…` });
    try {
      const fresh = await options.rerun(result);
      replace(fresh);
      setMessage({
        kind: fresh.status === 'pass' ? 'ok' : 'info',
        text: `${what} ${result.id}: ${result.status === fresh.status ? fresh.status : `${result.status} → ${fresh.status}`}`,
      });
    } catch (error) {
      setMessage({ kind: 'error', text: `Re-run failed: ${errorText(error)}` });
    }
  };

  const rerun = (result: ScenarioResult) => act('rerun', () => runAgain(result, 'Re-ran'));

  const undo = () =>
    act('undo', async () => {
      const before = accepted.current.at(-1);
      if (before === undefined || !options.restore) {
        setMessage({ kind: 'info', text: 'Nothing to undo: no accept in this session.' });
        return;
      }
      try {
        const path = await options.restore(before);
        accepted.current.pop();
        replace(before);
        setMessage({ kind: 'ok', text: `Undid the accept of ${before.id}: ${before.golden === null ? `removed ${path}` : `restored ${path}`}` });
      } catch (error) {
        setMessage({ kind: 'error', text: `Not undone: ${errorText(error)}` });
      }
    });

  const skip = (result: ScenarioResult) => {
    const now = new Set(skipped).add(result.id);
    setSkipped(now);
    const done = `Skipped ${result.id}${needsReview(result) ? ' (left pending)' : ''}`;
    advance(result, now, done, done, true);
  };

  const edit = (result: ScenarioResult) =>
    act('edit', async () => {
      if (!options.edit) {
        setMessage({ kind: 'error', text: 'No editor here: set VISUAL or EDITOR.' });
        return;
      }
      const line = editLine(result);
      setMessage({ kind: 'info', text: `Editing ${result.file}:${line}…` });
      try {
        await options.edit(result.file, line);
      } catch (error) {
        setMessage({ kind: 'error', text: `Not edited: ${errorText(error)}` });
        return;
      }
      await runAgain(result, 'Edited and re-ran');
    });

  const removeObsolete = (path: string) =>
    act('remove', async () => {
      if (!options.removeObsolete) return;
      setMessage({ kind: 'info', text: `Removing ${path}…` });
      try {
        await options.removeObsolete(path);
        setObsolete((paths) => paths.filter((other) => other !== path));
        setMessage({ kind: 'ok', text: `Removed the obsolete golden ${path}` });
      } catch (error) {
        setMessage({ kind: 'error', text: `Not removed: ${errorText(error)}` });
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
    if (question !== null) {
      if (input === 'y' || input === 'Y') {
        setQuestion(null);
        question.yes();
      } else if (key.escape || key.return || input === 'n' || input === 'N' || input === 'q') {
        setQuestion(null);
        setMessage({ kind: 'info', text: question.no });
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
    else if (input === 'a' && opened) void accept(opened, true);
    else if (input === 's' && opened) skip(opened);
    else if (input === 'e' && opened) void edit(opened);
    else if (input === 'r' && opened) void rerun(opened);
    else if (input === 'u') void undo();
    else if (input === 'w') {
      if (watch === undefined) setMessage({ kind: 'info', text: 'Not watching files here (CI is set, or this system cannot watch).' });
      else {
        setWatching(!watching);
        setMessage({ kind: 'info', text: watching ? 'Watching paused; changes are not run until w.' : 'Watching files again; r runs a scenario changed meanwhile.' });
      }
    }
    else if (input === 'A') {
      const candidates = acceptAllCandidates(current);
      const count = candidates.length;
      if (count === 0) setMessage({ kind: 'info', text: 'No failing or new scenario to accept.' });
      else setQuestion({ text: `Accept ${count} failing or new scenario${count === 1 ? '' : 's'} as golden (${count} file${count === 1 ? '' : 's'} written)?`, yes: () => void acceptAll(candidates), no: 'Nothing accepted.' });
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
  const onListEdit = (id: string) => {
    const result = byId(id);
    if (result) void edit(result);
  };
  const onRemoveObsolete = (path: string) => {
    if (!options.removeObsolete) setMessage({ kind: 'info', text: `Run probe-run --update-golden on the whole folder to remove ${path}.` });
    else setQuestion({ text: `Remove the obsolete golden ${path} (no scenario stands for it)?`, yes: () => void removeObsolete(path), no: 'Nothing removed.' });
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
  const keysToScreen = !help && question === null;
  return (
    <Box flexDirection="column" width={columns} height={height}>
      {help ? <HelpOverlay width={columns} height={screenHeight} active={help} /> : null}
      <ScenarioList
        results={current}
        obsolete={obsolete}
        active={keysToScreen && !opened}
        focus={openId}
        visible={!help && !opened}
        width={columns}
        height={screenHeight}
        onOpen={onOpen}
        onAccept={onListAccept}
        onRerun={onListRerun}
        onEdit={onListEdit}
        onRemoveObsolete={onRemoveObsolete}
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
      <MessageLine message={message} question={question?.text ?? null} />
    </Box>
  );
}
