import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatKtap } from './format-ktap.js';
import { mixedReport, result } from '../../test/support/report-fixtures.js';

const test = suite('formatKtap');

test('a suite per folder, diagnostics as # lines before the result line, obsolete goldens after, KUnit counts', () => {
  assert.is(
    formatKtap(mixedReport()),
    [
      'KTAP version 1',
      '1..5',
      '  KTAP version 1',
      '  # Subtest: a',
      '  1..2',
      '  ok 1 pass',
      '  # output differs from golden/a/fail.trace; expect failed: dpu: dma expected iommu, actual direct',
      '  # --- golden/a/fail.trace',
      '  # +++ .probe-run/actual/a/fail.trace',
      '  # @@ -1,1 +1,1 @@',
      '  # -old',
      '  # +new <&>',
      '  # expect failed: dpu: dma expected iommu, actual direct',
      '  not ok 2 fail',
      '# a: pass:1 fail:1 skip:0 total:2',
      'not ok 1 a',
      '  KTAP version 1',
      '  # Subtest: b',
      '  1..1',
      '  # no golden file golden/b/new.trace',
      '  # # new trace',
      '  not ok 1 new',
      '# b: pass:0 fail:1 skip:0 total:1',
      'not ok 2 b',
      '  KTAP version 1',
      '  # Subtest: invalid',
      '  1..1',
      '  # invalid scenario: 1 error',
      '  # scenarios/invalid/typo.yaml:3:5: error unknown-key: unknown key "iommu"',
      '  not ok 1 typo',
      '# invalid: pass:0 fail:1 skip:0 total:1',
      'not ok 3 invalid',
      '  KTAP version 1',
      '  # Subtest: c',
      '  1..1',
      '  # internal error (a bug in probe-run)',
      '  # internal error (a bug in probe-run): Error: \u241b[31mboom',
      '  not ok 1 boom',
      '# c: pass:0 fail:1 skip:0 total:1',
      'not ok 4 c',
      '# golden file golden/gone.trace has no scenario',
      'not ok 5 obsolete golden/gone.trace',
      '# Totals: pass:1 fail:5 skip:0 total:6',
      '',
    ].join('\n'),
  );
});

test('nested folders nest suites; a golden just written is ok # SKIP; warnings are # lines; # in a name is replaced', () => {
  const report = mixedReport();
  const warning = { code: 'unmatched-driver' as const, severity: 'warning' as const, message: 'driver "x" matches no node', file: 'scenarios/boards/apple/t6000.yaml', range: { start: 0, end: 4 } };
  report.results = [
    result({ id: 'top', goldenPath: 'golden/top.trace' }),
    result({ id: 'boards/apple/t8103', goldenPath: 'golden/boards/apple/t8103.trace' }),
    result({ id: 'boards/apple/t6000', goldenPath: 'golden/boards/apple/t6000.trace', source: 'warn\n', diagnostics: [warning] }),
    result({ id: 'boards/rk3399#2', goldenPath: 'golden/boards/rk3399#2.trace' }),
  ];
  report.obsolete = [];
  report.written = [
    { path: 'golden/boards/apple/t8103.trace', change: 'new' },
    { path: 'golden/boards/apple/t6000.trace', change: 'changed' },
  ];
  assert.is(
    formatKtap(report),
    [
      'KTAP version 1',
      '1..2',
      'ok 1 top',
      '  KTAP version 1',
      '  # Subtest: boards',
      '  1..2',
      '    KTAP version 1',
      '    # Subtest: apple',
      '    1..2',
      '    ok 1 t8103 # SKIP golden written by --update-golden, nothing compared',
      '    # scenarios/boards/apple/t6000.yaml:1:1: warning unmatched-driver: driver "x" matches no node',
      '    #   warn',
      '    #   ^~~~',
      '    ok 2 t6000 # SKIP golden written by --update-golden, nothing compared',
      '  # apple: pass:0 fail:0 skip:2 total:2',
      '  ok 1 apple # SKIP',
      '  ok 2 rk3399_2',
      '# boards: pass:1 fail:0 skip:2 total:3',
      'ok 2 boards',
      '# Totals: pass:2 fail:0 skip:2 total:4',
      '',
    ].join('\n'),
  );
});

test('every result line has the shape kunit.py reads: (not )ok N name, then an optional # directive', () => {
  const lines = formatKtap(mixedReport()).split('\n').filter((line) => /^\s*(ok|not ok) /.test(line));
  for (const line of lines) assert.match(line, /^(\s\s)*(ok|not ok) [0-9]+ [^#]*( # .*)?$/);
});

test.run();
