import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { sourceRows } from './source-rows.js';

const source = suite('sourceRows');

const diagnostic = (start: number, end: number, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  code: 'bad-value',
  severity,
  message: 'nope',
  file: 'x.yaml',
  range: { start, end },
});

source('each diagnostic goes under its line with a caret as wide as its range; the line is marked', () => {
  const text = 'a: 1\nb: [x, y]\nc: 3\n';
  const view = sourceRows(text, [diagnostic(9, 10), diagnostic(12, 13, 'warning')]);
  assert.equal(view.rows, [
    { kind: 'code', line: 1, text: 'a: 1', severity: null },
    { kind: 'code', line: 2, text: 'b: [x, y]', severity: 'error' },
    { kind: 'diagnostic', severity: 'error', text: '    ^ error bad-value: nope' },
    { kind: 'diagnostic', severity: 'warning', text: '       ^ warning bad-value: nope' },
    { kind: 'code', line: 3, text: 'c: 3', severity: null },
  ]);
  assert.equal(view.diagnosticRows, [2, 3]);
});

source('diagnostics without a place come first; one at the very end still gets its line', () => {
  const view = sourceRows('a: [\n', [{ code: 'io', severity: 'error', message: 'gone', file: 'x.yaml' }, diagnostic(5, 5)]);
  assert.equal(view.rows[0], { kind: 'diagnostic', severity: 'error', text: 'error io: gone' });
  assert.equal(view.rows.at(-1), { kind: 'diagnostic', severity: 'error', text: '^ error bad-value: nope' });
  assert.equal(view.rows.at(-2), { kind: 'code', line: 2, text: '', severity: 'error' });
});

source('tabs are expanded and the caret follows them; CRLF sources keep their lines', () => {
  const view = sourceRows('a:\r\n\tb: x\r\n', [diagnostic(8, 9)]);
  assert.equal(view.rows[1], { kind: 'code', line: 2, text: '        b: x', severity: 'error' });
  assert.equal(view.rows[2], { kind: 'diagnostic', severity: 'error', text: '           ^ error bad-value: nope' });
});

source.run();
