/** Cursor and window state for a long list, moved by the keys every list shares. */
import { useState } from 'react';
import type { Key } from 'ink';
import { clamp, windowTop } from './scroll-window.js';

/** A list position: the highlighted row and the first visible row. */
export interface CursorState {
  /** Highlighted row (in `scroll` mode, equal to `top`). */
  cursor: number;
  /** First row on screen. */
  top: number;
  /** Moves the cursor to a row (or to the row a function of the current one names), clamped, scrolling as little as needed. */
  moveTo(index: number | ((current: number) => number)): void;
  /** Handles arrows, j/k, PgUp/PgDn, Home/End, g/G; returns whether the key was one of them. */
  handleKey(input: string, key: Key): boolean;
}

/**
 * Keeps a cursor over `count` rows shown `height` at a time. In `cursor` mode a highlighted row
 * moves and the window follows it; in `scroll` mode (plain text) the keys move the window itself.
 */
export function useCursor(count: number, height: number, mode: 'cursor' | 'scroll' = 'cursor'): CursorState {
  const [state, setState] = useState({ cursor: 0, top: 0 });
  const rows = Math.max(1, height);
  const last = mode === 'cursor' ? Math.max(0, count - 1) : Math.max(0, count - rows);
  const cursor = clamp(state.cursor, 0, last);
  const top = mode === 'cursor' ? windowTop(state.top, cursor, rows, count) : cursor;

  // Functional updates, so several keys arriving in one chunk each move from the previous result.
  const moveTo = (index: number | ((current: number) => number)) => {
    setState((previous) => {
      const current = clamp(previous.cursor, 0, last);
      const next = clamp(typeof index === 'function' ? index(current) : index, 0, last);
      const previousTop = mode === 'cursor' ? windowTop(previous.top, current, rows, count) : current;
      return { cursor: next, top: mode === 'cursor' ? windowTop(previousTop, next, rows, count) : next };
    });
  };

  const handleKey = (input: string, key: Key): boolean => {
    const page = Math.max(1, rows - 1);
    if (key.upArrow || input === 'k') moveTo((c) => c - 1);
    else if (key.downArrow || input === 'j') moveTo((c) => c + 1);
    else if (key.pageUp) moveTo((c) => c - page);
    else if (key.pageDown || input === ' ') moveTo((c) => c + page);
    else if (key.home || input === 'g') moveTo(0);
    else if (key.end || input === 'G') moveTo(last);
    else return false;
    return true;
  };

  return { cursor, top, moveTo, handleKey };
}
