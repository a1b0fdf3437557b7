/**
 * The bounded fuzz run of the test suite: the same cases as `npm run fuzz` (test/support/fuzz-cases.ts),
 * fixed seed, a few hundred of them, each under a hard time limit on worker threads.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { caseAt, CASE_FILE, FUZZ_SEED, judge, type FuzzCase } from '../test/support/fuzz-cases.js';
import { runFuzz } from '../tools/fuzz/fuzz-pool.js';

const COUNT = 200;

const fuzz = suite('fuzz');

fuzz(`${COUNT} random and mutated scenarios through main(): a valid run or diagnostics with exit 2, each in bounded time`, async () => {
  const summary = await runFuzz({ seed: FUZZ_SEED, count: COUNT, workers: 2, caseTimeoutMs: 30_000 });
  const failures = summary.failures.map((failure) => `case ${failure.index} (${failure.fuzz.kind}): ${failure.reason}\ninput: ${JSON.stringify(failure.fuzz.text).slice(0, 2000)}`);
  assert.equal(failures, []);
  assert.is(summary.count, COUNT);
  // Both halves of the contract are exercised: valid runs and invalid inputs.
  assert.ok((summary.exits['2'] ?? 0) > COUNT / 4, JSON.stringify(summary.exits));
  assert.ok((summary.exits['0'] ?? 0) + (summary.exits['1'] ?? 0) > COUNT / 10, JSON.stringify(summary.exits));
});

fuzz('cases are the same for a seed and index, and vary between indices', () => {
  assert.equal(caseAt(FUZZ_SEED, 7), caseAt(FUZZ_SEED, 7));
  const texts = new Set(Array.from({ length: 50 }, (_, i) => caseAt(FUZZ_SEED, i).text));
  assert.ok(texts.size > 40);
});

const pool = suite('fuzz pool');

pool('a case that hangs is stopped at its time limit and one that kills its worker is reported; the run goes on', async () => {
  const workerUrl = new URL('../test/support/misbehaving-fuzz-worker.ts', import.meta.url).href;
  const start = performance.now();
  const summary = await runFuzz({ seed: 1, count: 10, workers: 2, caseTimeoutMs: 1_000, workerUrl });
  assert.ok(performance.now() - start < 20_000);
  assert.is(summary.count, 10);
  assert.equal(
    summary.failures.map((failure) => [failure.index, failure.reason.split(':')[0]]),
    [
      [3, 'no answer within 1000 ms'],
      [5, 'the worker died'],
    ],
  );
});

const verdict = suite('fuzz judge');

const textCase: FuzzCase = { kind: 'test', text: 'x', argv: [CASE_FILE] };
const run = (exit: number, out: string, err = '', files: Record<string, string> = {}) => ({ exit, ms: 1, out, err, files: new Map(Object.entries(files)) });

verdict('internal errors, stack traces, other exit codes and diagnostics-free exit 2 fail', () => {
  const bad = [
    run(70, 'ERROR    fuzz/case\n', 'probe-run: internal error (a bug in probe-run)\n'),
    run(2, 'INVALID  fuzz/case\nscenarios/fuzz/case.yaml:1:1: error yaml-syntax: x\n', 'TypeError: x\n    at load (/work/src/parse/load.ts:3:9)\n'),
    run(3, ''),
    run(2, 'INVALID  fuzz/case\n'),
    run(1, 'NEW      fuzz/case\n'),
  ];
  for (const result of bad) assert.not.ok(judge(textCase, result).ok, JSON.stringify(result));
});

verdict('diagnostics with exit 2, and a valid run whose trace was written, pass', () => {
  assert.ok(judge(textCase, run(2, 'INVALID  fuzz/case\nscenarios/fuzz/case.yaml:1:1: error yaml-syntax: x\n')).ok);
  assert.ok(judge(textCase, run(1, 'NEW      fuzz/case\n', '', { '/work/.probe-run/actual/fuzz/case.trace': '# probe-run trace v2\n...\n' })).ok);
  const json = { ...textCase, argv: [CASE_FILE, '--reporter', 'json'] };
  assert.ok(judge(json, run(2, JSON.stringify({ results: [{ status: 'invalid', diagnostics: [{ severity: 'error' }] }] }))).ok);
  assert.not.ok(judge(json, run(2, '{"results": [')).ok);
});

fuzz.run();
pool.run();
verdict.run();
