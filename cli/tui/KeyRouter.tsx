/** The single owner of Ink's input hook; everything below it takes keys through `useKeys`. */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';
import { KeyRegistry, KeyRegistryContext, splitKeys } from './use-keys.js';

/** Props of KeyRouter. */
export interface KeyRouterProps {
  /** The components that register key handlers with `useKeys`. */
  children: ReactNode;
}

/**
 * Listens to stdin once and dispatches each key to the active registered handlers. Keys that
 * arrive together wait their turn: the next one is handed out only after React has committed what
 * the previous one changed, so it meets the screen the previous key left.
 */
export function KeyRouter({ children }: KeyRouterProps) {
  const registry = useMemo(() => new KeyRegistry(), []);
  const queue = useRef<[string, Key][]>([]);
  const dispatching = useRef(false);
  const [turn, setTurn] = useState(0);

  const dispatchNext = () => {
    const next = queue.current.shift();
    if (!next) {
      dispatching.current = false;
      return;
    }
    dispatching.current = true;
    registry.dispatch(next[0], next[1]);
    // Rendered in the same pass as the updates the handlers just made; the effect below runs after that commit.
    setTurn((count) => count + 1);
  };

  useEffect(() => {
    if (dispatching.current) dispatchNext();
  }, [turn]);

  useInput((input, key) => {
    queue.current.push(...splitKeys(input, key));
    if (!dispatching.current) dispatchNext();
  });
  return <KeyRegistryContext.Provider value={registry}>{children}</KeyRegistryContext.Provider>;
}
