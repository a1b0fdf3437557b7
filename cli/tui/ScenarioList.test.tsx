import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from 'ink-testing-library';
import type { ScenarioResult } from '../../src/model/result.js';
import { fixtureResults, manyResults } from '../../test/support/tui-fixtures.js';
import { ScenarioList } from './ScenarioList.js';
import { KEY, plain, press, renderKeyed, waitForText } from '../../test/support/screen-test.js';

interface Calls {
  opened: string[];
  accepted: string[];
  reran: string[];
  edited: string[];
  removed: string[];
  editing: boolean[];
}

function renderList(results: ScenarioResult[], height = 20, obsolete: string[] = []) {
  const calls: Calls = { opened: [], accepted: [], reran: [], edited: [], removed: [], editing: [] };
  const instance = renderKeyed(
    <ScenarioList
      results={results}
      obsolete={obsolete}
      active
      visible
      width={100}
      height={height}
      onOpen={(id) => calls.opened.push(id)}
      onAccept={(id) => calls.accepted.push(id)}
      onRerun={(id) => calls.reran.push(id)}
      onEdit={(id) => calls.edited.push(id)}
      onRemoveObsolete={(path) => calls.removed.push(path)}
      onEditingChange={(on) => calls.editing.push(on)}
    />,
  );
  return { ...instance, calls };
}

const rowsOf = (frame: string) => frame.split('\n').slice(2, -1).filter((line) => line !== '');

const list = suite('ScenarioList');
list.after.each(() => cleanup());

list('/ filters as you type, on every word, and the count says how many match', async () => {
  const { stdin, lastFrame, calls } = renderList(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, '/', '-', '3');
  let frame = plain(lastFrame());
  assert.ok(frame.includes('/-3▏  (2 of 4)'));
  assert.equal(rowsOf(frame), ['iommu/', '› ✗ fail    case-3b-iommu-deferred', '  + new     case-3c-new']);
  await press(stdin, ' ', 'n', 'e', 'w');
  frame = plain(lastFrame());
  assert.equal(rowsOf(frame), ['iommu/', '› + new     case-3c-new'], 'words match the id or the status');
  assert.equal(calls.editing, [true]);
});

list('while typing a filter, q, j, a and Enter are text or end the typing, never actions', async () => {
  const { stdin, lastFrame, calls } = renderList(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, '/', 'q', 'a', KEY.backspace, KEY.backspace, 'n', 'o', '-');
  assert.ok(plain(lastFrame()).includes('/no-▏  (1 of 4)'));
  await press(stdin, KEY.enter);
  const frame = plain(lastFrame());
  assert.ok(frame.includes('/no-  (1 of 4)'), 'Enter keeps the filter');
  assert.equal(calls.opened, []);
  assert.equal(calls.accepted, []);
  assert.equal(calls.editing, [true, false]);
  await press(stdin, KEY.enter);
  assert.equal(calls.opened, ['cases/case-1-no-iommu'], 'Enter after the filter opens the match');
});

list('Esc while typing clears the filter; Esc afterwards clears a kept one', async () => {
  const { stdin, lastFrame } = renderList(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, '/', 'x', KEY.escape);
  assert.ok(plain(lastFrame()).includes('press / to filter'));
  await press(stdin, '/', 'n', 'e', 'w', KEY.enter);
  assert.ok(plain(lastFrame()).includes('(1 of 4)'));
  await press(stdin, KEY.escape);
  assert.ok(plain(lastFrame()).includes('press / to filter'));
});

list('a filter that matches nothing says so', async () => {
  const { stdin, lastFrame } = renderList(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, '/', 'z', 'z');
  assert.ok(plain(lastFrame()).includes('Nothing matches "zz". Esc clears the filter.'));
  assert.ok(plain(lastFrame()).includes('0/0'));
});

list('f puts every scenario that is not passing first, still by folder, then the passing ones', async () => {
  const { stdin, lastFrame } = renderList(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'f');
  const rows = rowsOf(plain(lastFrame()));
  assert.equal(rows.slice(0, 5), [
    'errors/',
    '› ! invalid unknown-label           unknown label "cmu" in clocks',
    'iommu/',
    '  ✗ fail    case-3b-iommu-deferred',
    '  + new     case-3c-new',
  ]);
  assert.ok(rows[5].startsWith('── passing ──'));
  assert.equal(rows.slice(6, 8), ['cases/', '  ✓ pass    case-1-no-iommu']);
  await press(stdin, 'f');
  assert.is(rowsOf(plain(lastFrame()))[0], 'cases/');
});

