import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceHistory } from './device-history.js';
import { splitLines } from './display-text.js';
import { FAILING_TRACE, fixtureResults } from './fixtures.js';

const history = suite('deviceHistory');

history('the trace lines of the events that name the device, in order', () => {
  const failing = fixtureResults()[1];
  const seqs = deviceHistory(splitLines(FAILING_TRACE), failing.run, 'dpu').map((line) => line.trim().split(' ')[0]);
  assert.equal(seqs, ['5', '8', '10', '11']);
  assert.equal(deviceHistory(splitLines(FAILING_TRACE), failing.run, 'nobody'), []);
  assert.equal(deviceHistory(splitLines(FAILING_TRACE), null, 'dpu'), [], 'no run, no events');
});

history.run();
