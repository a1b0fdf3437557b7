import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatJson } from './format-json.js';
import { mixedReport } from '../../test/support/report-fixtures.js';

const test = suite('formatJson');

type Json = Record<string, any>;
const parsed = (): Json => JSON.parse(formatJson(mixedReport())) as Json;

test('the document is version 1 with results and summary, and ends with a newline', () => {
  const text = formatJson(mixedReport());
  assert.ok(text.endsWith('}\n'));
  const document = parsed();
  assert.equal(Object.keys(document), ['version', 'results', 'summary']);
  assert.is(document.version, 1);
  assert.is(document.results.length, 5);
});

test('each result has the SPEC fields id, file, status, diagnostics, outcome, diff (plus golden and expect_failures)', () => {
  for (const entry of parsed().results as Json[]) {
    assert.equal(Object.keys(entry), ['id', 'file', 'status', 'diagnostics', 'outcome', 'diff', 'golden', 'expect_failures']);
  }
  const [pass, fail, fresh, invalid, error] = parsed().results as Json[];
  assert.equal([pass.status, fail.status, fresh.status, invalid.status, error.status], ['pass', 'fail', 'new', 'invalid', 'error']);
  assert.is(pass.id, 'a/pass');
  assert.is(pass.file, 'scenarios/a/pass.yaml');
  assert.is(pass.diff, null);
  assert.is(pass.golden, 'golden/a/pass.trace');
  assert.is(fail.diff, '--- golden/a/fail.trace\n+++ .probe-run/actual/a/fail.trace\n@@ -1,1 +1,1 @@\n-old\n+new <&>\n');
  assert.equal(fail.expect_failures, [{ node: 'dpu', field: 'dma', expected: 'iommu', actual: 'direct' }]);
});

test('outcome.devices carry exactly the SPEC device fields, outcome.warnings the kernel warnings', () => {
  const [pass] = parsed().results as Json[];
  assert.equal(pass.outcome, {
    devices: [
      { name: 'dpu', state: 'bound', driver: 'acme-dpu', dma: 'iommu', iommus: ['smmu'], attempts: 2, bound_seq: 7, bound_time: 4.5, error: null, waiting_for: null },
    ],
    warnings: ['dpu: deferred probe timeout, ignoring dependency'],
  });
});

test('an invalid scenario has outcome null and diagnostics with 1-based line and column', () => {
  const invalid = (parsed().results as Json[])[3];
  assert.is(invalid.outcome, null);
  assert.equal(invalid.diagnostics, [
    { code: 'unknown-key', severity: 'error', message: 'unknown key "iommu"; did you mean "iommus"?', file: 'scenarios/invalid/typo.yaml', line: 3, column: 5, end_line: 3, end_column: 10 },
  ]);
});

test('summary counts each status, lists obsolete and written goldens, and gives the exit code', () => {
  assert.equal(parsed().summary, { total: 5, pass: 1, fail: 1, new: 1, invalid: 1, error: 1, obsolete: ['golden/gone.trace'], written: [], exit_code: 70 });
});

test.run();
