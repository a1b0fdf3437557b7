import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { firstEventLine } from '../../src/trace/format-trace.js';
import { deviceHistory } from './device-history.js';
import { splitLines } from './display-text.js';
import { FAILING_TRACE, fixtureResults } from '../../test/support/tui-fixtures.js';

const history = suite('deviceHistory');

history('the trace lines of the events that name the device, in order', () => {
  const failing = fixtureResults()[1];
  const lines = splitLines(FAILING_TRACE);
  const first = firstEventLine(lines);
  const found = deviceHistory(lines, failing.run, 'dpu', first).map((line) => lines.indexOf(line) - (first ?? 0) + 1);
  assert.equal(found, [5, 8, 10, 11], 'events 5, 8, 10 and 11 name dpu');
  assert.equal(deviceHistory(lines, failing.run, 'nobody', first), []);
  assert.equal(deviceHistory(lines, null, 'dpu', first), [], 'no run, no events');
});

history.run();
