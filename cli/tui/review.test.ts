import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureResults, result } from './fixtures.js';
import { acceptAllCandidates, acceptedResult, needsAccept } from './review.js';

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
