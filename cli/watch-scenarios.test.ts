import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeFakeIo } from '../test/support/fake-io.js';
import { locate } from './locate-result.js';
import { ChangeBursts, foldersToWatch, planRerun, watchScenarios, type WatchEvent } from './watch-scenarios.js';

const at = (id: string) => locate({ file: `scenarios/${id}.yaml`, id, root: 'scenarios' }, undefined);

const plan = suite('planRerun');

plan('a changed scenario file or golden runs that scenario; a changed folder runs what is inside it', () => {
  const all = [at('a/one'), at('a/two'), at('b/three')];
  const ids = (changed: string[]) => planRerun(all, all, changed).rerun.map((scenario) => scenario.id);
  assert.equal(ids(['scenarios/a/two.yaml']), ['a/two']);
  assert.equal(ids(['golden/b/three.trace']), ['b/three']);
  assert.equal(ids(['golden/a/one.errors.txt']), ['a/one']);
  assert.equal(ids(['golden/a']), ['a/one', 'a/two']);
  assert.equal(ids(['scenarios/a/two.yaml~', 'scenarios/notes.md', 'golden/a/one.trace.tmp']), []);
});

plan('new scenarios run, deleted ones are removed', () => {
  const result = planRerun([at('a/one'), at('a/two')], [at('a/one'), at('c/four')], ['scenarios/c/four.yaml']);
  assert.equal(result.rerun.map((scenario) => scenario.id), ['c/four']);
  assert.equal(result.added, ['c/four']);
  assert.equal(result.removed.map((scenario) => scenario.id), ['a/two']);
});

const bursts = suite('ChangeBursts');

bursts('events closer than the quiet time make one burst, sorted and without repeats; stop ends next()', async () => {
  const changes = new ChangeBursts(40);
  changes.add('b');
  changes.add('a');
  await new Promise((resolve) => setTimeout(resolve, 20));
  changes.add('b');
  assert.equal(await changes.next(), ['a', 'b']);
  const waiting = changes.next();
  changes.stop();
  assert.is(await waiting, null);
  assert.is(await changes.next(), null);
});

bursts('a burst that became quiet while nobody waited is handed out at the next call', async () => {
  const changes = new ChangeBursts(5);
  changes.add('x');
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(await changes.next(), ['x']);
});

const folders = suite('foldersToWatch');

folders('each folder typed (a file gives its folder) and each existing golden root, none inside another', async () => {
  const io = makeFakeIo({ files: { 'scenarios/a/one.yaml': '', 'scenarios/b/two.yaml': '', 'golden/a/one.trace': '', 'other/x.yaml': '' } });
  const selection = (paths: string[], goldenDir?: string) => ({ paths, filters: [], goldenDir });
  assert.equal(await foldersToWatch(io, selection([]), [at('a/one')]), ['golden', 'scenarios']);
  assert.equal(await foldersToWatch(io, selection(['scenarios/a/one.yaml', 'scenarios']), [at('a/one')]), ['golden', 'scenarios']);
  assert.equal(await foldersToWatch(io, selection(['scenarios/b/two.yaml']), [at('b/two')]), ['golden', 'scenarios/b']);
  const missingGoldens = [locate({ file: 'other/x.yaml', id: 'x', root: 'other' }, 'nowhere')];
  assert.equal(await foldersToWatch(io, selection(['other'], 'nowhere'), missingGoldens), ['other']);
});

const session = suite('watchScenarios');

session('a burst waits while hold() is pending, then what ignore() leaves is handled; stop() closes the watcher', async () => {
  const io = makeFakeIo({ files: { 'scenarios/a.yaml': 'a\n', 'scenarios/b.yaml': 'b\n' } });
  const selection = { paths: [], filters: [], goldenDir: undefined };
  const scenarios = [locate({ file: 'scenarios/a.yaml', id: 'a', root: 'scenarios' }, undefined), locate({ file: 'scenarios/b.yaml', id: 'b', root: 'scenarios' }, undefined)];
  let release = () => {};
  let held: Promise<void> | null = new Promise((resolve) => (release = resolve));
  const events: WatchEvent[] = [];
  const watch = await watchScenarios(io, selection, scenarios, async (event) => void events.push(event), {
    quietMs: 5,
    hold: () => held ?? Promise.resolve(),
    ignore: async (path) => path === 'scenarios/a.yaml',
  });
  assert.equal(io.watched(), ['scenarios']);
  io.change('scenarios/a.yaml', 'scenarios/b.yaml');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(events, [], 'held');
  held = null;
  release();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(
    events.map((event) => (event.kind === 'rerun' ? [event.changed, event.rerun.map((scenario) => scenario.id)] : event.message)),
    [[['scenarios/b.yaml'], ['b']]],
  );
  watch.stop();
  assert.equal(io.watched(), []);
  await watch.done;
});

plan.run();
session.run();
bursts.run();
folders.run();
