import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import { makeFakeIo, type FakeIo, type FakeIoOptions } from '../test/support/fake-io.js';
import { IoError } from './io.js';
import { acceptGolden, main, rerunScenario } from './main.js';

/** The stub trace of a scenario (see test/support/stub-stages.ts). */
const trace = (id: string, source: string, profile = 'v6.15') => `# trace ${id} profile ${profile}\n${source}`;

/** A small corpus whose goldens all match. */
function corpus(): Record<string, string> {
  return {
    'scenarios/a/one.yaml': 'one\n',
    'scenarios/a/two.yaml': 'two\n',
    'scenarios/b/three.yaml': 'three\n',
    'scenarios/invalid/bad.yaml': 'invalid\n',
    'golden/a/one.trace': trace('a/one', 'one\n'),
    'golden/a/two.trace': trace('a/two', 'two\n'),
    'golden/b/three.trace': trace('b/three', 'three\n'),
    'golden/invalid/bad.errors.txt': 'scenarios/invalid/bad.yaml: error unknown-key: stub: invalid line\n',
  };
}

function io(files: Record<string, string> = corpus(), options: Omit<FakeIoOptions, 'files'> = {}): FakeIo {
  return makeFakeIo({ files, ...options });
}

async function run(fake: FakeIo, ...argv: string[]): Promise<number> {
  return main(argv, fake, { stages: stubStages() });
}

const file = (fake: FakeIo, path: string) => fake.files.get(`/work/${path}`);
const ESC = '\u001b[';

// ---------------------------------------------------------------------------------------------
const exits = suite('main: exit codes');

exits('0 when every scenario passes, with a PASS line each and the summary', async () => {
  const fake = io();
  assert.is(await run(fake), 0);
  assert.is(fake.out(), 'PASS     a/one\nPASS     a/two\nPASS     b/three\nPASS     invalid/bad\n\n4 passed, 0 failed\n');
  assert.is(fake.err(), '');
  assert.equal(fake.log, []);
});

exits('1 on a trace mismatch, with a readable diff, the actual file and the accept command', async () => {
  const files = { ...corpus(), 'golden/a/one.trace': trace('a/one', 'uno\n') };
  const fake = io(files);
  assert.is(await run(fake), 1);
  const out = fake.out();
  assert.ok(out.includes('FAIL     a/one\n--- golden/a/one.trace\n+++ .probe-run/actual/a/one.trace\n@@ -1,2 +1,2 @@\n # trace a/one profile v6.15\n-uno\n+one\n'), out);
  assert.ok(out.includes('  actual output: .probe-run/actual/a/one.trace\n'));
  assert.ok(out.includes('  to accept:     npx probe-run --update-golden scenarios/a/one.yaml\n'));
  assert.ok(out.includes('3 passed, 1 failed\n'));
  assert.ok(out.includes('To update every golden above: npx probe-run --update-golden\n'));
  assert.is(file(fake, '.probe-run/actual/a/one.trace'), trace('a/one', 'one\n'));
  assert.is(file(fake, 'golden/a/one.trace'), trace('a/one', 'uno\n'), 'the golden is never overwritten by a plain run');
  assert.equal(fake.log, ['mkdir .probe-run/actual/a', 'atomic .probe-run/actual/a/one.trace']);
});

exits('1 on a missing golden (NEW), with the actual written', async () => {
  const files = corpus();
  delete files['golden/b/three.trace'];
  const fake = io(files);
  assert.is(await run(fake), 1);
  assert.ok(fake.out().includes('NEW      b/three\n  no golden file golden/b/three.trace yet\n'));
  assert.ok(fake.out().includes('3 passed, 0 failed, 1 new\n'));
  assert.is(file(fake, '.probe-run/actual/b/three.trace'), trace('b/three', 'three\n'));
});

