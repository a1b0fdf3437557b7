import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Scenario } from '../../src/model/scenario.js';
import { editLine } from './edit-line.js';
import { fixtureResults, result } from '../../test/support/tui-fixtures.js';

const test = suite('editLine');

test('an invalid scenario opens at its first diagnostic', () => {
  const invalid = fixtureResults()[3];
  assert.is(editLine(invalid), 6);
});

test('a failing trace opens at the node of the device whose line differs first (found from the run, not the text)', () => {
  const failing = fixtureResults()[1];
  const source = 'description: x\nnodes:\n  pd_disp: {}\n  smmu:\n    compatible: [arm,mmu-500]\n';
  const start = source.indexOf('smmu:');
  const scenario = { nodes: [{ label: 'pd_disp', range: { start: source.indexOf('pd_disp'), end: 0 } }, { label: 'smmu', range: { start, end: start + 4 } }] } as unknown as Scenario;
  assert.is(editLine({ ...failing, source, scenario }), 4);
});

test('a new scenario, a passing one, or a difference in the header opens at line 1', () => {
  assert.is(editLine(fixtureResults()[2]), 1);
  assert.is(editLine(fixtureResults()[0]), 1);
  const header = result('a/b', { golden: '# probe-run trace v2\n# scenario: a/b\n', actual: '# probe-run trace v2\n# scenario: a/c\n' });
  assert.is(editLine(header), 1);
});

test.run();
