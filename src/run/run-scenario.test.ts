import { suite } from 'uvu';
import { formatGoldenPatch } from '../golden/compare-golden.js';
import * as assert from 'uvu/assert';
import { runScenario, type ScenarioInput } from './run-scenario.js';
import { stubStages } from '../../test/support/stub-stages.js';

const test = suite('runScenario');

const input = (over: Partial<ScenarioInput>): ScenarioInput => ({
  id: 'a/b',
  file: 'scenarios/a/b.yaml',
  source: 'board\n',
  goldenBase: 'golden/a/b',
  goldenTrace: null,
  goldenErrors: null,
  actualBase: '.probe-run/actual/a/b',
  ...over,
});

test('a valid scenario without a golden is new, with its trace as actual', () => {
  const result = runScenario(input({}), {}, stubStages());
  assert.is(result.status, 'new');
  assert.is(result.actual, '# trace a/b profile v6.15\nboard\n');
  assert.is(result.goldenPath, 'golden/a/b.trace');
  assert.is(result.golden, null);
  assert.is(result.diff, null);
  assert.ok(result.run);
  assert.ok(result.knobs);
});

test('a matching golden passes', () => {
  const result = runScenario(input({ goldenTrace: '# trace a/b profile v6.15\nboard\n' }), {}, stubStages());
  assert.is(result.status, 'pass');
  assert.is(result.diff, null);
});

test('a changed golden fails with a unified diff golden → actual, context 3', () => {
  const golden = '# trace a/b profile v6.15\n1\n2\n3\n4\nold\n5\n6\n7\n8\n';
  const source = '1\n2\n3\n4\nnew\n5\n6\n7\n8\n';
  const result = runScenario(input({ source, goldenTrace: golden }), {}, stubStages());
  assert.is(result.status, 'fail');
  assert.is(
    result.diff === null ? null : formatGoldenPatch(result.diff),
    '--- golden/a/b.trace\n+++ .probe-run/actual/a/b.trace\n@@ -3,7 +3,7 @@\n 2\n 3\n 4\n-old\n+new\n 5\n 6\n 7\n',
  );
});

test('a failed expect fails even when the trace matches', () => {
  const source = 'expect-fail\n';
  const result = runScenario(input({ source, goldenTrace: `# trace a/b profile v6.15\n${source}` }), {}, stubStages());
  assert.is(result.status, 'fail');
  assert.is(result.diff, null);
  assert.equal(result.expectFailures, [{ node: 'dpu', field: 'dma', expected: 'iommu', actual: 'direct' }]);
});

test('an invalid scenario without an errors golden is invalid, its actual the formatted diagnostics', () => {
  const result = runScenario(input({ source: 'invalid\n' }), {}, stubStages());
  assert.is(result.status, 'invalid');
  assert.is(result.goldenPath, 'golden/a/b.errors.txt');
  assert.is(result.actual, 'scenarios/a/b.yaml: error unknown-key: stub: invalid line\n');
  assert.is(result.run, null);
  assert.is(result.diagnostics[0].code, 'unknown-key');
});

test('an invalid scenario whose errors match the .errors.txt golden passes', () => {
  const errors = 'scenarios/a/b.yaml: error unknown-key: stub: invalid line\n';
  const result = runScenario(input({ source: 'invalid\n', goldenErrors: errors }), {}, stubStages());
  assert.is(result.status, 'pass');
});

test('an invalid scenario whose errors differ from the .errors.txt golden fails with a diff', () => {
  const result = runScenario(input({ source: 'invalid\n', goldenErrors: 'old message\n' }), {}, stubStages());
  assert.is(result.status, 'fail');
  assert.match(result.diff === null ? '' : formatGoldenPatch(result.diff), /^--- golden\/a\/b\.errors\.txt\n\+\+\+ \.probe-run\/actual\/a\/b\.errors\.txt\n/);
});

test('warnings alone do not make a scenario invalid', () => {
  const result = runScenario(input({ source: 'warn\n' }), {}, stubStages());
  assert.is(result.status, 'new');
  assert.is(result.diagnostics[0].severity, 'warning');
});

test('an unreadable file is invalid with an io diagnostic', () => {
  const result = runScenario(input({ source: null, readError: 'cannot read scenarios/a/b.yaml: EACCES' }), {}, stubStages());
  assert.is(result.status, 'invalid');
  assert.is(result.diagnostics[0].code, 'io');
});

test('an engine that throws gives status error, never a crash', () => {
  const result = runScenario(input({ source: 'throw\n' }), {}, stubStages());
  assert.is(result.status, 'error');
  assert.match(result.actual, /^internal error \(a bug in probe-run\): Error: stub engine exploded/);
});

test('--profile reaches the engine', () => {
  const result = runScenario(input({}), { profile: 'v4.12' }, stubStages());
  assert.is(result.knobs?.profile, 'v4.12');
});

test('validateOnly passes a valid scenario without running the engine', () => {
  const result = runScenario(input({ source: 'throw\n' }), { validateOnly: true }, stubStages());
  assert.is(result.status, 'pass');
  assert.is(result.run, null);
});

test.run();

const bugs = suite('runScenario: loader bugs');

bugs('an internal-error diagnostic from the loader is status error, not invalid', () => {
  const stages = { ...stubStages(), loadScenario: (_source: string, file: string) => ({ scenario: null, diagnostics: [{ code: 'internal-error' as const, severity: 'error' as const, message: 'loader broke', file }] }) };
  const result = runScenario(input({}), {}, stages);
  assert.is(result.status, 'error');
  assert.is(result.actual, 'internal error (a bug in probe-run): loader broke\n');
});

bugs.run();