exits('1 on a failed expect even though the trace matches, naming device, expected and actual', async () => {
  const files = { ...corpus(), 'scenarios/a/one.yaml': 'expect-fail\n', 'golden/a/one.trace': trace('a/one', 'expect-fail\n') };
  const fake = io(files);
  assert.is(await run(fake), 1);
  assert.ok(fake.out().includes('FAIL     a/one\n  expect failed: dpu: dma expected iommu, actual direct\n'), fake.out());
  assert.not.ok(fake.out().includes('to accept'), 'nothing to accept when only an expect failed');
});

exits('2 on an invalid scenario without an errors golden, its diagnostics printed', async () => {
  const files = { ...corpus(), 'scenarios/b/three.yaml': 'three\ninvalid\n' };
  const fake = io(files);
  assert.is(await run(fake), 2);
  assert.ok(fake.out().includes('INVALID  b/three\nscenarios/b/three.yaml: error unknown-key: stub: invalid line\n'));
  assert.not.ok(fake.out().includes('to accept'), 'an invalid scenario outside invalid/ cannot be accepted');
});

exits('2 on usage errors, one line on stderr and no stack trace', async () => {
  for (const argv of [['--bogus'], ['--reporter', 'xml'], ['--profile', 'v5.0'], ['--color', 'sometimes'], ['--step-bound', '0'], ['nowhere/'], ['--filter'], ['check', '--update-golden'], ['schema', 'x'], ['--force']]) {
    const fake = io();
    assert.is(await run(fake, ...argv), 2, argv.join(' '));
    assert.match(fake.err(), /^probe-run: /, argv.join(' '));
    assert.not.match(fake.err(), /\n\s+at /, argv.join(' '));
    assert.is(fake.out(), '', argv.join(' '));
  }
});

exits('2 when a path has no scenario or is not a .yaml file', async () => {
  const fake = io({ ...corpus(), 'notes.txt': 'x', 'empty/.keep': '' });
  assert.is(await run(fake, 'notes.txt'), 2);
  assert.match(fake.err(), /not a scenario file/);
  const empty = io({ ...corpus(), 'empty/.keep': '' });
  assert.is(await run(empty, 'empty'), 2);
  assert.match(empty.err(), /no \.yaml scenario files in empty/);
});

exits('2 when --filter matches nothing', async () => {
  const fake = io();
  assert.is(await run(fake, '--filter', 'nothing-like-this'), 2);
  assert.match(fake.err(), /--filter 'nothing-like-this' matched none of the 4 scenarios in scenarios/);
});

exits('2 when a file cannot be written, with the reason and no stack', async () => {
  const files = { ...corpus(), 'golden/a/one.trace': 'old\n' };
  const fake = io(files, { failWrites: ['.probe-run/actual/a/one.trace'] });
  assert.is(await run(fake), 2);
  assert.is(fake.err(), 'probe-run: cannot write .probe-run/actual/a/one.trace: injected failure\n');
});

exits('70 when the engine throws: the scenario is ERROR with the stack, the others still run', async () => {
  const files = { ...corpus(), 'scenarios/a/one.yaml': 'throw\n' };
  const fake = io(files);
  assert.is(await run(fake), 70);
  assert.ok(fake.out().includes('ERROR    a/one\ninternal error (a bug in probe-run): Error: stub engine exploded'));
  assert.ok(fake.out().includes('PASS     b/three'));
});

exits('70 for a bug outside any scenario, with "internal error (a bug in probe-run)" and the stack', async () => {
  const fake = io();
  fake.fs.list = async () => {
    throw new TypeError('broken listing');
  };
  assert.is(await run(fake), 70);
  assert.match(fake.err(), /^probe-run: internal error \(a bug in probe-run\)/);
  assert.match(fake.err(), /TypeError: broken listing\n\s+at /);
});

exits('an IoError outside a scenario is exit 2, not a bug', async () => {
  const fake = io();
  fake.fs.list = async (path) => {
    throw new IoError(`cannot list ${path}: permission denied`);
  };
  assert.is(await run(fake), 2);
  assert.is(fake.err(), 'probe-run: cannot list scenarios: permission denied\n');
});

exits.run();

// ---------------------------------------------------------------------------------------------
const update = suite('main: --update-golden');

