import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from 'ink-testing-library';
import type { ScenarioResult } from '../../src/model/result.js';
import { fixtureResults } from '../../test/support/tui-fixtures.js';
import { ScenarioView } from './ScenarioView.js';
import { KEY, plain, press, renderKeyed, waitForText } from '../../test/support/screen-test.js';

const [passing, failing, fresh, invalid] = fixtureResults();

function renderView(result: ScenarioResult, options: { height?: number; explain?: (device: string) => string } = {}) {
  const calls = { back: 0 };
  const instance = renderKeyed(
    <ScenarioView
      result={result}
      active
      visible
      width={100}
      height={options.height ?? 20}
      explain={options.explain}
      onBack={() => (calls.back += 1)}
    />,
  );
  return { ...instance, calls };
}

const lines = (frame: string) => frame.split('\n');
const cursorLine = (frame: string) => lines(frame).find((line) => line.startsWith('›')) ?? '';

// ---------------------------------------------------------------------------------------------
const tabs = suite('ScenarioView: tabs');
tabs.after.each(() => cleanup());

tabs('opens on Trace, a failing scenario on Diff (Source for a scenario that did not run, even one whose errors golden passes), with the id, badge and description on top', async () => {
  const first = renderView(failing);
  const frame = await waitForText(first.lastFrame, '[2 Diff]');
  assert.is(lines(frame)[0], '‹ Esc  iommu/case-3b-iommu-deferred  ✗ fail     scenarios/iommu/case-3b-iommu-deferred.yaml');
  assert.is(lines(frame)[1], ' 1 Trace  [2 Diff]  3 Devices   4 Source   5 Why');
  cleanup();
  const third = renderView(passing);
  await waitForText(third.lastFrame, '[1 Trace]');
  cleanup();
  const second = renderView({ ...invalid, status: 'pass' });
  await waitForText(second.lastFrame, '[4 Source]');
});

tabs('1–5 pick a tab, Tab and Shift+Tab cycle, Esc goes back', async () => {
  const { stdin, lastFrame, calls } = renderView(failing);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  for (const [key, title] of [['2', '[2 Diff]'], ['3', '[3 Devices]'], ['4', '[4 Source]'], ['5', '[5 Why]'], ['1', '[1 Trace]']]) {
    await press(stdin, key);
    assert.ok(plain(lastFrame()).includes(title), title);
  }
  await press(stdin, KEY.tab, KEY.tab);
  assert.ok(plain(lastFrame()).includes('[3 Devices]'));
  await press(stdin, KEY.shiftTab, KEY.shiftTab, KEY.shiftTab);
  assert.ok(plain(lastFrame()).includes('[5 Why]'), 'Shift+Tab wraps around');
  await press(stdin, KEY.escape);
  assert.is(calls.back, 1);
});

tabs('each tab keeps its position when you switch away and back', async () => {
  const { stdin, lastFrame } = renderView(failing);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  await press(stdin, KEY.end, '3', '1');
  assert.ok(cursorLine(plain(lastFrame())).includes('dpu_pd'));
});

// ---------------------------------------------------------------------------------------------
const trace = suite('ScenarioView: Trace');
trace.after.each(() => cleanup());

trace('n and N jump between deferrals, failures, warnings and pending devices, wrapping around', async () => {
  const { stdin, lastFrame } = renderView(failing);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  const expected = [
    '[    0.000000] smmu: probe arm-smmu: deferred',
    '[    0.000000] dpu: probe acme-dpu: deferred',
    '[    0.000000] smmu: probe arm-smmu (deferred retry): failed',
    '[    0.000000] dpu: probe acme-dpu (deferred retry): deferred',
    '[   10.000000] - deferred probe timeout expired',
    '[   10.000000] dpu: warning',
    '[   10.000000] dsi0: deferred probe pending',
    'smmu: failed -5',
    'dsi0: pending',
    'dpu_pd: pending',
  ];
  for (const [index, text] of expected.entries()) {
    await press(stdin, 'n');
    const frame = plain(lastFrame());
    assert.ok(cursorLine(frame).startsWith(`›●${text}`), `jump ${index + 1}: ${cursorLine(frame)}`);
    assert.ok(frame.includes(`deferral/failure ${index + 1}/10`));
  }
  await press(stdin, 'n');
  assert.ok(cursorLine(plain(lastFrame())).startsWith(`›●${expected[0]}`), 'n wraps to the first');
  await press(stdin, 'N');
  assert.ok(cursorLine(plain(lastFrame())).startsWith(`›●${expected[9]}`), 'N wraps to the last');
  await press(stdin, 'N');
  assert.ok(cursorLine(plain(lastFrame())).startsWith(`›●${expected[8]}`));
});

