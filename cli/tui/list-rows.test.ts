import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { result } from '../../test/support/tui-fixtures.js';
import { folderOf, listRows, matchesFilter, statusCounts } from './list-rows.js';

const rows = suite('listRows');

const results = [
  result('b/two'),
  result('a/one', { status: 'fail' }),
  result('top'),
  result('a/deep/three', { status: 'new' }),
  result('a/zero'),
];
const shape = (list: ReturnType<typeof listRows>) =>
  list.map((row) => (row.kind === 'folder' ? `${row.folder}/` : row.kind === 'divider' ? `-- ${row.text}` : row.kind === 'scenario' ? `  ${row.name}` : `  ? ${row.path}`));

rows('grouped by folder in sorted order, names without their folder, root scenarios under "."', () => {
  assert.equal(shape(listRows(results, '', false)), ['./', '  top', 'a/', '  one', '  zero', 'a/deep/', '  three', 'b/', '  two']);
});

rows('failures first: every scenario not passing, by folder, then a divider and the rest', () => {
  assert.equal(shape(listRows(results, '', true)), ['a/', '  one', 'a/deep/', '  three', '-- passing', './', '  top', 'a/', '  zero', 'b/', '  two']);
  assert.equal(shape(listRows([result('x/y')], '', true)), ['x/', '  y'], 'no divider when nothing fails');
});

rows('the filter keeps scenarios whose id or status holds every word; obsolete goldens come last', () => {
  assert.equal(shape(listRows(results, 'A/ fail', false)), ['a/', '  one']);
  assert.equal(shape(listRows(results, 'zzz', false, ['golden/zzz.trace'])), [
    '-- obsolete golden files (no scenario; d removes one, as --update-golden would)',
    '  ? golden/zzz.trace',
  ]);
  assert.ok(matchesFilter(result('a/b', { status: 'new' }), ' new  a/ '));
  assert.not.ok(matchesFilter(result('a/b'), 'new'));
});

rows('folderOf and statusCounts', () => {
  assert.is(folderOf('a/b/c'), 'a/b');
  assert.is(folderOf('c'), '.');
  assert.equal(statusCounts(results), { pass: 3, fail: 1, new: 1, invalid: 0, error: 0 });
});

rows.run();
