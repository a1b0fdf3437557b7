import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeFakeIo } from '../test/support/fake-io.js';
import { globToRegExp, matchesFilters } from './filter-ids.js';
import { compareCodePoints, findScenarios, normalizePath, scenarioRootOf } from './find-scenarios.js';

const find = suite('findScenarios');

find('code-point order, not UTF-16 order nor locale order', () => {
  const names = ['b', 'B', '\uff5e', '\u{1f600}', 'a', 'a-b', 'a/b'];
  assert.equal([...names].sort(compareCodePoints), ['B', 'a', 'a-b', 'a/b', 'b', '\uff5e', '\u{1f600}']);
});

find('the scenario root is the nearest folder named scenarios', () => {
  assert.is(scenarioRootOf('scenarios', 'dir'), 'scenarios');
  assert.is(scenarioRootOf('scenarios/a/b', 'dir'), 'scenarios');
  assert.is(scenarioRootOf('scenarios/a/b.yaml', 'file'), 'scenarios');
  assert.is(scenarioRootOf('x/scenarios/scenarios.yaml', 'file'), 'x/scenarios');
  assert.is(scenarioRootOf('corpus', 'dir'), 'corpus');
  assert.is(scenarioRootOf('corpus/x.yaml', 'file'), 'corpus');
});

find('paths are made relative to cwd with /', () => {
  assert.is(normalizePath('./scenarios/', '/work'), 'scenarios');
  assert.is(normalizePath('/work/scenarios/a.yaml', '/work'), 'scenarios/a.yaml');
  assert.is(normalizePath('.', '/work'), '.');
  assert.is(normalizePath('../other', '/work'), '../other');
});

find('walks folders sorted, skips hidden entries, dedupes, notes roots walked whole', async () => {
  const io = makeFakeIo({ files: { 'scenarios/b.yaml': '', 'scenarios/a/z.yaml': '', 'scenarios/a/y.yaml': '', 'scenarios/.git/x.yaml': '', 'scenarios/c.yml': '' } });
  const found = await findScenarios(io.fs, ['scenarios', 'scenarios/b.yaml']);
  assert.equal(found, {
    ok: true,
    scenarios: [
      { file: 'scenarios/a/y.yaml', id: 'a/y', root: 'scenarios' },
      { file: 'scenarios/a/z.yaml', id: 'a/z', root: 'scenarios' },
      { file: 'scenarios/b.yaml', id: 'b', root: 'scenarios' },
    ],
    fullRoots: ['scenarios'],
  });
  const part = await findScenarios(io.fs, ['scenarios/a']);
  assert.equal(part.ok && part.fullRoots, []);
});

find.run();

const filter = suite('--filter matching');

filter('substrings anywhere in the id', () => {
  assert.ok(matchesFilters('cases/case-3b', ['3b']));
  assert.not.ok(matchesFilters('cases/case-3b', ['3c']));
  assert.ok(matchesFilters('anything', []));
});

filter('globs anchor on the whole id', () => {
  assert.ok(matchesFilters('cases/case-3b', ['cases/*']));
  assert.not.ok(matchesFilters('cases/deep/x', ['cases/*']));
  assert.ok(matchesFilters('cases/deep/x', ['cases/**']));
  assert.ok(matchesFilters('x', ['**/x']));
  assert.ok(matchesFilters('cases/case-3b', ['*/case-3?']));
  assert.ok(matchesFilters('cases/case-3b', ['*/case-3[abc]']));
  assert.not.ok(matchesFilters('cases/case-3d', ['*/case-3[!d]']));
  assert.ok(matchesFilters('a.b(c)', ['a.b(*)']));
  assert.not.ok(matchesFilters('axb', ['a.b*']));
  assert.is(globToRegExp('[z-a]'), null);
});

filter('globs as Jest reads them (picomatch): braces, ranges, negation, escapes', () => {
  assert.ok(matchesFilters('cases/case-2', ['cases/case-{1,2}']));
  assert.not.ok(matchesFilters('cases/case-3', ['cases/case-{1,2}']));
  assert.ok(matchesFilters('cases/case-3', ['cases/case-{1..3}']));
  assert.ok(matchesFilters('boards/x', ['!cases/**']));
  assert.not.ok(matchesFilters('cases/x', ['!cases/**']));
  assert.ok(matchesFilters('odd/a*b', ['odd/a\\*b']));
  assert.not.ok(matchesFilters('odd/axb', ['odd/a\\*b']));
  assert.ok(matchesFilters('odd/{x}', ['odd/\\{x\\}']));
  // A lone brace is no glob: a substring.
  assert.ok(matchesFilters('odd/{x', ['{x']));
});

filter.run();

const order = suite('walk order');

order('a board comes before its variants: files sort by id, not by file name', async () => {
  const io = makeFakeIo({ files: { 'scenarios/board-variant.yaml': '', 'scenarios/board.yaml': '', 'scenarios/board/x.yaml': '', 'scenarios/boa.yaml': '' } });
  const found = await findScenarios(io.fs, ['scenarios']);
  assert.equal(found.ok && found.scenarios.map((scenario) => scenario.id), ['boa', 'board', 'board/x', 'board-variant']);
});

order.run();

const locateBack = suite('locateResult');

locateBack('recovers the roots of a result from its file, id and golden path', async () => {
  const { locateResult } = await import('./run-scenarios.js');
  const { result } = await import('../test/support/report-fixtures.js');
  assert.equal(locateResult(result({ id: 'a/b', file: 'scenarios/a/b.yaml', goldenPath: 'golden-v4.12/a/b.errors.txt' })), {
    file: 'scenarios/a/b.yaml',
    id: 'a/b',
    root: 'scenarios',
    goldenRoot: 'golden-v4.12',
    goldenBase: 'golden-v4.12/a/b',
    actualBase: '.probe-run/actual/a/b',
  });
  assert.equal(locateResult(result({ id: 'x', file: 'x.yaml', goldenPath: '../golden/x.trace' })).root, '.');
});

locateBack('node_modules is never walked', async () => {
  const io = makeFakeIo({ files: { 'corpus/a.yaml': '', 'corpus/node_modules/p/x.yaml': '' } });
  const found = await findScenarios(io.fs, ['corpus']);
  assert.equal(found.ok && found.scenarios.map((scenario) => scenario.id), ['a']);
});

locateBack.run();