update('writes new and changed goldens atomically, lists them, and the run then passes', async () => {
  const files = { ...corpus(), 'golden/a/one.trace': 'stale\n', 'scenarios/c/four.yaml': 'four\n' };
  const fake = io(files);
  assert.is(await run(fake, '--update-golden'), 0);
  assert.is(file(fake, 'golden/a/one.trace'), trace('a/one', 'one\n'));
  assert.is(file(fake, 'golden/c/four.trace'), trace('c/four', 'four\n'));
  // The lock is taken before anything is written and released after.
  const LOCK = ['mkdir golden', 'create golden/.probe-run.lock'];
  assert.equal(fake.log, [...LOCK, 'mkdir golden/a', 'atomic golden/a/one.trace', 'mkdir golden/c', 'atomic golden/c/four.trace', 'remove golden/.probe-run.lock']);
  assert.not.ok(fake.files.has('/work/golden/.probe-run.lock'));
  assert.ok(fake.out().includes('wrote   golden/a/one.trace (changed)\nwrote   golden/c/four.trace (new)\n'), fake.out());
  assert.ok(fake.out().includes('5 passed, 0 failed, 2 goldens written\n'));
  const again = makeFakeIo({ files: Object.fromEntries([...fake.files].map(([path, text]) => [path.slice('/work/'.length), text])) });
  assert.is(await run(again), 0);
});

update('a failed expect still fails after the trace is accepted', async () => {
  const files = { ...corpus(), 'scenarios/a/one.yaml': 'expect-fail\n' };
  const fake = io(files);
  assert.is(await run(fake, '--update-golden'), 1);
  assert.is(file(fake, 'golden/a/one.trace'), trace('a/one', 'expect-fail\n'));
  assert.ok(fake.out().includes('FAIL     a/one\n  expect failed'));
});

update('refused when CI is set, before anything runs or is written', async () => {
  const files = { ...corpus(), 'golden/a/one.trace': 'stale\n' };
  const fake = io(files, { env: { CI: 'true' } });
  assert.is(await run(fake, '--update-golden'), 2);
  assert.match(fake.err(), /^probe-run: refusing to write golden files: CI is set \(CI=true\)\..*--force/);
  assert.equal(fake.log, []);
  assert.is(file(fake, 'golden/a/one.trace'), 'stale\n');
});

update('--force writes under CI; CI=false or empty does not count as CI', async () => {
  for (const [env, argv] of [[{ CI: 'true' }, ['--update-golden', '--force']], [{ CI: 'false' }, ['--update-golden']], [{ CI: '' }, ['--update-golden']]] as const) {
    const fake = io({ ...corpus(), 'golden/a/one.trace': 'stale\n' }, { env });
    assert.is(await run(fake, ...argv), 0, JSON.stringify(env));
    assert.is(file(fake, 'golden/a/one.trace'), trace('a/one', 'one\n'));
  }
});

update('an invalid scenario under invalid/ gets its .errors.txt golden; one elsewhere is refused', async () => {
  const files = { ...corpus(), 'scenarios/invalid/worse.yaml': 'invalid\n', 'scenarios/b/three.yaml': 'invalid\n' };
  const fake = io(files);
  assert.is(await run(fake, '--update-golden'), 2);
  assert.is(file(fake, 'golden/invalid/worse.errors.txt'), 'scenarios/invalid/worse.yaml: error unknown-key: stub: invalid line\n');
  assert.is(file(fake, 'golden/b/three.errors.txt'), undefined);
  assert.ok(fake.out().includes('not written: scenarios/b/three.yaml is invalid; only scenarios under invalid/ get an errors golden'));
});

update('with --profile it needs --golden-dir, and then writes there only', async () => {
  const refused = io();
  assert.is(await run(refused, '--update-golden', '--profile', 'v4.12'), 2);
  assert.match(refused.err(), /--golden-dir/);
  const fake = io();
  assert.is(await run(fake, '--update-golden', '--profile', 'v4.12', '--golden-dir', 'golden-v4.12'), 0);
  assert.is(file(fake, 'golden-v4.12/a/one.trace'), trace('a/one', 'one\n', 'v4.12'));
  assert.is(file(fake, 'golden/a/one.trace'), trace('a/one', 'one\n'));
});

