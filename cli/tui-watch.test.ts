import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import { makeFakeIo, type FakeIo } from '../test/support/fake-io.js';
import { parseCliArgs } from './parse-args.js';
import { prepareTui, type TuiSession } from './tui-command.js';
import type { WatchUpdate } from './tui/tui-options.js';

const trace = (id: string, source: string) => `# trace ${id} profile v6.15\n${source}`;

function project(env: Record<string, string> = {}): FakeIo {
  return makeFakeIo({
    env,
    files: {
      'scenarios/a/one.yaml': 'board\n',
      'golden/a/one.trace': trace('a/one', 'old board\n'),
      'scenarios/a/two.yaml': 'two\n',
      'golden/a/two.trace': trace('a/two', 'two\n'),
    },
  });
}

async function session(fake: FakeIo): Promise<TuiSession> {
  const parsed = parseCliArgs(['tui']);
  if (!parsed.ok) throw new Error(parsed.message);
  const prepared = await prepareTui(fake, parsed.options, stubStages(), { quietMs: 20 });
  if (typeof prepared === 'number') throw new Error(`exit ${prepared}: ${fake.err()}`);
  return prepared;
}

async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const test = suite('prepareTui: watch');

test('runs again what changed, picks up new files, drops deleted ones, and leaves the TUI\'s own golden writes alone', async () => {
  const fake = project();
  const { results, actions, stopWatching } = await session(fake);
  const updates: WatchUpdate[] = [];
  const problems: string[] = [];
  const stop = actions.watch!((update) => updates.push(update), (problem) => problems.push(problem));
  await until(() => fake.watched().length > 0, 'the watcher');
  assert.equal(fake.watched(), ['golden', 'scenarios']);

  await fake.fs.writeAtomic('scenarios/a/two.yaml', 'two\nmore\n');
  fake.change('scenarios/a/two.yaml', 'scenarios/a/two.yaml');
  await until(() => updates.length === 1, 'the re-run');
  assert.equal(updates[0].rerun, ['a/two']);
  assert.equal(updates[0].results.map((result) => `${result.id} ${result.status}`), ['a/one fail', 'a/two fail']);
  assert.equal(fake.files.get('/work/.probe-run/actual/a/two.trace'), trace('a/two', 'two\nmore\n'));

  // An accept in the TUI writes a golden: that event is the TUI's own doing and runs nothing.
  await actions.accept(results[0]);
  fake.change('golden/a/one.trace');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.is(updates.length, 1);
  // The same golden changed by someone else is a change.
  await fake.fs.writeAtomic('golden/a/one.trace', trace('a/one', 'other\n'));
  fake.change('golden/a/one.trace');
  await until(() => updates.length === 2, 'the re-compare');
  assert.equal(updates[1].rerun, ['a/one']);

  await fake.fs.mkdirp('scenarios/b');
  await fake.fs.writeAtomic('scenarios/b/three.yaml', 'three\n');
  await fake.fs.remove('scenarios/a/two.yaml');
  fake.change('scenarios/b/three.yaml', 'scenarios/a/two.yaml');
  await until(() => updates.length === 3, 'new and deleted files');
  assert.equal(updates[2].rerun, ['b/three']);
  assert.equal(updates[2].removed, ['a/two']);
  assert.equal(updates[2].results.map((result) => `${result.id} ${result.status}`), ['a/one fail', 'b/three new']);
  assert.equal(updates[2].obsolete, ['golden/a/two.trace']);
  // The obsolete golden the watch found can be removed as one the first run found.
  await actions.removeObsolete!('golden/a/two.trace');
  assert.not.ok(fake.files.has('/work/golden/a/two.trace'));
  assert.equal(problems, []);

  stop();
  assert.equal(fake.watched(), []);
  actions.watch!(() => undefined, () => undefined);
  await until(() => fake.watched().length > 0, 'a second watcher');
  stopWatching();
  assert.equal(fake.watched(), []);
});

test('no watch under CI or without a watcher', async () => {
  assert.is((await session(project({ CI: 'true' }))).actions.watch, undefined);
  const blind = makeFakeIo({ watch: false, files: { 'scenarios/a.yaml': 'x\n' } });
  assert.is((await session(blind)).actions.watch, undefined);
});

test.run();
