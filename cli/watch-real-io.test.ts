import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import type { Io } from './io.js';
import { main } from './main.js';
import { onInterrupt, processAlive, realFileSystem, watchFolders } from './real-io.js';

const test = suite('probe-run --watch on real files');

let dir = '';
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'probe-run-watch-'));
});
test.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The real io (node:fs watch, SIGINT) rooted at the temporary folder, output captured. */
function folderIo(): Io & { out: () => string } {
  let out = '';
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (out += text),
    env: {},
    cwd: dir,
    stdoutIsTTY: false,
    stdinIsTTY: false,
    fs: realFileSystem(dir),
    pid: process.pid,
    processAlive,
    now: () => 0,
    watch: watchFolders(dir),
    onInterrupt,
    out: () => out,
  };
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const count = (text: string, part: string) => text.split(part).length - 1;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a saved scenario and a new one are run again; Ctrl-C stops the watch with 130 and leaves no listener', async () => {
  mkdirSync(join(dir, 'scenarios'));
  mkdirSync(join(dir, 'golden'));
  writeFileSync(join(dir, 'scenarios/a.yaml'), 'one\n');
  writeFileSync(join(dir, 'golden/a.trace'), '# trace a profile v6.15\none\n');
  const io = folderIo();
  const listeners = process.listenerCount('SIGINT');
  const exit = main(['--watch'], io, { stages: stubStages() });
  await until(() => io.out().includes('Watching 1 scenario (1 pass)'), 'the first run');
  assert.is(process.listenerCount('SIGINT'), listeners + 1);

  writeFileSync(join(dir, 'scenarios/a.yaml'), 'one\nmore\n');
  await until(() => count(io.out(), 'Watching ') === 2, 'the re-run');
  assert.match(io.out(), /\nChanged: scenarios\/a\.yaml\nFAIL     a\n/);

  writeFileSync(join(dir, 'scenarios/b.yaml'), 'two\n');
  await until(() => count(io.out(), 'Watching ') === 3, 'the new scenario');
  assert.match(io.out(), /\nChanged: scenarios\/b\.yaml\nNEW      b\n/);
  await pause(300);
  assert.is(count(io.out(), 'Watching '), 3, 'writing the actual files ran nothing again');

  process.emit('SIGINT');
  assert.is(await exit, 130);
  assert.is(process.listenerCount('SIGINT'), listeners);
});

test('watching the folder that holds .probe-run/: the actual files written by a run do not start another', async () => {
  writeFileSync(join(dir, 'a.yaml'), 'one\n');
  const io = folderIo();
  const exit = main(['--watch', '.'], io, { stages: stubStages() });
  await until(() => io.out().includes('Watching 1 scenario (1 new)'), 'the first run');
  writeFileSync(join(dir, 'a.yaml'), 'uno\n');
  await until(() => count(io.out(), 'Watching ') === 2, 'the re-run');
  await pause(300);
  assert.is(count(io.out(), 'Watching '), 2, io.out());
  process.emit('SIGINT');
  assert.is(await exit, 130);
});

test.run();
