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

/** Runs the TUI over finished results until the user quits; resolves with the exit code (0 for `q`, 130 for Ctrl+C). */
export async function runTui(results: ScenarioResult[], options: TuiOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const alternate = stdout.isTTY === true;
  let code = 0;
  if (alternate) stdout.write(ENTER_ALTERNATE_SCREEN);
  try {
    const app = (
      <KeyRouter>
        <App results={results} options={options} onExit={(value) => (code = value)} />
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
