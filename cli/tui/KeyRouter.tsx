/** The single owner of Ink's input hook; everything below it takes keys through `useKeys`. */
import { useMemo, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';
import { KeyRegistry, KeyRegistryContext, splitKeys } from './use-keys.js';

/** Props of KeyRouter. */
export interface KeyRouterProps {
  /** The components that register key handlers with `useKeys`. */
  children: ReactNode;
}

/**
 * Listens to stdin once and dispatches each key to the active registered handlers. Keys that
 * arrive together are handed out one per turn of the event loop: React renders in a microtask, so
 * each key then meets the screen the previous key left.
 */
export function KeyRouter({ children }: KeyRouterProps) {
  const registry = useMemo(() => new KeyRegistry(), []);
  const queue = useRef<[string, Key][]>([]);
  const draining = useRef(false);

  const drain = () => {
    const next = queue.current.shift();
    if (!next) {
      draining.current = false;
      return;
    }
    draining.current = true;
    registry.dispatch(next[0], next[1]);
    setImmediate(drain);
  };

  useInput((input, key) => {
    queue.current.push(...splitKeys(input, key));
    if (!draining.current) drain();
  });
  return <KeyRegistryContext.Provider value={registry}>{children}</KeyRegistryContext.Provider>;
}
