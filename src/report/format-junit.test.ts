import { suite } from 'uvu';
import { compareGolden } from '../golden/compare-golden.js';
import * as assert from 'uvu/assert';
import { formatJunit } from './format-junit.js';
import { mixedReport, result } from '../../test/support/report-fixtures.js';
import { xmlAttr, xmlText } from './xml-escape.js';
import { junitSchemaErrors } from '../../test/support/junit-xsd.js';

const test = suite('formatJunit');

test('one testcase per scenario plus one per obsolete golden, counts on the suite', () => {
  const xml = formatJunit(mixedReport());
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="probe-run" tests="6" failures="3" errors="2" time="0.000">\n'));
  assert.is(xml.match(/<testcase /g)?.length, 6);
  assert.ok(xml.includes('<testcase classname="a" name="pass" time="0.000"/>'));
  assert.ok(xml.includes('<testcase classname="obsolete" name="golden/gone.trace" time="0.000">'));
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
  assert.ok(xml.includes('<testcase classname="scenarios" name="odd&quot;name" time="0.000"/>'));
});

test('times from the report on the suites and each testcase, in seconds to the millisecond', () => {
  const report = { ...mixedReport(), timing: { total: 1.23456, byId: { 'a/pass': 0.0125, 'a/fail': 2 } } };
  const xml = formatJunit(report);
  assert.ok(xml.includes('<testsuites name="probe-run" tests="6" failures="3" errors="2" time="1.235">'), xml);
  assert.ok(xml.includes('<testsuite name="probe-run" tests="6" failures="3" errors="2" skipped="0" time="1.235">'), xml);
  assert.ok(xml.includes('<testcase classname="a" name="pass" time="0.013"/>'), xml);
  assert.ok(xml.includes('<testcase classname="a" name="fail" time="2.000">'), xml);
  assert.ok(xml.includes('<testcase classname="b" name="new" time="0.000">'), xml);
});

test('a nested id keeps its folders in classname and only its last part in name', () => {
  const xml = formatJunit({ ...mixedReport(), results: [result({ id: 'boards/apple/t8103', file: 'scenarios/boards/apple/t8103.yaml' })], obsolete: [] });
  assert.ok(xml.includes('<testcase classname="boards.apple" name="t8103" time="0.000"/>'), xml);
});

test('every report validates against the Jenkins JUnit schema', () => {
  const warned = result({
    id: 'w/warned',
    source: 'warn\n',
    diagnostics: [{ code: 'unmatched-driver', severity: 'warning', message: 'x <&> "y"', file: 'scenarios/w/warned.yaml', range: { start: 0, end: 4 } }],
  });
  const reports = [
    mixedReport(),
    { ...mixedReport(), results: [], obsolete: [] },
    { ...mixedReport(), results: [warned, { ...warned, id: 'w/failed', status: 'fail' as const, diff: compareGolden('a\n', 'b\n', 'g', 'a') }], timing: { total: 3, byId: { 'w/warned': 1 } } },
  ];
  for (const report of reports) assert.equal(junitSchemaErrors(formatJunit(report)), [], formatJunit(report));
});

test('the schema check rejects what the schema rejects', () => {
  const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="s" tests="1">\n${body}\n</testsuite>\n</testsuites>\n`;
  assert.equal(junitSchemaErrors(wrap('<testcase name="x"/>')), []);
  assert.match(junitSchemaErrors(wrap('<testcase name="x" file="a.yaml"/>')).join(), /attribute file is not allowed/);
  assert.match(junitSchemaErrors(wrap('<testcase classname="x"/>')).join(), /attribute name is required/);
  assert.match(junitSchemaErrors(wrap('<testcase name="x"><system-out>o</system-out><failure/></testcase>')).join(), /<failure> is not allowed here/);
  assert.match(junitSchemaErrors(wrap('<testcase name="x"><failure><b/></failure></testcase>')).join(), /holds text only/);
  assert.match(junitSchemaErrors(wrap('<testcase name="x">&nbsp;</testcase>')).join(), /not well-formed/);
  assert.match(junitSchemaErrors(wrap('<testcase name="x"></testsuite>')).join(), /not well-formed/);
  assert.match(junitSchemaErrors('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite tests="1"/></testsuites>').join(), /name is required/);
});

test('xml escaping', () => {
  assert.is(xmlText('a<b>&c'), 'a&lt;b&gt;&amp;c');
  assert.is(xmlAttr(`"'\n\t`), '&quot;&apos;&#10;&#9;');
  assert.is(xmlText('\u0000\u0008\ud800x\ud83d\ude00'), '\ufffd\ufffd\ufffdx\ud83d\ude00');
});

test.run();
