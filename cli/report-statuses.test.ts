import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import { makeFakeIo, type FakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';
import { junitSchemaErrors } from '../test/support/junit-xsd.js';

/** The stub trace of a scenario (see test/support/stub-stages.ts). */
const trace = (id: string, source: string) => `# trace ${id} profile v6.15\n${source}`;

/** `a/one` passes; `b/new` has no golden and its expect fails. */
function newFailing(): FakeIo {
  return makeFakeIo({
    files: {
      'scenarios/a/one.yaml': 'one\n',
      'golden/a/one.trace': trace('a/one', 'one\n'),
      'scenarios/b/new.yaml': 'expect-fail\n',
    },
  });
}

const run = (fake: FakeIo, ...argv: string[]) => main(argv, fake, { stages: stubStages() });

const test = suite('main: a new scenario whose expect fails');

test('text: FAIL, counted as failed and not new, with no accept command for the expect', async () => {
  const fake = newFailing();
  assert.is(await run(fake), 1);
  assert.is(
    fake.out(),
    'PASS     a/one\n' +
      'FAIL     b/new\n' +
      '  no golden file golden/b/new.trace yet\n' +
      '  expect failed: dpu: dma expected iommu, actual direct\n' +
      '  fix the scenario or the model: a failed expect stays failed whatever the golden says\n' +
      '  actual output: .probe-run/actual/b/new.trace\n' +
      '\n' +
      '1 passed, 1 failed\n',
  );
  assert.not.ok(fake.out().includes('--update-golden'));
  assert.is(fake.files.get('/work/.probe-run/actual/b/new.trace'), trace('b/new', 'expect-fail\n'));
});

test('text: a failed expect beside a changed trace offers no accept command for that scenario', async () => {
  const fake = newFailing();
  fake.files.set('/work/golden/b/new.trace', 'stale\n');
  assert.is(await run(fake), 1);
  assert.ok(fake.out().includes('  fix the scenario or the model'), fake.out());
  assert.not.ok(fake.out().includes('--update-golden'), fake.out());
});

test('text: beside a changed trace, the accept-all command says it leaves the failed expect failing', async () => {
  const fake = newFailing();
  fake.files.set('/work/golden/a/one.trace', 'stale\n');
  assert.is(await run(fake), 1);
  assert.ok(fake.out().endsWith('\n\n0 passed, 2 failed\nTo update every golden above: npx probe-run --update-golden (a failed expect stays failed)\n'), fake.out());
  assert.ok(fake.out().includes('  to accept:     npx probe-run --update-golden scenarios/a/one.yaml\n'), fake.out());
});

test('json: status fail and summary fail 1, new 0', async () => {
  const fake = newFailing();
  assert.is(await run(fake, '--reporter', 'json'), 1);
  const report = JSON.parse(fake.out()) as { results: { id: string; status: string }[]; summary: Record<string, unknown> };
  assert.equal(report.results.map((result) => [result.id, result.status]), [['a/one', 'pass'], ['b/new', 'fail']]);
  assert.is(report.summary.fail, 1);
  assert.is(report.summary.new, 0);
});

test('junit: a failure of type expect whose message names the missing golden too', async () => {
  const fake = newFailing();
  assert.is(await run(fake, '--reporter', 'junit'), 1);
  assert.ok(fake.out().includes('<failure message="no golden file golden/b/new.trace; expect failed: dpu: dma expected iommu, actual direct" type="expect">'), fake.out());
  assert.ok(fake.out().includes('tests="2" failures="1" errors="0"'));
});

test('tap: not ok, status fail', async () => {
  const tap = newFailing();
  assert.is(await run(tap, '--reporter', 'tap'), 1);
  assert.ok(tap.out().includes('not ok 2 - b/new\n  ---\n  message: "no golden file golden/b/new.trace; expect failed: dpu: dma expected iommu, actual direct"\n  status: fail\n'), tap.out());
});

test('--update-golden writes its first golden, the run still fails and names no accept command', async () => {
  const fake = newFailing();
  assert.is(await run(fake, '--update-golden'), 1);
  assert.is(fake.files.get('/work/golden/b/new.trace'), trace('b/new', 'expect-fail\n'));
  assert.ok(fake.out().includes('wrote   golden/b/new.trace (new)\n'), fake.out());
  assert.ok(fake.out().includes('1 passed, 1 failed, 1 golden written\n'), fake.out());
  assert.not.ok(fake.out().includes('To update'), fake.out());
});

test.run();

const warned = suite('main: warnings of a passing scenario');

/** `a/warned` passes and has one warning (a stub `warn` line). */
function passingWithWarning(): FakeIo {
  return makeFakeIo({ files: { 'scenarios/a/warned.yaml': 'warn\n', 'golden/a/warned.trace': trace('a/warned', 'warn\n') } });
}

const WARNING = 'scenarios/a/warned.yaml:1:1: warning unmatched-driver: stub: warning line\n  warn\n  ^~~~\n';

warned('json: in the result\'s diagnostics with severity, line and column', async () => {
  const fake = passingWithWarning();
  assert.is(await run(fake, '--reporter', 'json'), 0);
  const report = JSON.parse(fake.out()) as { results: { status: string; diagnostics: Record<string, unknown>[] }[] };
  assert.is(report.results[0].status, 'pass');
  assert.equal(report.results[0].diagnostics, [
    { code: 'unmatched-driver', severity: 'warning', message: 'stub: warning line', file: 'scenarios/a/warned.yaml', line: 1, column: 1, end_line: 1, end_column: 5 },
  ]);
});

warned('junit: in the passing testcase\'s system-out', async () => {
  const fake = passingWithWarning();
  assert.is(await run(fake, '--reporter', 'junit'), 0);
  assert.ok(fake.out().includes(`<testcase classname="a" name="warned" time="0.000">\n      <system-out>${WARNING}</system-out>\n    </testcase>\n`), fake.out());
});

warned('tap: as # comments after the ok line', async () => {
  const fake = passingWithWarning();
  assert.is(await run(fake, '--reporter', 'tap'), 0);
  assert.ok(fake.out().includes(`ok 1 - a/warned\n# ${WARNING.trimEnd().split('\n').join('\n# ')}\n# pass 1\n`), fake.out());
});

warned.run();

const junit = suite('main: --reporter junit');

junit('times measured on the io clock: the whole run on the suites, each scenario on its testcase', async () => {
  // Each reading of the clock advances it: 10 ms, then 25, 45, 70... (the step grows by 5 each time).
  let tick = 0;
  let step = 10;
  const now = () => {
    const value = tick;
    tick += step;
    step += 5;
    return value;
  };
  const fake = makeFakeIo({
    files: { 'scenarios/a/one.yaml': 'one\n', 'golden/a/one.trace': trace('a/one', 'one\n'), 'scenarios/b/two.yaml': 'two\n', 'golden/b/two.trace': 'old\n' },
    now,
  });
  assert.is(await run(fake, '--reporter', 'junit'), 1);
  const xml = fake.out();
  // Readings: start 0; a/one 10 -> 25 (15 ms); b/two 45 -> 70 (25 ms); end 100.
  assert.ok(xml.includes('<testsuites name="probe-run" tests="2" failures="1" errors="0" time="0.100">'), xml);
  assert.ok(xml.includes('<testsuite name="probe-run" tests="2" failures="1" errors="0" skipped="0" time="0.100">'), xml);
  assert.ok(xml.includes('<testcase classname="a" name="one" time="0.015"/>'), xml);
  assert.ok(xml.includes('<testcase classname="b" name="two" time="0.025">'), xml);
  assert.equal(junitSchemaErrors(xml), []);
});

junit('the report of every status validates against the Jenkins JUnit schema', async () => {
  const fake = makeFakeIo({
    files: {
      'scenarios/a/one.yaml': 'warn\n',
      'golden/a/one.trace': 'stale\n',
      'scenarios/b/new.yaml': 'new\n',
      'scenarios/c/bad.yaml': 'invalid\n',
      'scenarios/d/boom.yaml': 'throw\n',
      'golden/gone.trace': 'x\n',
    },
  });
  assert.is(await run(fake, '--reporter', 'junit'), 70);
  assert.equal(junitSchemaErrors(fake.out()), [], fake.out());
});

junit.run();

const ktap = suite('main: --reporter ktap');

ktap('a run as KTAP: the exit code as for any reporter, a suite per folder, the failing one not ok', async () => {
  const fake = makeFakeIo({
    files: { 'scenarios/a/one.yaml': 'one\n', 'golden/a/one.trace': trace('a/one', 'one\n'), 'scenarios/b/two.yaml': 'two\n', 'golden/b/two.trace': trace('b/two', 'deux\n') },
  });
  assert.is(await run(fake, '--reporter', 'ktap'), 1);
  assert.is(
    fake.out(),
    [
      'KTAP version 1',
      '1..2',
      '  KTAP version 1',
      '  # Subtest: a',
      '  1..1',
      '  ok 1 one',
      '# a: pass:1 fail:0 skip:0 total:1',
      'ok 1 a',
      '  KTAP version 1',
      '  # Subtest: b',
      '  1..1',
      '  # output differs from golden/b/two.trace',
      '  # --- golden/b/two.trace',
      '  # +++ .probe-run/actual/b/two.trace',
      '  # @@ -1,2 +1,2 @@',
      '  #  # trace b/two profile v6.15',
      '  # -deux',
      '  # +two',
      '  not ok 1 two',
      '# b: pass:0 fail:1 skip:0 total:1',
      'not ok 2 b',
      '# Totals: pass:1 fail:1 skip:0 total:2',
      '',
    ].join('\n'),
  );
});

ktap('--update-golden: the scenarios whose goldens were written are skipped, not passed', async () => {
  const fake = makeFakeIo({ files: { 'scenarios/a/one.yaml': 'one\n', 'golden/a/one.trace': trace('a/one', 'one\n'), 'scenarios/a/two.yaml': 'two\n' } });
  assert.is(await run(fake, '--reporter', 'ktap', '--update-golden'), 0);
  assert.ok(fake.out().includes('  ok 1 one\n  ok 2 two # SKIP golden written by --update-golden, nothing compared\n# a: pass:1 fail:0 skip:1 total:2\nok 1 a\n'), fake.out());
});

ktap.run();