update.run();

// ---------------------------------------------------------------------------------------------
const filter = suite('main: --filter');

filter('a filtered run runs and writes only what it selects', async () => {
  const files = { ...corpus(), 'golden/a/one.trace': 'stale\n', 'golden/a/two.trace': 'stale\n', 'golden/zombie.trace': 'no scenario\n' };
  const fake = io(files);
  assert.is(await run(fake, '--filter', 'one', '--update-golden'), 0);
  assert.is(fake.out(), 'PASS     a/one\n\nwrote   golden/a/one.trace (changed)\n\n1 passed, 0 failed, 1 golden written\n');
  assert.is(file(fake, 'golden/a/two.trace'), 'stale\n');
  assert.is(file(fake, 'golden/zombie.trace'), 'no scenario\n', 'a filtered run never removes obsolete goldens');
  assert.equal(fake.log, ['mkdir golden', 'create golden/.probe-run.lock', 'mkdir golden/a', 'atomic golden/a/one.trace', 'remove golden/.probe-run.lock']);
});

filter('globs match the whole id: * stays in a folder, ** crosses folders', async () => {
  const fake = io();
  assert.is(await run(fake, '--filter', 'a/*'), 0);
  assert.is(fake.out(), 'PASS     a/one\nPASS     a/two\n\n2 passed, 0 failed\n');
  const deep = io();
  assert.is(await run(deep, '--filter', '**/t*'), 0);
  assert.is(deep.out(), 'PASS     a/two\nPASS     b/three\n\n2 passed, 0 failed\n');
});

filter('several filters select the union', async () => {
  const fake = io();
  assert.is(await run(fake, '--filter', 'one', '--filter', 'bad'), 0);
  assert.is(fake.out(), 'PASS     a/one\nPASS     invalid/bad\n\n2 passed, 0 failed\n');
});

filter.run();

// ---------------------------------------------------------------------------------------------
const obsolete = suite('main: obsolete goldens');

obsolete('a full run reports goldens without a scenario and exits 1', async () => {
  const fake = io({ ...corpus(), 'golden/gone/old.trace': 'x\n', 'golden/a/two.errors.txt': 'stale errors\n', 'golden/README.md': 'not a golden\n' });
  assert.is(await run(fake), 1);
  assert.ok(fake.out().includes('OBSOLETE golden/a/two.errors.txt (no scenario for it; remove it or run --update-golden on the full corpus)\nOBSOLETE golden/gone/old.trace'), fake.out());
  assert.ok(fake.out().includes('4 passed, 0 failed, 2 obsolete goldens\n'));
});

obsolete('a run of part of the corpus does not report them', async () => {
  const fake = io({ ...corpus(), 'golden/gone/old.trace': 'x\n' });
  assert.is(await run(fake, 'scenarios/a'), 0);
  assert.not.ok(fake.out().includes('OBSOLETE'));
});

obsolete('--update-golden on a full run removes them and lists the removal', async () => {
  const fake = io({ ...corpus(), 'golden/gone/old.trace': 'x\n' });
  assert.is(await run(fake, '--update-golden'), 0);
  assert.is(file(fake, 'golden/gone/old.trace'), undefined);
  assert.ok(fake.out().includes('removed golden/gone/old.trace (obsolete)\n'));
});

obsolete('the .trace golden of a scenario that is invalid right now is kept', async () => {
  const fake = io({ ...corpus(), 'scenarios/b/three.yaml': 'invalid\n' });
  assert.is(await run(fake), 2);
  assert.not.ok(fake.out().includes('OBSOLETE'));
});

obsolete.run();

// ---------------------------------------------------------------------------------------------
const paths = suite('main: paths and ids');

