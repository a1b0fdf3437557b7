import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { splitLines } from './display-text.js';
import { FAILING_TRACE, fixtureResults } from '../../test/support/tui-fixtures.js';
import { firstEventLine } from '../../src/trace/format-trace.js';
import { isNotableTraceLine, traceMarks } from './trace-marks.js';

const marks = suite('traceMarks');

marks('with events: deferrals, failures, warnings, the timeout and pending reports, then unbound devices in the table', () => {
  const failing = fixtureResults()[1];
  const lines = splitLines(FAILING_TRACE);
  const first = firstEventLine(lines) as number;
  const words = (line: string) => line.replace(/\[\s+[\d.]+\] /, '').split(/\s+/).slice(0, 3).join(' ');
  const found = traceMarks(lines, failing.run, first).map((mark) => `${mark.severity} ${mark.line < first + 12 ? `event ${mark.line - first + 1}` : 'row'} ${words(lines[mark.line])}`);
  assert.equal(found, [
    'notice event 3 smmu: probe arm-smmu:',
    'notice event 5 dpu: probe acme-dpu:',
    'failure event 7 smmu: probe arm-smmu',
    'notice event 8 dpu: probe acme-dpu',
    'notice event 9 - deferred probe',
    'notice event 10 dpu: warning: deferred',
    'notice event 12 dsi0: deferred probe',
    'failure row smmu: failed -5',
    'notice row dsi0: pending driver=acme-dsi',
    'notice row dpu_pd: pending driver=acme-pd',
  ]);
});

marks('without events (an invalid scenario), the words decide and header lines never count', () => {
  const lines = ['# deferred_probe_timeout=10 failed', 'x.yaml:1:1: error bad-value: nope', 'all fine', 'x.yaml:2:1: warning unmatched-driver: d', 'waits: -EPROBE_DEFER deferred'];
  assert.equal(traceMarks(lines, null, null), [
    { line: 1, severity: 'failure' },
    { line: 3, severity: 'notice' },
    { line: 4, severity: 'notice' },
  ]);
  assert.not.ok(isNotableTraceLine('late_initcall: deferred_probe_initcall, pass 1'), 'an identifier is not the word');
});

marks.run();
