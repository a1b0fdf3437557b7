import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatDiagnostics } from './format-diagnostic.js';

const Format = suite('formatDiagnostics');

const d = (start: number, end: number, code: Diagnostic['code'] = 'unknown-key', severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  code,
  severity,
  message: 'the message',
  file: 'scenarios/invalid/x.yaml',
  range: { start, end },
});

Format('prints file:line:col, the source line and a caret under the range', () => {
  const source = 'description: d\nnodes:\n  dpu:\n    iommu: [smmu]\n';
  const start = source.indexOf('iommu');
  assert.is(
    formatDiagnostics([d(start, start + 5)], source),
    'scenarios/invalid/x.yaml:4:5: error unknown-key: the message\n      iommu: [smmu]\n      ^~~~~\n',
  );
});

Format('separates diagnostics by a blank line and prints warnings as warnings', () => {
  const source = 'a: 1\nb: 2\n';
  assert.is(
    formatDiagnostics([d(0, 1), d(5, 6, 'unmatched-driver', 'warning')], source),
    'scenarios/invalid/x.yaml:1:1: error unknown-key: the message\n  a: 1\n  ^\n\nscenarios/invalid/x.yaml:2:1: warning unmatched-driver: the message\n  b: 2\n  ^\n',
  );
});

Format('an empty range gets one caret; a multi-line range stops at the line end', () => {
  const source = 'key:\n  a: 1\n';
  assert.is(formatDiagnostics([d(0, 0)], source), 'scenarios/invalid/x.yaml:1:1: error unknown-key: the message\n  key:\n  ^\n');
  assert.is(formatDiagnostics([d(0, source.length)], source), 'scenarios/invalid/x.yaml:1:1: error unknown-key: the message\n  key:\n  ^~~~\n');
});

Format('drops the CR of CRLF lines and the BOM, keeping the caret aligned', () => {
  const source = '\uFEFFab: 1\r\ncd: 2\r\n';
  assert.is(formatDiagnostics([d(1, 3)], source), 'scenarios/invalid/x.yaml:1:1: error unknown-key: the message\n  ab: 1\n  ^~\n');
  assert.is(formatDiagnostics([d(8, 10)], source), 'scenarios/invalid/x.yaml:2:1: error unknown-key: the message\n  cd: 2\n  ^~\n');
});

Format('copies tabs into the caret padding', () => {
  const source = 'a: {b:\t5}\n';
  assert.is(formatDiagnostics([d(7, 8)], source), 'scenarios/invalid/x.yaml:1:8: error unknown-key: the message\n  a: {b:\t5}\n        \t^\n');
});

Format('a diagnostic without a place, or without source, prints only its first line', () => {
  const noRange: Diagnostic = { code: 'io', severity: 'error', message: 'cannot read', file: 'a.yaml' };
  assert.is(formatDiagnostics([noRange], 'x'), 'a.yaml: error io: cannot read\n');
  assert.is(formatDiagnostics([d(0, 1)], null), 'scenarios/invalid/x.yaml: error unknown-key: the message\n');
});

Format('no diagnostics, no text; a range at the very end still prints', () => {
  assert.is(formatDiagnostics([], 'a'), '');
  assert.is(formatDiagnostics([d(3, 3)], 'a: '), 'scenarios/invalid/x.yaml:1:4: error unknown-key: the message\n  a: \n     ^\n');
});

Format.run();
