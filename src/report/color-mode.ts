/** Whether the text report is coloured: flag, then FORCE_COLOR, then NO_COLOR, then the terminal. */

/** The `--color` flag's values (`--no-color` is `never`). */
export type ColorFlag = 'auto' | 'always' | 'never';

/**
 * Decides colour. An explicit `--color always|never` wins (no-color.org: command-line flags override
 * the variable). In `auto`: `FORCE_COLOR` set to anything but `0`/`false` turns colour on and beats
 * `NO_COLOR` (as Node's own tty does); `NO_COLOR` set and not empty turns it off; otherwise colour is on
 * only when stdout is a terminal and `TERM` is not `dumb`.
 */
export function useColor(flag: ColorFlag, env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (flag === 'always') return true;
  if (flag === 'never') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}
