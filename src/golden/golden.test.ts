import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { result } from '../../test/support/report-fixtures.js';
import { compareGolden, formatGoldenPatch } from './compare-golden.js';
import { findObsolete } from './find-obsolete.js';
import { actualRootOf, defaultGoldenRootOf, goldenIdOf, joinPath } from './golden-paths.js';
import { acceptedResult, planAccept } from './plan-accept.js';

const compare = suite('compareGolden');

compare('equal texts have no diff', () => {
  assert.is(compareGolden('a\nb\n', 'a\nb\n', 'g', 'a'), null);
});

compare('a changed line gives a unified diff with 3 lines of context and file headers', () => {
  const golden = ['1', '2', '3', '4', '5', '6', '7', '8', '9', ''].join('\n');
  const actual = golden.replace('5', 'five');
  const patch = compareGolden(golden, actual, 'golden/x.trace', '.probe-run/actual/x.trace');
  assert.equal([patch?.oldFileName, patch?.newFileName, patch?.hunks.length], ['golden/x.trace', '.probe-run/actual/x.trace', 1]);
  assert.is(patch === null ? '' : formatGoldenPatch(patch), '--- golden/x.trace\n+++ .probe-run/actual/x.trace\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
});

compare('a missing final newline shows up in the diff', () => {
  const noNewline = compareGolden('a\n', 'a', 'g', 'a');
  assert.match(noNewline === null ? '' : formatGoldenPatch(noNewline), /\\ No newline at end of file/);
});

compare('CRLF goldens differ from LF traces', () => {
  assert.ok(compareGolden('a\r\n', 'a\n', 'g', 'a') !== null);
});

compare.run();

const accept = suite('planAccept');

accept('pass and expect-only failures have nothing to write', () => {
  assert.is(planAccept(result({})), null);
  assert.is(planAccept(result({ status: 'fail', expectFailures: [{ node: 'd', field: 'state', expected: 'bound', actual: 'pending' }] })), null);
});

accept('new and changed traces are written to the golden path', () => {
  assert.equal(planAccept(result({ status: 'new', golden: null, actual: 'x\n' })), { path: 'golden/a/pass.trace', text: 'x\n', change: 'new' });
  assert.equal(planAccept(result({ status: 'fail', golden: 'old\n', actual: 'x\n', diff: compareGolden('old\n', 'x\n', 'g', 'a') })), { path: 'golden/a/pass.trace', text: 'x\n', change: 'changed' });
});

accept('an invalid scenario gets an errors golden only under invalid/', () => {
  const invalid = { status: 'invalid' as const, golden: null, actual: 'diag\n', run: null };
  assert.equal(planAccept(result({ ...invalid, id: 'invalid/typo', goldenPath: 'golden/invalid/typo.errors.txt' })), { path: 'golden/invalid/typo.errors.txt', text: 'diag\n', change: 'new' });
  assert.ok('refused' in (planAccept(result({ ...invalid, id: 'boards/m1' })) ?? {}));
  assert.ok('refused' in (planAccept(result({ ...invalid, id: 'not-invalid/x' })) ?? {}));
});

accept('an internal error is never accepted', () => {
  assert.ok('refused' in (planAccept(result({ status: 'error' })) ?? {}));
});

accept('acceptedResult passes unless an expect failed', () => {
  assert.is(acceptedResult(result({ status: 'new', golden: null })).status, 'pass');
  const failing = result({ status: 'fail', golden: 'o\n', actual: 'n\n', diff: compareGolden('o\n', 'n\n', 'g', 'a'), expectFailures: [{ node: 'd', field: 'dma', expected: 'iommu', actual: 'direct' }] });
  const accepted = acceptedResult(failing);
  assert.is(accepted.status, 'fail');
  assert.is(accepted.golden, 'n\n');
  assert.is(accepted.diff, null);
});

accept.run();

const obsolete = suite('findObsolete');

obsolete('goldens without a scenario, and errors goldens of valid scenarios, are obsolete', () => {
  const files = ['a/one.trace', 'a/one.errors.txt', 'b/bad.errors.txt', 'b/bad.trace', 'gone.trace', 'README.md'];
  const known = [
    { id: 'a/one', valid: true },
    { id: 'b/bad', valid: false },
  ];
  assert.equal(findObsolete('golden', files, known), ['golden/a/one.errors.txt', 'golden/gone.trace']);
});

obsolete.run();

const paths = suite('golden paths');

paths('golden and actual roots sit beside the scenario root', () => {
  assert.is(defaultGoldenRootOf('scenarios'), 'golden');
  assert.is(defaultGoldenRootOf('../corpus/scenarios'), '../corpus/golden');
  assert.is(actualRootOf('scenarios'), '.probe-run/actual');
  assert.is(actualRootOf('x/scenarios'), 'x/.probe-run/actual');
  assert.is(joinPath('golden', 'a/b'), 'golden/a/b');
  assert.is(joinPath('.', 'a'), 'a');
  assert.is(joinPath('/abs', 'a'), '/abs/a');
});

paths('goldenIdOf knows the two golden extensions', () => {
  assert.equal(goldenIdOf('a/b.trace'), { id: 'a/b', ext: '.trace' });
  assert.equal(goldenIdOf('a/b.errors.txt'), { id: 'a/b', ext: '.errors.txt' });
  assert.is(goldenIdOf('a/b.txt'), null);
});

paths.run();
