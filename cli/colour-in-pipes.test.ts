import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import { makeFakeIo, type FakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';

const trace = (id: string, source: string) => `# trace ${id} profile v6.15\n${source}`;
const ESC = '\u001b';

/** Every kind of output at once: a pass with a warning, a diff, a new scenario, a failed expect, an invalid one, an obsolete golden. */
function everything(env: Record<string, string>): FakeIo {
  return makeFakeIo({
    stdoutIsTTY: false,
    env,
    files: {
      'scenarios/a/warned.yaml': 'warn\n',
      'golden/a/warned.trace': trace('a/warned', 'warn\n'),
      'scenarios/a/changed.yaml': 'changed\nwords here\n',
      'golden/a/changed.trace': trace('a/changed', 'changed\nwords there\n'),
      'scenarios/b/new.yaml': 'new\n',
      'scenarios/b/expect.yaml': 'expect-fail\n',
      'scenarios/c/bad.yaml': 'invalid\n',
      'golden/gone.trace': 'x\n',
    },
  });
}

// What a CI job's environment looks like: a capable TERM, CI set, but output to a pipe or a file.
const CI_ENV = { TERM: 'xterm-256color', COLORTERM: 'truecolor', CI: 'true' };

const test = suite('main: output to a pipe or a file has no colour');

test('every reporter, run and check, on a non-TTY stdout: no escape anywhere in stdout or stderr', async () => {
  const commands = [[], ['--reporter', 'json'], ['--reporter', 'junit'], ['--reporter', 'tap'], ['--reporter', 'ktap'], ['check'], ['--check-determinism'], ['--bogus']];
  for (const argv of commands) {
    const fake = everything(CI_ENV);
    await main(argv, fake, { stages: stubStages() });
    assert.ok(fake.out() !== '' || fake.err() !== '', argv.join(' '));
    assert.not.ok(fake.out().includes(ESC), `stdout of ${argv.join(' ') || 'a run'}`);
    assert.not.ok(fake.err().includes(ESC), `stderr of ${argv.join(' ') || 'a run'}`);
  }
});

test('only an explicit request colours a pipe: --color always, or FORCE_COLOR', async () => {
  for (const [env, argv] of [[CI_ENV, ['--color', 'always']], [{ ...CI_ENV, FORCE_COLOR: '1' }, []]] as const) {
    const fake = everything(env);
    await main([...argv], fake, { stages: stubStages() });
    assert.ok(fake.out().includes(ESC), JSON.stringify(env));
  }
});

test('on a terminal the text report highlights the changed word within the changed line', async () => {
  const fake = everything({ TERM: 'xterm-256color' });
  await main([], { ...fake, stdoutIsTTY: true }, { stages: stubStages() });
  assert.ok(fake.out().includes('\u001b[31m-words \u001b[7mthere\u001b[27m\u001b[0m\n\u001b[32m+words \u001b[7mhere\u001b[27m\u001b[0m\n'), fake.out());
});

test.run();