trace('bound probes are not stops, even on a deferred retry', async () => {
  const { stdin, lastFrame } = renderView(failing);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  await press(stdin, 'G');
  const frame = plain(lastFrame());
  const bound = lines(frame).find((line) => line.includes('[   10.000000] dpu: probe acme-dpu (deferred retry): bound'));
  assert.ok(bound !== undefined && !bound.includes('●'), 'no ● on a bound retry');
});

trace('long lines are truncated with an ellipsis, never wrapped', async () => {
  const { stdin, lastFrame } = renderView(failing, { height: 40 });
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  const frame = await waitForText(lastFrame, '[1 Trace]');
  const long = lines(frame).find((line) => line.includes('dpu: probe acme-dpu (deferred retry): bound, and'))!;
  assert.is(long.length, 100);
  assert.ok(long.endsWith('…'));
  assert.is(lines(frame).length, 40);
});

trace('the window scrolls with the cursor and the footer shows the line', async () => {
  const { stdin, lastFrame } = renderView(failing, { height: 10 });
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  assert.ok(lines(plain(lastFrame()))[9].startsWith('line 1/25'));
  await press(stdin, KEY.pageDown, KEY.pageDown);
  let frame = plain(lastFrame());
  assert.ok(lines(frame)[9].startsWith('line 13/25'));
  assert.ok(cursorLine(frame).includes('[    0.000000] dpu: probe acme-dpu (deferred retry)'));
  await press(stdin, KEY.end);
  frame = plain(lastFrame());
  assert.ok(lines(frame)[9].startsWith('line 25/25'));
  assert.is(lines(frame).length, 10);
  await press(stdin, KEY.home, KEY.up);
  assert.ok(lines(plain(lastFrame()))[9].startsWith('line 1/25'));
});

// ---------------------------------------------------------------------------------------------
const diff = suite('ScenarioView: Diff');
diff.after.each(() => cleanup());

diff('golden vs actual in hunks with context, and [ ] move between hunks', async () => {
  const { stdin, lastFrame } = renderView(failing, { height: 30 });
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  await press(stdin, '2');
  const frame = plain(lastFrame());
  assert.equal(lines(frame).slice(2, 21), [
    'golden/iommu/case-3b-iommu-deferred.trace → actual: +2 −2 in 2 hunks',
    '›@@ -9,7 +9,7 @@',
    '  [    0.000000] pd_disp: probe acme-pd: bound',
    '  [    0.000000] dpu: probe acme-dpu: deferred: IOMMU smmu declared but not registered [K5.5] -> pe…',
    '  [    0.000000] - late_initcall: deferred_probe_initcall, pass 1 [K4.3]',
    ' -[    0.000000] smmu: probe arm-smmu (deferred retry): bound',
    ' +[    0.000000] smmu: probe arm-smmu (deferred retry): failed: "probe with driver arm-smmu failed …',
    '  [    0.000000] dpu: probe acme-dpu (deferred retry): deferred: IOMMU smmu declared but not regist…',
    '  [   10.000000] - deferred probe timeout expired [K9.3]',
    '  [   10.000000] dpu: warning: deferred probe timeout, ignoring dependency [K5.5]',
    ' @@ -19,7 +19,7 @@',
    '  final state:',
    '  cmu: early driver=acme-cmu dma=- attempts=0',
    '  pd_disp: bound driver=acme-pd dma=- attempts=1',
    ' -smmu: bound driver=arm-smmu dma=- attempts=2',
    ' +smmu: failed -5 driver=arm-smmu dma=- attempts=2 note=probe() returned -EIO [K3.4]',
    '  dpu: bound driver=acme-dpu dma=direct attempts=3',
    '  dsi0: pending driver=acme-dsi dma=- attempts=4 note=waiting: supplier dpu_pd [K3.1]',
    '  dpu_pd: pending driver=acme-pd dma=- attempts=2 note=waiting: clocks provider smmu [K7.1]',
  ]);
  assert.ok(lines(frame)[29].startsWith('hunk 1/2'));
  await press(stdin, ']');
  assert.is(cursorLine(plain(lastFrame())), '›@@ -19,7 +19,7 @@');
  assert.ok(lines(plain(lastFrame()))[29].startsWith('hunk 2/2'));
  await press(stdin, ']');
  assert.is(cursorLine(plain(lastFrame())), '›@@ -19,7 +19,7 @@', '] stays on the last hunk');
  await press(stdin, '[');
  assert.is(cursorLine(plain(lastFrame())), '›@@ -9,7 +9,7 @@');
});

