import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import { makeFakeIo, type FakeIo, type FakeIoOptions } from '../test/support/fake-io.js';
import { main } from './main.js';
import { parseCliArgs } from './parse-args.js';

/** The stub trace of a scenario (see test/support/stub-stages.ts). */
const trace = (id: string, source: string) => `# trace ${id} profile v6.15\n${source}`;

function project(options: Omit<FakeIoOptions, 'files'> = {}): FakeIo {
  return makeFakeIo({
    ...options,
    files: {
      'scenarios/a/one.yaml': 'one\n',
      'scenarios/a/two.yaml': 'two\n',
      'scenarios/b/three.yaml': 'three\n',
      'golden/a/one.trace': trace('a/one', 'one\n'),
      'golden/a/two.trace': trace('a/two', 'two\n'),
      'golden/b/three.trace': trace('b/three', 'three\n'),
      'notes.txt': 'not a scenario\n',
    },
  });
}

/** Waits until `check` holds, polling the event loop. */
async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const count = (text: string, part: string) => text.split(part).length - 1;

/** Starts `probe-run --watch …` on the fake io; resolves once the first run is printed. */
async function watching(fake: FakeIo, ...argv: string[]): Promise<{ exit: Promise<number>; runs: () => number; rest: (from: number) => string }> {
  const exit = main(['--watch', ...argv], fake, { stages: stubStages() });
  await until(() => count(fake.out(), 'Watching ') === 1 || fake.err() !== '', 'the first run');
  const runs = () => count(fake.out(), 'Watching ');
  return { exit, runs, rest: (from) => fake.out().slice(from) };
}

const test = suite('probe-run --watch');

test('runs everything once, then after a burst of events runs only the changed scenario, once', async () => {
  const fake = project();
  const session = await watching(fake);
  assert.is(fake.out(), 'PASS     a/one\nPASS     a/two\nPASS     b/three\n\n3 passed, 0 failed\n\nWatching 3 scenarios (3 pass) for changes; Ctrl-C stops.\n');
  assert.equal(fake.watched(), ['golden', 'scenarios']);
  const before = fake.out().length;
  // An editor's save: several events for the file within a few milliseconds.
  await fake.fs.writeAtomic('scenarios/a/two.yaml', 'two\nmore\n');
  fake.change('scenarios/a/two.yaml', 'scenarios/a/two.yaml');
  await new Promise((resolve) => setTimeout(resolve, 20));
  fake.change('scenarios/a/two.yaml');
  await until(() => session.runs() === 2, 'the re-run');
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.is(session.runs(), 2, 'one re-run for the burst');
  const rerun = session.rest(before);
  assert.ok(rerun.startsWith('\nChanged: scenarios/a/two.yaml\nFAIL     a/two\n'), rerun);
  assert.not.match(rerun, /a\/one|b\/three/);
  assert.ok(rerun.includes('\n0 passed, 1 failed\n'), rerun);
  assert.ok(rerun.endsWith('\n\nWatching 3 scenarios (2 pass, 1 fail) for changes; Ctrl-C stops.\n'), rerun);
  assert.is(fake.files.get('/work/.probe-run/actual/a/two.trace'), trace('a/two', 'two\nmore\n'));

  fake.interrupt();
  assert.is(await session.exit, 130);
  assert.equal(fake.watched(), []);
  assert.is(fake.interruptListeners(), 0);
});

test('a change during the first run is run after it, not in the middle of it', async () => {
  const fake = project();
  const readText = fake.fs.readText;
  // A slow disk, so the burst (1 ms debounce) is ready long before the first run ends.
  fake.fs = { ...fake.fs, readText: async (path, maxBytes) => (await new Promise((resolve) => setTimeout(resolve, 5)), readText(path, maxBytes)) };
  const stages = stubStages();
  let changed = false;
  const loadScenario: typeof stages.loadScenario = (source, file, id) => {
    if (!changed) {
      changed = true;
      fake.files.set('/work/scenarios/b/three.yaml', 'drei\n');
      fake.change('scenarios/b/three.yaml');
    }
    return stages.loadScenario(source, file, id);
  };
  const exit = main(['--watch'], fake, { stages: { ...stages, loadScenario }, watch: { quietMs: 1 } });
  await until(() => count(fake.out(), 'Watching ') === 2, 'the re-run');
  assert.match(fake.out(), /^PASS     a\/one\nPASS     a\/two\nFAIL     b\/three\n/);
  assert.match(fake.out(), /\n\nWatching 3 scenarios \(2 pass, 1 fail\) for changes; Ctrl-C stops\.\n\nChanged: scenarios\/b\/three\.yaml\nFAIL     b\/three\n/);
  fake.interrupt();
  assert.is(await exit, 130);
});

test('a changed golden compares its scenario again; a file that is no scenario or golden runs nothing', async () => {
  const fake = project();
  const session = await watching(fake);
  fake.change('notes.txt', 'scenarios/README.md');
  await fake.fs.writeAtomic('golden/b/three.trace', trace('b/three', 'drei\n'));
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.is(session.runs(), 1, 'nothing ran for files no scenario reads');
  const before = fake.out().length;
  fake.change('golden/b/three.trace');
  await until(() => session.runs() === 2, 'the re-run');
  const rerun = session.rest(before);
  assert.ok(rerun.startsWith('\nChanged: golden/b/three.trace\nFAIL     b/three\n'), rerun);
  assert.not.match(rerun, /PASS|a\/one|a\/two/);
  fake.interrupt();
  assert.is(await session.exit, 130);
});

