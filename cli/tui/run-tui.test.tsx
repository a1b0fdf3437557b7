import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureResults } from '../../test/support/tui-fixtures.js';
import { runTui } from './run-tui.js';
import { fakeTerminal, plain, tick } from '../../test/support/screen-test.js';

const run = suite('runTui');

run('draws the list on the given streams and resolves with 0 when the user presses q', async () => {
  const terminal = fakeTerminal();
  const done = runTui(fixtureResults(), {
    accept: async (result) => result.goldenPath,
    rerun: async (result) => result,
    stdin: terminal.stdin as unknown as NodeJS.ReadStream,
    stdout: terminal.stdout as unknown as NodeJS.WriteStream,
  });
  for (let waited = 0; terminal.stdin.listenerCount('readable') === 0 && waited < 2000; waited += 10) await tick(10);
  terminal.stdin.type('q');
  assert.is(await done, 0);
  // Checked after the end: under CI Ink writes only the last frame, when it unmounts.
  assert.ok(plain(terminal.written.join('')).includes('probe-run  4 scenarios'));
  assert.ok(plain(terminal.written.join('')).includes('› ✓ pass    case-1-no-iommu'));
  assert.not.ok(terminal.written.join('').includes('\u001B[?1049h'), 'no alternate screen on a stream that is not a TTY');
});

run('Ctrl+C resolves with 130', async () => {
  const terminal = fakeTerminal();
  const done = runTui(fixtureResults(), {
    accept: async (result) => result.goldenPath,
    rerun: async (result) => result,
    stdin: terminal.stdin as unknown as NodeJS.ReadStream,
    stdout: terminal.stdout as unknown as NodeJS.WriteStream,
  });
  for (let waited = 0; terminal.stdin.listenerCount('readable') === 0 && waited < 2000; waited += 10) await tick(10);
  terminal.stdin.type('\u0003');
  assert.is(await done, 130);
});

run.run();