diff('without a golden file every line is new, and the summary says what a writes', async () => {
  const { stdin, lastFrame } = renderView(fresh);
  await waitForText(lastFrame, '[1 Trace]');
  await press(stdin, '2');
  const frame = plain(lastFrame());
  assert.ok(frame.includes('No golden file yet: a writes golden/iommu/case-3c-new.trace. Every line is new.'));
  assert.ok(frame.includes(' +# probe-run trace v2'));
  assert.not.ok(lines(frame).some((line) => line.startsWith(' -')), 'nothing removed');
});

diff('a matching trace says so, and failed expects are listed (a failed expect opens on Diff too)', async () => {
  const expecting = { ...passing, status: 'fail' as const, expectFailures: [{ node: 'uart', field: 'dma', expected: 'iommu', actual: 'direct' }] };
  const { lastFrame } = renderView(expecting);
  const frame = await waitForText(lastFrame, '[2 Diff]');
  assert.ok(frame.includes('The actual trace matches golden/cases/case-1-no-iommu.trace.'));
  assert.ok(frame.includes('expect failed: uart.dma should be iommu, is direct'));
  assert.ok(frame.includes('hunk 0/0'));
});

// ---------------------------------------------------------------------------------------------
const devices = suite('ScenarioView: Devices and Why');
devices.after.each(() => cleanup());

devices('the final-state table with state, driver, DMA, attempts and what a device waits for', async () => {
  const { stdin, lastFrame } = renderView(failing);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  await press(stdin, '3');
  const frame = plain(lastFrame());
  assert.equal(lines(frame).slice(2, 9), [
    '  device   state        driver    dma     tries  waiting for / error',
    '› cmu      early        acme-cmu  -       0',
    '  pd_disp  bound        acme-pd   -       1',
    '  smmu     failed -EIO  arm-smmu  -       2',
    '  dpu      bound        acme-dpu  direct  3',
    '  dsi0     pending      acme-dsi  -       4      supplier dpu_pd',
    '  dpu_pd   pending      acme-pd   -       2      clocks provider smmu',
  ]);
  assert.ok(lines(frame)[19].startsWith('1/6'));
});

devices('Enter on a device opens Why with a tree that follows the causes; Esc goes back to Devices', async () => {
  const { stdin, lastFrame, calls } = renderView(failing);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  await press(stdin, '3', 'j', 'j', 'j', 'j', KEY.enter);
  const frame = plain(lastFrame());
  assert.ok(frame.includes('[5 Why]'));
  assert.equal(lines(frame).slice(2, 12), [
    'Why is dsi0 pending?',
    'dsi0  pending · acme-dsi · 4 attempts · waiting for supplier dpu_pd',
    '└─ supplier dpu_pd not ready [K3.1]',
    '   dpu_pd  pending · acme-pd · 2 attempts · waiting for clocks provider smmu',
    '   └─ clock provider smmu not registered [K7.1]',
    '      smmu  failed -EIO · arm-smmu · 2 attempts',
    '      └─ probe() returned -EIO (injected) [K3.4]',
    '',
    'What happened to dsi0 (1 event in the trace):',
    '  [   10.000000] dsi0: deferred probe pending: supplier dpu_pd not ready [K9.3]',
  ]);
  await press(stdin, KEY.escape);
  assert.ok(plain(lastFrame()).includes('[3 Devices]'));
  assert.ok(cursorLine(plain(lastFrame())).startsWith('› dsi0'), 'the cursor is where it was');
  assert.is(calls.back, 0);
  await press(stdin, KEY.escape);
  assert.is(calls.back, 1);
});

