import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { splitLines } from './display-text.js';
import { FAILING_TRACE, fixtureResults } from './fixtures.js';
import { isNotableTraceLine, traceMarks } from './trace-marks.js';

const marks = suite('traceMarks');

marks('with events: deferrals, failures, warnings, the timeout and pending reports, then unbound devices in the table', () => {
  const failing = fixtureResults()[1];
  const lines = splitLines(FAILING_TRACE);
  const words = (line: string) => line.replace(/\[\s+[\d.]+\]/, '[t]').trim().split(/\s+/).slice(0, 3).join(' ');
  const found = traceMarks(lines, failing.run).map((mark) => `${mark.severity} ${words(lines[mark.line])}`);
  assert.equal(found, [
    'notice 3 [t] smmu',
    'notice 5 [t] dpu',
    'failure 7 [t] smmu',
    'notice 8 [t] dpu',
    'notice 9 [t] -',
    'notice 10 [t] dpu',
    'notice 12 [t] dsi0',
    'failure smmu failed -5',
    'notice dsi0 pending acme-dsi',
    'notice dpu_pd pending acme-pd',
  ]);
});

marks('without events (an invalid scenario), the words decide and header lines never count', () => {
  const lines = ['# deferred_probe_timeout=10 failed', 'x.yaml:1:1: error bad-value: nope', 'all fine', 'x.yaml:2:1: warning unmatched-driver: d', 'waits: -EPROBE_DEFER deferred'];
  assert.equal(traceMarks(lines, null), [
    { line: 1, severity: 'failure' },
    { line: 3, severity: 'notice' },
    { line: 4, severity: 'notice' },
  ]);
  assert.not.ok(isNotableTraceLine('late_initcall: deferred_probe_initcall, pass 1'), 'an identifier is not the word');
});

marks.run();
