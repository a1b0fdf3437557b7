import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { formatTap } from './format-tap.js';
import { mixedReport } from '../../test/support/report-fixtures.js';

const test = suite('formatTap');

test('TAP 13 header, plan, a test point per scenario and per obsolete golden', () => {
  const lines = formatTap(mixedReport()).split('\n');
  assert.equal(lines.slice(0, 2), ['TAP version 13', '1..6']);
  assert.equal(
    lines.filter((line) => /^(not )?ok /.test(line)),
    ['ok 1 - a/pass', 'not ok 2 - a/fail', 'not ok 3 - b/new', 'not ok 4 - invalid/typo', 'not ok 5 - c/boom', 'not ok 6 - obsolete golden golden/gone.trace'],
  );
  assert.ok(formatTap(mixedReport()).endsWith('# pass 1\n# fail 5\n'));
});

test('each failing point has a YAML block that parses, with the diff verbatim', () => {
  const text = formatTap(mixedReport());
  const blocks = [...text.matchAll(/\n  ---\n([\s\S]*?)\n  \.\.\.\n/g)].map((match) => parse(match[1]) as Record<string, string>);
  assert.is(blocks.length, 5);
  assert.is(blocks[0].status, 'fail');
  assert.is(blocks[0].file, 'scenarios/a/fail.yaml');
  assert.is(blocks[0].golden, 'golden/a/fail.trace');
  assert.is(blocks[0].details, '--- golden/a/fail.trace\n+++ .probe-run/actual/a/fail.trace\n@@ -1,1 +1,1 @@\n-old\n+new <&>\nexpect failed: dpu: dma expected iommu, actual direct\n');
  assert.is(blocks[1].message, 'no golden file golden/b/new.trace');
  assert.is(blocks[2].details, 'scenarios/invalid/typo.yaml:3:5: error unknown-key: unknown key "iommu"\n');
});

test('a # in an id is escaped so it is not read as a directive', () => {
  const report = mixedReport();
  report.results[0] = { ...report.results[0], id: 'a/#1' };
  assert.ok(formatTap(report).includes('ok 1 - a/\\#1\n'));
});

test.run();