test('a new scenario file is run; a deleted one is dropped and its golden reported obsolete', async () => {
  const fake = project();
  const session = await watching(fake);
  const before = fake.out().length;
  await fake.fs.mkdirp('scenarios/c');
  await fake.fs.writeAtomic('scenarios/c/four.yaml', 'four\n');
  await fake.fs.remove('scenarios/a/one.yaml');
  fake.change('scenarios/c', 'scenarios/c/four.yaml', 'scenarios/a/one.yaml');
  await until(() => session.runs() === 2, 'the re-run');
  const rerun = session.rest(before);
  assert.ok(rerun.startsWith('\nChanged: scenarios/a/one.yaml, scenarios/c, scenarios/c/four.yaml\nDropped a/one (scenarios/a/one.yaml is gone)\nNEW      c/four\n'), rerun);
  assert.match(rerun, /golden\/a\/one\.trace/, 'the golden of the dropped scenario is obsolete');
  assert.not.match(rerun, /a\/two|b\/three/);
  assert.ok(rerun.endsWith('Watching 3 scenarios (2 pass, 1 new) for changes; Ctrl-C stops.\n'), rerun);
  fake.interrupt();
  assert.is(await session.exit, 130);
});

test('a scenario deleted alone is dropped and its golden reported obsolete', async () => {
  const fake = project();
  const session = await watching(fake);
  const before = fake.out().length;
  await fake.fs.remove('scenarios/b/three.yaml');
  fake.change('scenarios/b/three.yaml');
  await until(() => session.runs() === 2, 'the re-run');
  const rerun = session.rest(before);
  assert.ok(rerun.startsWith('\nChanged: scenarios/b/three.yaml\nDropped b/three (scenarios/b/three.yaml is gone)\nOBSOLETE golden/b/three.trace '), rerun);
  assert.not.match(rerun, /PASS|a\/one|a\/two/);
  assert.ok(rerun.endsWith('\n\nWatching 2 scenarios (2 pass) for changes; Ctrl-C stops.\n'), rerun);
  fake.interrupt();
  assert.is(await session.exit, 130);
});

test('a folder left without scenarios is a message, and watching goes on until one comes back', async () => {
  const fake = project();
  const session = await watching(fake, 'scenarios/a');
  assert.equal(fake.watched(), ['golden', 'scenarios/a']);
  await fake.fs.remove('scenarios/a/one.yaml');
  await fake.fs.remove('scenarios/a/two.yaml');
  fake.change('scenarios/a/one.yaml', 'scenarios/a/two.yaml');
  await until(() => session.runs() === 2, 'the problem');
  assert.match(fake.err(), /^probe-run: no \.yaml scenario files in scenarios\/a\n$/);
  assert.ok(fake.out().endsWith('Watching 0 scenarios for changes; Ctrl-C stops.\n'));
  await fake.fs.writeAtomic('scenarios/a/one.yaml', 'one\n');
  fake.change('scenarios/a/one.yaml');
  await until(() => session.runs() === 3, 'the re-run');
  assert.ok(fake.out().endsWith('\nChanged: scenarios/a/one.yaml\nPASS     a/one\n\n1 passed, 0 failed\n\nWatching 1 scenario (1 pass) for changes; Ctrl-C stops.\n'), fake.out());
  fake.interrupt();
  assert.is(await session.exit, 130);
});

test('a watcher that fails stops the watch with its message and exit 2', async () => {
  const fake = project();
  const session = await watching(fake);
  fake.failWatch('cannot watch scenarios: too many open files');
  assert.is(await session.exit, 2);
  assert.is(fake.err(), 'probe-run: cannot watch scenarios: too many open files; stopped watching\n');
  assert.is(fake.interruptListeners(), 0);
});

test('refused with --update-golden, other reporters, --check-determinism, under CI and without a watcher (exit 2)', async () => {
  for (const argv of [['-u'], ['--reporter', 'json'], ['--check-determinism'], ['schema'], ['explain', 'x.yaml', 'dev']]) {
    const fake = project();
    assert.is(await main(['--watch', ...argv], fake, { stages: stubStages() }), 2, argv.join(' '));
    assert.match(fake.err(), /--watch/);
    assert.is(fake.out(), '');
  }
  const ci = project({ env: { CI: 'true' } });
  assert.is(await main(['--watch'], ci, { stages: stubStages() }), 2);
  assert.match(ci.err(), /^probe-run: --watch runs until Ctrl-C, which a CI job never sends \(CI=true\)/);
  const blind = project({ watch: false });
  assert.is(await main(['--watch'], blind, { stages: stubStages() }), 2);
  assert.is(blind.err(), 'probe-run: --watch: this system cannot watch files\n');
  assert.equal(ci.watched(), []);
});

test('tui takes --watch (it watches anyway); commands that run nothing refuse it', () => {
  assert.ok(parseCliArgs(['tui', '--watch']).ok);
  assert.equal(parseCliArgs(['init', '--watch']), { ok: false, message: "--watch cannot be used with 'probe-run init'" });
});

test('check --watch validates again what changed', async () => {
  const fake = project();
  const exit = main(['check', '--watch'], fake, { stages: stubStages() });
  await until(() => fake.out().includes('Watching '), 'the first check');
  await fake.fs.writeAtomic('scenarios/a/one.yaml', 'invalid\n');
  fake.change('scenarios/a/one.yaml');
  await until(() => count(fake.out(), 'Watching ') === 2, 'the re-check');
  assert.match(fake.out(), /Changed: scenarios\/a\/one\.yaml\nINVALID/);
  fake.interrupt();
  assert.is(await exit, 130);
});

test.run();