paths('ids are paths below scenarios/, folders walked in code-point order, explicit files too', async () => {
  const files = { 'scenarios/Z.yaml': 'z\n', 'scenarios/a.yaml': 'a\n', 'scenarios/b/c.yaml': 'c\n', 'scenarios/.hidden.yaml': 'h\n', 'scenarios/notes.md': 'x' };
  const fake = io(files);
  assert.is(await run(fake, 'scenarios/', './scenarios/b/c.yaml'), 1);
  assert.is(fake.out().split('\n').filter((line) => line.startsWith('NEW')).join('\n'), 'NEW      Z\nNEW      a\nNEW      b/c');
  assert.is(file(fake, '.probe-run/actual/b/c.trace'), trace('b/c', 'c\n'));
});

paths('a folder inside scenarios/ keeps ids relative to scenarios/', async () => {
  const fake = io();
  assert.is(await run(fake, 'scenarios/b'), 0);
  assert.is(fake.out(), 'PASS     b/three\n\n1 passed, 0 failed\n');
});

paths('a corpus folder not called scenarios is its own root, goldens beside it', async () => {
  const fake = io({ 'boards/x.yaml': 'x\n', 'golden/x.trace': trace('x', 'x\n') });
  assert.is(await run(fake, 'boards'), 0);
});

paths('the stale actual file of a scenario that passes again is removed', async () => {
  const fake = io({ ...corpus(), '.probe-run/actual/a/one.trace': 'old actual\n' });
  assert.is(await run(fake), 0);
  assert.is(file(fake, '.probe-run/actual/a/one.trace'), undefined);
});

paths.run();

// ---------------------------------------------------------------------------------------------
const color = suite('main: colour');

const coloured = async (options: Omit<FakeIoOptions, 'files'>, ...argv: string[]) => {
  const fake = io({ ...corpus(), 'golden/a/one.trace': 'stale\n' }, options);
  await run(fake, ...argv);
  return fake.out().includes(ESC);
};

color('on a terminal by default, never when piped', async () => {
  assert.ok(await coloured({ stdoutIsTTY: true }));
  assert.not.ok(await coloured({ stdoutIsTTY: false }));
});

color('NO_COLOR turns it off on a terminal; an empty NO_COLOR does not', async () => {
  assert.not.ok(await coloured({ stdoutIsTTY: true, env: { NO_COLOR: '1' } }));
  assert.ok(await coloured({ stdoutIsTTY: true, env: { NO_COLOR: '' } }));
});

color('FORCE_COLOR turns it on without a terminal; FORCE_COLOR=0 turns it off', async () => {
  assert.ok(await coloured({ env: { FORCE_COLOR: '1' } }));
  assert.not.ok(await coloured({ stdoutIsTTY: true, env: { FORCE_COLOR: '0' } }));
});

color('--color and --no-color beat the environment', async () => {
  assert.ok(await coloured({ env: { NO_COLOR: '1' } }, '--color', 'always'));
  assert.not.ok(await coloured({ stdoutIsTTY: true, env: { FORCE_COLOR: '1' } }, '--color', 'never'));
  assert.not.ok(await coloured({ stdoutIsTTY: true }, '--no-color'));
});

color('machine reporters are never coloured', async () => {
  for (const reporter of ['json', 'junit', 'tap']) assert.not.ok(await coloured({ stdoutIsTTY: true, env: { FORCE_COLOR: '1' } }, '--reporter', reporter, '--color', 'always'), reporter);
});

color.run();

// ---------------------------------------------------------------------------------------------
const commands = suite('main: other commands');

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

commands('--version prints package.json version', async () => {
  const fake = io();
  assert.is(await run(fake, '--version'), 0);
  assert.is(fake.out(), `${packageJson.version}\n`);
});

commands('--help lists every option and the exit codes', async () => {
  const fake = io();
  assert.is(await run(fake, '--help'), 0);
  for (const option of ['--filter', '--profile', '--golden-dir', '--reporter', '--update-golden', '--force', '--color', '--no-color', '--step-bound', '--version', 'check', 'schema', 'tui', '70']) {
    assert.ok(fake.out().includes(option), option);
  }
});

