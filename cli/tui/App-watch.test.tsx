import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from 'ink-testing-library';
import type { ScenarioResult } from '../../src/model/result.js';
import { fixtureResults, result } from '../../test/support/tui-fixtures.js';
import { KEY, plain, press, renderApp, tick, waitForText } from '../../test/support/screen-test.js';
import type { TuiOptions, WatchUpdate } from './tui-options.js';

const test = suite('App: watching files');
test.after.each(() => cleanup());

/** A fake of the CLI's watch: records subscriptions, and `send` plays a re-run to the current one. */
function fakeWatch() {
  let listener: Parameters<NonNullable<TuiOptions['watch']>>[0] | null = null;
  let problem: ((message: string) => void) | null = null;
  const calls: string[] = [];
  const watch: NonNullable<TuiOptions['watch']> = (onUpdate, onProblem) => {
    calls.push('start');
    listener = onUpdate;
    problem = onProblem;
    return () => {
      calls.push('stop');
      listener = null;
    };
  };
  return {
    watch,
    calls,
    send: (update: WatchUpdate) => listener?.(update),
    fail: (message: string) => problem?.(message),
  };
}

const FAILING = 'iommu/case-3b-iommu-deferred';

/** The fixture results after the failing scenario was fixed on disk and a new one was added. */
function afterFix(results: readonly ScenarioResult[]): ScenarioResult[] {
  return [...results.map((item) => (item.id === FAILING ? result(FAILING) : item)), result('iommu/case-3d-added', { status: 'new', golden: null })];
}

test('a re-run replaces the results, keeps the open scenario on its tab, says "Re-ran N", and the list keeps its cursor', async () => {
  const fake = fakeWatch();
  const results = fixtureResults();
  const { stdin, lastFrame } = renderApp(results, { watch: fake.watch });
  await waitForText(lastFrame, 'probe-run');
  assert.equal(fake.calls, ['start']);
  await press(stdin, KEY.down, KEY.down, KEY.enter);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '3');
  await waitForText(lastFrame, '[3 Devices]');

  fake.send({ changed: ['scenarios/iommu/case-3b-iommu-deferred.yaml', 'scenarios/iommu/case-3d-added.yaml'], results: afterFix(results), rerun: [FAILING, 'iommu/case-3d-added'], removed: [], obsolete: [] });
  const view = await waitForText(lastFrame, 'Re-ran 2 (changed: scenarios/iommu/case-3b-iommu-deferred.yaml, scenarios/iommu/case-3d-added.yaml)');
  assert.ok(view.startsWith(`‹ Esc  ${FAILING}  ✓ pass`), view);
  assert.ok(view.includes('[3 Devices]'), 'the open tab stays');

  await press(stdin, KEY.escape);
  const list = await waitForText(lastFrame, 'probe-run  5 scenarios');
  assert.ok(list.includes(`› ✓ pass    case-3b-iommu-deferred`), list);
  assert.ok(list.includes('  + new     case-3d-added'), list);
});

test('a re-run takes the place of an earlier accept', async () => {
  const fake = fakeWatch();
  const results = fixtureResults();
  const { stdin, lastFrame } = renderApp(results, { watch: fake.watch });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, KEY.down, KEY.down, 'a');
  assert.ok((await waitForText(lastFrame, `Accepted ${FAILING}`)).includes('› ✓ pass    case-3b-iommu-deferred'));
  // The golden changed again on disk (another terminal): the fresh result is what counts.
  fake.send({ changed: ['golden/iommu/case-3b-iommu-deferred.trace'], results, rerun: [FAILING], removed: [], obsolete: [] });
  const list = await waitForText(lastFrame, 'Re-ran 1 (changed: golden/iommu/case-3b-iommu-deferred.trace)');
  assert.ok(list.includes('› ✗ fail    case-3b-iommu-deferred'), list);
});

test('a dropped open scenario goes back to the list, its golden listed as obsolete; watch problems are shown', async () => {
  const fake = fakeWatch();
  const results = fixtureResults();
  const { stdin, lastFrame } = renderApp(results, { watch: fake.watch });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, KEY.down, KEY.down, KEY.enter);
  await waitForText(lastFrame, '[2 Diff]');
  fake.send({ changed: ['scenarios/iommu/case-3b-iommu-deferred.yaml'], results: results.filter((item) => item.id !== FAILING), rerun: [], removed: [FAILING], obsolete: ['golden/iommu/case-3b-iommu-deferred.trace'] });
  const list = await waitForText(lastFrame, 'Dropped iommu/case-3b-iommu-deferred (changed: scenarios/iommu/case-3b-iommu-deferred.yaml)');
  assert.ok(list.startsWith('probe-run  3 scenarios'), list);
  assert.ok(list.includes('golden/iommu/case-3b-iommu-deferred.trace'), 'its golden is listed as obsolete');
  fake.fail('cannot watch scenarios: gone; stopped watching');
  assert.ok((await waitForText(lastFrame, 'Watch: cannot watch scenarios')).length > 0);
});

test('w pauses and resumes watching; without a watch, w says so', async () => {
  const fake = fakeWatch();
  const { stdin, lastFrame } = renderApp(fixtureResults(), { watch: fake.watch });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'w');
  await waitForText(lastFrame, 'Watching paused');
  await press(stdin, 'w');
  await waitForText(lastFrame, 'Watching files again');
  assert.equal(fake.calls, ['start', 'stop', 'start']);
  cleanup();
  await tick();
  assert.equal(fake.calls, ['start', 'stop', 'start', 'stop'], 'unmounting stops the watch');

  const blind = renderApp(fixtureResults());
  await waitForText(blind.lastFrame, 'probe-run');
  await press(blind.stdin, 'w');
  assert.match(plain(blind.lastFrame()), /Not watching files here/);
});

test.run();