list('a long list is windowed by hand: the selection stays on screen and the footer shows where', async () => {
  const { stdin, lastFrame } = renderList(manyResults(240), 12);
  await waitForText(lastFrame, 'probe-run');
  let frame = plain(lastFrame());
  assert.is(frame.split('\n').length, 12);
  assert.ok(frame.split('\n')[11].startsWith('1/240'));
  await press(stdin, KEY.pageDown);
  frame = plain(lastFrame());
  assert.ok(frame.split('\n')[11].startsWith('9/240'));
  assert.ok(frame.includes('› ✓ pass    scenario-024'));
  await press(stdin, KEY.end);
  frame = plain(lastFrame());
  assert.ok(frame.split('\n')[11].startsWith('240/240'));
  assert.ok(frame.includes('› ✓ pass    scenario-239'));
  assert.is(frame.split('\n').length, 12);
  await press(stdin, KEY.home);
  frame = plain(lastFrame());
  assert.ok(frame.split('\n')[11].startsWith('1/240'));
  assert.is(frame.split('\n')[2], 'alpha/', 'the first scenario of a folder is shown with its heading');
  await press(stdin, KEY.pageDown, KEY.pageUp);
  assert.ok(plain(lastFrame()).split('\n')[11].startsWith('1/240'));
});

list('j/k and g/G move like the arrows and Home/End', async () => {
  const { stdin, lastFrame } = renderList(manyResults(30), 12);
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'j', 'k');
  assert.ok(plain(lastFrame()).split('\n')[11].startsWith('2/30'));
  await press(stdin, 'G');
  assert.ok(plain(lastFrame()).split('\n')[11].startsWith('30/30'));
  await press(stdin, 'g');
  assert.ok(plain(lastFrame()).split('\n')[11].startsWith('1/30'));
});

list('Enter, a and r act on the highlighted scenario', async () => {
  const { stdin, lastFrame, calls } = renderList(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, KEY.down, KEY.enter, 'a', 'r');
  assert.equal(calls.opened, ['errors/unknown-label']);
  assert.equal(calls.accepted, ['errors/unknown-label']);
  assert.equal(calls.reran, ['errors/unknown-label']);
});

list('long descriptions are truncated to the width, never wrapped', async () => {
  const results = fixtureResults();
  results[0] = { ...results[0], scenario: { description: 'x'.repeat(300) } as ScenarioResult['scenario'] };
  const { lastFrame } = renderList(results);
  const frame = await waitForText(lastFrame, 'probe-run');
  const row = frame.split('\n').find((line) => line.includes('case-1-no-iommu'))!;
  assert.ok(row.length <= 100);
  assert.ok(row.endsWith('…'));
  assert.is(frame.split('\n').length, 20);
});

list('obsolete golden files come last with their badge; the list scrolls to them; Enter, r and e ignore them, a and d ask to remove one', async () => {
  const { stdin, lastFrame, calls } = renderList(manyResults(30), 12, ['golden/gone/old.trace', 'golden/gone/older.errors.txt']);
  let frame = await waitForText(lastFrame, 'probe-run');
  assert.ok(frame.split('\n')[0].endsWith('‼ 0 error  ? 2 obsolete'));
  await press(stdin, KEY.end);
  frame = plain(lastFrame());
  const rows = frame.split('\n');
  assert.is(rows[7], '  ✓ pass    scenario-029');
  assert.ok(rows[8].startsWith('── obsolete golden files (no scenario; d removes one, as --update-golden would) ──'));
  assert.ok(rows[8].length <= 100);
  assert.equal(rows.slice(9, 11), ['  ? obsolete golden/gone/old.trace', '› ? obsolete golden/gone/older.errors.txt']);
  assert.ok(frame.split('\n')[11].startsWith('32/32'));
  await press(stdin, KEY.enter, 'r', 'e');
  assert.equal(calls, { opened: [], accepted: [], reran: [], edited: [], removed: [], editing: [] });
  await press(stdin, 'd', KEY.up, 'a');
  assert.equal(calls.removed, ['golden/gone/older.errors.txt', 'golden/gone/old.trace']);
  assert.equal(calls.accepted, []);
  await press(stdin, KEY.end);
  await press(stdin, '/', 'e', 'r', 'r', 'o', 'r', 's');
  assert.ok(plain(lastFrame()).includes('› ? obsolete golden/gone/older.errors.txt'), 'the filter applies to them too');
});

list('e edits the highlighted scenario', async () => {
  const { stdin, lastFrame, calls } = renderList(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'e');
  assert.equal(calls.edited, ['errors/unknown-label']);
});

list.run();
