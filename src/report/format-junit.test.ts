import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatJunit } from './format-junit.js';
import { mixedReport, result } from './report-fixtures.js';
import { xmlAttr, xmlText } from './xml-escape.js';

const test = suite('formatJunit');

test('one testcase per scenario plus one per obsolete golden, counts on the suite', () => {
  const xml = formatJunit(mixedReport());
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="probe-run" tests="6" failures="3" errors="2">\n'));
  assert.is(xml.match(/<testcase /g)?.length, 6);
  assert.ok(xml.includes('<testcase classname="a" name="a/pass" file="scenarios/a/pass.yaml"/>'));
  assert.ok(xml.includes('<testcase classname="obsolete" name="golden/gone.trace">'));
  assert.ok(xml.endsWith('</testsuite>\n</testsuites>\n'));
});

test('a mismatch carries the escaped diff in the failure body', () => {
  const xml = formatJunit(mixedReport());
  assert.ok(
    xml.includes(
      '<failure message="output differs from golden/a/fail.trace; expect failed: dpu: dma expected iommu, actual direct" type="mismatch">--- golden/a/fail.trace\n+++ .probe-run/actual/a/fail.trace\n@@ -1,1 +1,1 @@\n-old\n+new &lt;&amp;&gt;\nexpect failed: dpu: dma expected iommu, actual direct\n</failure>',
    ),
    xml,
  );
});

test('invalid scenarios and internal errors are <error>; characters XML cannot hold are replaced', () => {
  const xml = formatJunit(mixedReport());
  assert.ok(xml.includes('<error message="invalid scenario: 1 error" type="invalid">scenarios/invalid/typo.yaml:3:5: error unknown-key: unknown key "iommu"\n</error>'));
  assert.ok(xml.includes('<error message="internal error (a bug in probe-run)" type="error">internal error (a bug in probe-run): Error: \ufffd[31mboom\n</error>'));
  assert.not.ok(xml.includes('\u001b'));
});

test('a scenario at the root is in class scenarios; quotes in ids are escaped in attributes', () => {
  const xml = formatJunit({ ...mixedReport(), results: [result({ id: 'odd"name', file: 'scenarios/odd"name.yaml' })], obsolete: [] });
  assert.ok(xml.includes('<testcase classname="scenarios" name="odd&quot;name" file="scenarios/odd&quot;name.yaml"/>'));
});

test('xml escaping', () => {
  assert.is(xmlText('a<b>&c'), 'a&lt;b&gt;&amp;c');
  assert.is(xmlAttr(`"'\n\t`), '&quot;&apos;&#10;&#9;');
  assert.is(xmlText('\u0000\u0008\ud800x\ud83d\ude00'), '\ufffd\ufffd\ufffdx\ud83d\ude00');
});

test.run();