devices('5 opens Why on the first device that did not bind; ← → step through devices', async () => {
  const { stdin, lastFrame } = renderView(failing);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  await press(stdin, '5');
  assert.ok(plain(lastFrame()).includes('Why is smmu failed?'), 'early and bound devices are skipped');
  assert.ok(plain(lastFrame()).includes('device 3/6'));
  await press(stdin, KEY.right);
  const frame = plain(lastFrame());
  assert.ok(frame.includes('Why is dpu bound?'));
  assert.ok(frame.includes('└─ deferred before binding: IOMMU smmu not registered [K5.5]'));
  await press(stdin, KEY.left, KEY.left);
  assert.ok(plain(lastFrame()).includes('Why is pd_disp bound?'));
  await press(stdin, KEY.escape);
});

devices('the explain function, when given, replaces the compact tree', async () => {
  const { stdin, lastFrame } = renderView(failing, { explain: (device) => `explain ${device}\n  because of reasons` });
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, '1');
  await waitForText(lastFrame, '[1 Trace]');
  await press(stdin, '5');
  const frame = plain(lastFrame());
  assert.ok(frame.includes('explain smmu\n  because of reasons'));
});

devices('an invalid scenario has no devices and says where to look', async () => {
  const { stdin, lastFrame } = renderView(invalid);
  await waitForText(lastFrame, '[4 Source]');
  await press(stdin, '3');
  assert.ok(plain(lastFrame()).includes('No devices: the scenario did not run (see the Source tab for its diagnostics).'));
  await press(stdin, '5');
  assert.ok(plain(lastFrame()).includes('No devices to explain: the scenario did not run.'));
});

// ---------------------------------------------------------------------------------------------
const source = suite('ScenarioView: Source');
source.after.each(() => cleanup());

source('numbered YAML with each diagnostic marked at its line and a caret under its place', async () => {
  const { lastFrame } = renderView(invalid);
  const frame = await waitForText(lastFrame, '[4 Source]');
  assert.equal(lines(frame).slice(2, 14), [
    '› 1 │ # yaml-language-server: $schema=../../schema/scenario.schema.json',
    '  2 │ description: A reference to a label that does not exist.',
    '  3 │ nodes:',
    '  4 │   dpu:',
    '  5 │     compatible: [acme,dpu]',
    ' E6 │     clocks: [cmu 7]',
    '                  ^^^^^ error unknown-label: unknown label "cmu" in clocks',
    '  7 │ drivers:',
    '  8 │   acme-dpu: { compatible: [acme,dpu] }',
    ' W9 │   acme-gpu: { compatible: [acme,gpu] }',
    '       ^^^^^^^^ warning unmatched-driver: driver acme-gpu matches no node',
    '',
  ]);
  assert.ok(lines(frame)[19].startsWith('row 1/11  1 error, 1 warning'));
});

source('n and N jump between diagnostics', async () => {
  const { stdin, lastFrame } = renderView(invalid);
  await waitForText(lastFrame, '[4 Source]');
  await press(stdin, 'n');
  assert.ok(cursorLine(plain(lastFrame())).includes('error unknown-label'));
  await press(stdin, 'n');
  assert.ok(cursorLine(plain(lastFrame())).includes('warning unmatched-driver'));
  await press(stdin, 'N');
  assert.ok(cursorLine(plain(lastFrame())).includes('error unknown-label'));
});

tabs.run();
trace.run();
diff.run();
devices.run();
source.run();
