/** Helpers for the screen tests: rendering under a KeyRouter, key sequences, waiting for a re-render, frames without colour. */
import { EventEmitter } from 'node:events';
import { createElement, type ReactElement } from 'react';
import { render } from 'ink-testing-library';
import type { ScenarioResult } from '../../src/model/result.js';
import { App } from '../../cli/tui/App.js';
import { KeyRouter } from '../../cli/tui/KeyRouter.js';
import type { TuiOptions } from '../../cli/tui/tui-options.js';

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

/** Waits `ms` milliseconds. */
export function tick(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The frames written so far by each rendered instance, found by its stdin (so tests can pass just `stdin`). */
const framesOf = new WeakMap<object, string[]>();

/** Waits until `check` holds, polling; false when `timeoutMs` ran out. */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await tick(5);
  }
  return true;
}

/** Waits until Ink listens to this stdin, for tests that write raw chunks themselves. */
export async function ready(stdin: NodeJS.EventEmitter): Promise<void> {
  await until(() => stdin.listenerCount('readable') > 0, 2000);
}

/**
 * Writes each key separately. Before each, waits until Ink listens to stdin (it subscribes in an
 * effect after the first frame); after each, waits for the re-render it causes (a key that changes
 * nothing gives up after half a second). Load on the machine slows this down but does not break it.
 */
export async function press(stdin: NodeJS.EventEmitter & { write(data: string): void }, ...keys: string[]): Promise<void> {
  const frames = framesOf.get(stdin);
  for (const key of keys) {
    await until(() => stdin.listenerCount('readable') > 0, 2000);
    const before = frames?.length ?? 0;
    stdin.write(key);
    if (frames) await until(() => frames.length > before, 500);
    else await tick();
    // A lone Esc is only taken as Esc on the next turn of the event loop.
    await tick(key === '\u001B' ? 10 : 1);
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

/** Renders a component below a KeyRouter (as run-tui does) at 100 columns and, unless resized, 24 rows. */
export function renderKeyed(element: ReactElement) {
  const instance = render(createElement(KeyRouter, null, element));
  framesOf.set(instance.stdin, instance.frames);
  return instance;
}

/** What a test sees of the review actions: each call, in order, and the exit code. */
export interface AppProbe {
  accepted: string[];
  reran: string[];
  exitCodes: number[];
}

/** Renders the whole App over `results` with recording fakes for accept and rerun (overridable). */
export function renderApp(results: ScenarioResult[], overrides: Partial<Pick<TuiOptions, 'accept' | 'rerun' | 'explain' | 'obsolete' | 'removeObsolete' | 'edit' | 'restore' | 'watch'>> = {}) {
  const probe: AppProbe = { accepted: [], reran: [], exitCodes: [] };
  const options: Pick<TuiOptions, 'accept' | 'rerun' | 'explain' | 'obsolete' | 'removeObsolete' | 'edit' | 'restore' | 'watch'> = {
    accept: async (result) => {
      probe.accepted.push(result.id);
      return result.goldenPath;
    },
    rerun: async (result) => {
      probe.reran.push(result.id);
      return result;
    },
    ...overrides,
  };
  const instance = renderKeyed(createElement(App, { results, options, onExit: (code: number) => probe.exitCodes.push(code) }));
  return { ...instance, probe };
}

/** Makes the fake terminal `columns`×`rows` and tells the app, as a real terminal's SIGWINCH would. */
export function resize(stdout: NodeJS.EventEmitter, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
  Object.defineProperty(stdout, 'rows', { configurable: true, get: () => rows });
  stdout.emit('resize');
}

/** Just enough of a TTY for Ink: raw mode, a size, and what was written. */
export function fakeTerminal(columns = 100, rows = 24) {
  const written: string[] = [];
  const stdout = Object.assign(new EventEmitter(), {
    columns,
    rows,
    isTTY: false,
    write: (chunk: string) => {
      written.push(chunk);
      return true;
    },
  });
  let data: string | null = null;
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setEncoding() {},
    setRawMode() {},
    resume() {},
    pause() {},
    ref() {},
    unref() {},
    read: () => {
      const chunk = data;
      data = null;
      return chunk;
    },
    type: (chunk: string) => {
      data = chunk;
      stdin.emit('readable');
    },
  });
  return { stdin, stdout, written };
}
