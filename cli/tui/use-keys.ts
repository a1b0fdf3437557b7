/**
 * Key routing for the whole TUI: one Ink `useInput` (in KeyRouter) hands each key to the handlers
 * components register with `useKeys`.
 *
 * Why not `useInput` in every component: Ink subscribes those in effects, which run after the frame
 * is written, so a key arriving right after the one that opened a screen (two keys in one read, as
 * tmux send-keys or a fast typist gives) would reach the old screen or nobody. Here handlers are
 * registered and refreshed while rendering, and the set of active handlers is fixed when a key
 * arrives, so a key acts once, on the screen as it was when the key was pressed.
 */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { Key } from 'ink';

/** Handles one key; returning true stops later handlers from seeing it. */
export type KeyHandler = (input: string, key: Key) => boolean | void;

interface Entry {
  handler: KeyHandler;
  isActive: boolean;
}

/** The registered handlers, in the order their components first rendered (parents before children). */
export class KeyRegistry {
  private readonly entries = new Set<{ current: Entry }>();

  /** Adds a component's handler slot (idempotent). */
  add(slot: { current: Entry }): void {
    this.entries.add(slot);
  }

  /** Removes a component's handler slot when it unmounts. */
  remove(slot: { current: Entry }): void {
    this.entries.delete(slot);
  }

  /** Gives the key to every handler active now, in order, until one returns true. */
  dispatch(input: string, key: Key): void {
    const active = [...this.entries].filter((slot) => slot.current.isActive).map((slot) => slot.current.handler);
    for (const handler of active) if (handler(input, key) === true) return;
  }
}

/** The registry KeyRouter provides. */
export const KeyRegistryContext = createContext<KeyRegistry | null>(null);

/** Registers `handler` for keys while `isActive`; must be used below a KeyRouter. */
export function useKeys(handler: KeyHandler, isActive = true): void {
  const registry = useContext(KeyRegistryContext);
  if (!registry) throw new Error('probe-run bug: useKeys outside a KeyRouter');
  const slot = useRef<Entry>({ handler, isActive });
  slot.current = { handler, isActive };
  // Registered during render, so a component mounted by one key hears the next key of the same read.
  registry.add(slot);
  useEffect(() => {
    registry.add(slot);
    return () => registry.remove(slot);
  }, [registry]);
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * Ink gives several plain characters read at once (`jj`, `j\r`, from tmux send-keys or a fast
 * typist) as one input; the TUI wants them one key at a time. Special keys pass through as they are.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
  const chars = [...input];
  const plain = chars.length > 1 && !key.ctrl && !key.meta && !key.escape && Object.entries(key).every(([, value]) => value !== true);
  if (!plain) return [[input, key]];
  return chars.flatMap((char): [string, Key][] => {
    if (char === '\r' || char === '\n') return [['', { ...NO_KEY, return: true }]];
    if (char === '\t') return [['', { ...NO_KEY, tab: true }]];
    if (char === '\u007F' || char === '\b') return [['', { ...NO_KEY, delete: char === '\u007F', backspace: char === '\b' }]];
    if (/[\u0000-\u001f]/.test(char)) return [];
    return [[char, { ...NO_KEY, shift: /[A-Z]/.test(char) }]];
  });
}
