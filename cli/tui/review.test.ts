import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureResults, result } from '../../test/support/tui-fixtures.js';
import { acceptAllCandidates, acceptedResult, needsAccept, nextToReview } from './review.js';

const review = suite('review');

review('needsAccept: the actual differs from the golden, or there is none; never for an error', () => {
  const [passing, failing, fresh, invalid] = fixtureResults();
  assert.equal([passing, failing, fresh, invalid].map(needsAccept), [false, true, true, false]);
  assert.not.ok(needsAccept(result('x', { status: 'error', golden: null })));
});

review('accept all takes failing and new scenarios only', () => {
  const changedErrors = result('bad', { status: 'invalid', golden: 'old\n', actual: 'new\n' });
  assert.equal(acceptAllCandidates([...fixtureResults(), changedErrors]).map((entry) => entry.id), ['iommu/case-3b-iommu-deferred', 'iommu/case-3c-new']);
});

review('an accepted result passes unless an expect still fails', () => {
  const failing = fixtureResults()[1];
  assert.equal(
    (({ status, golden, diff }) => ({ status, golden, diff }))(acceptedResult(failing)),
    { status: 'pass', golden: failing.actual, diff: null },
  );
  const expecting = { ...failing, expectFailures: [{ node: 'dpu', field: 'state', expected: 'bound', actual: 'pending' }] };
  assert.is(acceptedResult(expecting).status, 'fail');
  assert.is(acceptedResult(result('bad', { status: 'invalid' })).status, 'invalid');
});

review.run();

const loop = suite('nextToReview');

loop('the next failing or new scenario in list order after the current one, wrapping round, skipped ones left out', () => {
  const results = [
    result('b/one', { status: 'fail', golden: 'old\n' }),
    result('a/two', { status: 'new', golden: null }),
    result('a/three'),
    result('c/four', { status: 'fail', golden: 'old\n' }),
  ];
  assert.is(nextToReview(results, 'a/two', new Set())?.id, 'b/one');
  assert.is(nextToReview(results, 'b/one', new Set())?.id, 'c/four');
  assert.is(nextToReview(results, 'c/four', new Set())?.id, 'a/two');
  assert.is(nextToReview(results, 'c/four', new Set(['a/two']))?.id, 'b/one');
  assert.is(nextToReview(results, 'c/four', new Set(['a/two', 'b/one'])), null);
});

loop('a failure of expect only (the golden matches) is not offered: accepting would write nothing', () => {
  const results = [result('a/x'), result('a/y', { status: 'fail' })];
  assert.is(nextToReview(results, 'a/x', new Set()), null);
});

loop.run();