commands('schema prints the scenario JSON Schema', async () => {
  const fake = io();
  assert.is(await run(fake, 'schema'), 0);
  assert.is((JSON.parse(fake.out()) as { $schema: string }).$schema, 'http://json-schema.org/draft-07/schema#');
});

commands('check validates only: no engine, no trace compare, exit 2 for an invalid scenario', async () => {
  const files = { ...corpus(), 'scenarios/a/one.yaml': 'throw\n', 'golden/a/two.trace': 'stale\n' };
  const fake = io(files);
  assert.is(await run(fake, 'check'), 0);
  assert.ok(fake.out().endsWith('4 valid, 0 failed\n'), fake.out());
  assert.equal(fake.log, []);
  const bad = io({ ...corpus(), 'scenarios/a/one.yaml': 'invalid\n' });
  assert.is(await run(bad, 'check', 'scenarios/a'), 2);
});

commands('tui without a terminal exits 2 naming the non-interactive commands', async () => {
  const fake = io(corpus(), { stdoutIsTTY: true, stdinIsTTY: false });
  assert.is(await run(fake, 'tui'), 2);
  for (const word of ['--reporter', '--update-golden', 'explain']) assert.ok(fake.err().includes(word), word);
});

commands('--profile overrides every scenario and the diff shows it', async () => {
  const fake = io();
  assert.is(await run(fake, '--profile', 'v3.19', '--filter', 'a/one'), 1);
  assert.ok(fake.out().includes('-# trace a/one profile v6.15\n+# trace a/one profile v3.19\n'));
  assert.ok(fake.out().includes('to accept:     npx probe-run --update-golden --profile v3.19 scenarios/a/one.yaml'));
});

commands.run();

// ---------------------------------------------------------------------------------------------
const tuiHelpers = suite('acceptGolden and rerunScenario');

async function oneResult(fake: FakeIo) {
  let captured: unknown;
  const { runLocated, selectScenarios } = await import('./run-scenarios.js');
  const selected = await selectScenarios(fake, { paths: ['scenarios/a/one.yaml'], filters: [], goldenDir: undefined });
  if (!selected.ok) throw new Error(selected.message);
  [captured] = await runLocated(fake, selected.scenarios, {}, stubStages());
  return captured as Awaited<ReturnType<typeof rerunScenario>>;
}

tuiHelpers('acceptGolden writes the golden atomically and resolves to its path', async () => {
  const fake = io({ ...corpus(), 'golden/a/one.trace': 'stale\n' });
  const result = await oneResult(fake);
  assert.is(result.status, 'fail');
  assert.is(await acceptGolden(result, fake), 'golden/a/one.trace');
  assert.equal(fake.log, ['mkdir golden/a', 'atomic golden/a/one.trace']);
  assert.is(file(fake, 'golden/a/one.trace'), trace('a/one', 'one\n'));
});

tuiHelpers('acceptGolden refuses under CI unless forced', async () => {
  const fake = io({ ...corpus(), 'golden/a/one.trace': 'stale\n' }, { env: { CI: '1' } });
  const result = await oneResult(fake);
  try {
    await acceptGolden(result, fake);
    assert.unreachable('should refuse');
  } catch (error) {
    assert.match((error as Error).message, /refusing to write golden files: CI is set/);
  }
  assert.is(await acceptGolden(result, fake, { force: true }), 'golden/a/one.trace');
});

tuiHelpers('rerunScenario reads the edited file again', async () => {
  const fake = io({ ...corpus(), 'golden/a/one.trace': trace('a/one', 'edited\n') });
  const result = await oneResult(fake);
  assert.is(result.status, 'fail');
  fake.files.set('/work/scenarios/a/one.yaml', 'edited\n');
  const rerun = await rerunScenario(result, fake, { stages: stubStages() });
  assert.is(rerun.status, 'pass');
  assert.is(rerun.id, 'a/one');
  assert.is(rerun.goldenPath, 'golden/a/one.trace');
});

tuiHelpers.run();
