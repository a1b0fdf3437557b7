import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import { makeFakeIo, type FakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';

const trace = (id: string, source: string) => `# trace ${id} profile v6.15\n${source}`;

function corpus(): FakeIo {
  return makeFakeIo({
    files: {
      'scenarios/cases/case-1.yaml': 'one\n',
      'scenarios/cases/case-2.yaml': 'two\n',
      'scenarios/boards/board-a.yaml': 'a\n',
      'golden/cases/case-1.trace': trace('cases/case-1', 'one\n'),
      'golden/cases/case-2.trace': 'stale\n',
      'golden/boards/board-a.trace': trace('boards/board-a', 'a\n'),
    },
  });
}

const run = (fake: FakeIo, ...argv: string[]) => main(argv, fake, { stages: stubStages() });
const ran = (fake: FakeIo) => fake.out().split('\n').filter((line) => /^(PASS|FAIL|NEW) /.test(line));

const test = suite('main: familiar flags');

test('-u is --update-golden', async () => {
  const fake = corpus();
  assert.is(await run(fake, '-u'), 0);
  assert.is(fake.files.get('/work/golden/cases/case-2.trace'), trace('cases/case-2', 'two\n'));
  assert.ok(fake.out().includes('wrote   golden/cases/case-2.trace (changed)\n'), fake.out());
});

test('an unknown option names the nearest one, in our words, exit 2', async () => {
  for (const [typed, near] of [['--filtr', '--filter'], ['--update-goldne', '--update-golden'], ['--reportr', '--reporter'], ['--colour', '--color']]) {
    const fake = corpus();
    assert.is(await run(fake, typed, 'x'), 2);
    assert.is(fake.err(), `probe-run: unknown option '${typed}'; did you mean ${near}?\nRun 'probe-run --help' for usage.\n`);
  }
  const far = corpus();
  assert.is(await run(far, '--frobnicate'), 2);
  assert.is(far.err(), "probe-run: unknown option '--frobnicate'\nRun 'probe-run --help' for usage.\n");
  assert.not.match(far.err(), /To specify a positional argument/);
});

test('an option without its value, or a flag with one, is said plainly', async () => {
  const missing = corpus();
  assert.is(await run(missing, '--filter'), 2);
  assert.match(missing.err(), /^probe-run: --filter needs a value\n/);
  const extra = corpus();
  assert.is(await run(extra, '--update-golden=yes'), 2);
  assert.match(extra.err(), /^probe-run: --update-golden takes no value\n/);
});

test('--filter globs: braces and ranges select like Jest, an escape matches the character itself', async () => {
  const braces = corpus();
  assert.is(await run(braces, '--filter', '{cases,boards}/*-{1,a}'), 0);
  assert.equal(ran(braces), ['PASS     boards/board-a', 'PASS     cases/case-1']);
  const range = corpus();
  assert.is(await run(range, '--filter', 'cases/case-{1..2}'), 1);
  assert.equal(ran(range), ['PASS     cases/case-1', 'FAIL     cases/case-2']);
  const negated = corpus();
  assert.is(await run(negated, '--filter', '!cases/**'), 0);
  assert.equal(ran(negated), ['PASS     boards/board-a']);
  const escaped = makeFakeIo({ files: { 'scenarios/odd/a*b.yaml': 'x\n', 'scenarios/odd/axb.yaml': 'y\n' } });
  assert.is(await run(escaped, '--filter', 'odd/a\\*b'), 1);
  assert.equal(ran(escaped), ['NEW      odd/a*b']);
});

test('a glob that matches nothing says globs match the whole id, and how to match in any folder', async () => {
  const fake = corpus();
  assert.is(await run(fake, '--filter', 'case-*'), 2);
  assert.is(
    fake.err(),
    "probe-run: --filter 'case-*' matched none of the 3 scenarios in scenarios; a glob must match the whole id such as 'boards/board-a', folders included (try '**/case-*')\n" +
      "Run 'probe-run --help' for usage.\n",
  );
  const substring = corpus();
  assert.is(await run(substring, '--filter', 'nothing-like-this'), 2);
  assert.not.match(substring.err(), /glob/);
});

test.run();
