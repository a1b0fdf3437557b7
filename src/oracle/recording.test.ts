/** keepCommittedTimes: a re-recording keeps a committed bind time within the guest clock's jitter, and nothing else. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BOUND_TIME_JITTER, keepCommittedTimes, type RecordedNode, type Recording } from './recording.js';

const node = (bound_time: number | null, state: RecordedNode['state'] = 'bound'): RecordedNode => ({ path: '/a', state, driver: 'd', error: null, dma: 'direct', attempts: 1, bind_order: 1, bound_time });
const recording = (nodes: Record<string, RecordedNode>): Recording => ({ version: 1, scenario: 's', kernel: '6.12.117', nodes, no_device: [], unmapped: [] });

test('a time within the jitter keeps the committed value; a time that really moved, a new node and the other fields come through', () => {
  const committed = recording({ a: node(1.000987), b: node(1.0), c: node(-0.003238) });
  const fresh = recording({ a: node(1.000985), b: node(1.2), c: node(-0.003237 - BOUND_TIME_JITTER * 2), d: node(2.5), e: node(null, 'pending') });
  const kept = keepCommittedTimes(fresh, committed);
  assert.equal(
    Object.fromEntries(Object.entries(kept.nodes).map(([label, n]) => [label, n.bound_time])),
    { a: 1.000987, b: 1.2, c: -0.003237 - BOUND_TIME_JITTER * 2, d: 2.5, e: null },
  );
  assert.is(kept.nodes.e?.state, 'pending');
});

test('a node whose state changed is not hidden: only bound_time is ever kept', () => {
  const kept = keepCommittedTimes(recording({ a: { ...node(1.000001), state: 'pending', bind_order: null } }), recording({ a: node(1.0) }));
  assert.equal(kept.nodes.a, { ...node(1.0), state: 'pending', bind_order: null });
});

test('with no committed recording the fresh one is written as it is', () => {
  const fresh = recording({ a: node(1.000001) });
  assert.is(keepCommittedTimes(fresh, null), fresh);
});

test.run();
