/** Entry point of `probe-run tui`: the CLI imports this module (and so Ink and React) only for that command. */
import { render } from 'ink';
import type { ScenarioResult } from '../../src/model/result.js';
import { App } from './App.js';
import { KeyRouter } from './KeyRouter.js';
import type { TuiOptions } from './tui-options.js';

export type { TuiOptions } from './tui-options.js';

/** Switches a real terminal to its alternate screen, so quitting gives back the shell as it was. */
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/**
 * Wraps the CLI's editor call so the editor gets the terminal: line mode back (raw mode off), the
 * main screen and the cursor; afterwards the TUI's screen is cleared and drawn anew, since the editor
 * drew over it.
 */
export function releasingTerminal(
  edit: (file: string, line: number) => Promise<void>,
  stdin: NodeJS.ReadStream,
  stdout: NodeJS.WriteStream,
  alternate: boolean,
): (file: string, line: number) => Promise<void> {
  return async (file, line) => {
    const raw = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
    if (raw) stdin.setRawMode(false);
    stdout.write(alternate ? LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR : SHOW_CURSOR);
    try {
      await edit(file, line);
    } finally {
      stdout.write(alternate ? ENTER_ALTERNATE_SCREEN + CLEAR_SCREEN + HIDE_CURSOR : HIDE_CURSOR);
      if (raw) stdin.setRawMode(true);
    }
  };
}

/** Runs the TUI over finished results until the user quits; resolves with the exit code (0 for `q`, 130 for Ctrl+C). */
export async function runTui(results: ScenarioResult[], options: TuiOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const alternate = stdout.isTTY === true;
  let code = 0;
  if (alternate) stdout.write(ENTER_ALTERNATE_SCREEN);
  const appOptions = options.edit ? { ...options, edit: releasingTerminal(options.edit, stdin, stdout, alternate) } : options;
  try {
    const app = (
      <KeyRouter>
        <App results={results} options={appOptions} onExit={(value) => (code = value)} />
      </KeyRouter>
    );
    const instance = render(app, {
      stdout,
      stdin,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    await instance.waitUntilExit();
  } finally {
    if (alternate) stdout.write(LEAVE_ALTERNATE_SCREEN);
  }
  return code;
}
