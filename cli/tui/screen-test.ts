/** Helpers for the screen tests: key sequences, waiting for a re-render, frames without colour. */

/** Escape sequences a terminal sends for the keys the TUI uses. */
export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** Lets Ink handle input and re-render (it flushes a lone Esc on the next tick). */
export function tick(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Writes each key separately, waiting for the re-render after each. */
export async function press(stdin: { write(data: string): void }, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await tick();
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g;

/** The last frame without colour codes, trailing spaces trimmed on each line. */
export function plain(frame: string | undefined): string {
  return (frame ?? '')
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** Waits until the (uncoloured) last frame contains `text`, for the first render and slow re-renders. */
export async function waitForText(lastFrame: () => string | undefined, text: string, timeoutMs = 2000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = plain(lastFrame());
    if (frame.includes(text)) {
      // Ink registers input handlers in effects that run after the frame is written.
      await tick();
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`"${text}" did not appear; last frame:\n${frame}`);
    await tick(10);
  }
}
