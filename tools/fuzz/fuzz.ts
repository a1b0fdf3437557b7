/**
 * `npm run fuzz [-- --count N --seed S --workers W --timeout-ms T --only I]`: runs fuzz cases
 * (test/support/fuzz-cases.ts) through the whole CLI on worker threads and prints the count, the time and
 * every failure with its input. `--only I` runs case I in this thread, to reproduce a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { caseAt, FUZZ_SEED, runCase } from '../../test/support/fuzz-cases.js';
import { runFuzz } from './fuzz-pool.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(FUZZ_SEED) },
    workers: { type: 'string', default: String(Math.max(1, Math.min(2, availableParallelism()))) },
    'timeout-ms': { type: 'string', default: '30000' },
    only: { type: 'string' },
  },
});
const number = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    process.stderr.write(`fuzz: --${name} must be a whole number (got '${text}')\n`);
    process.exit(2);
  }
  return value;
};
const seed = number('seed', values.seed);

if (values.only !== undefined) {
  const index = number('only', values.only);
  const fuzz = caseAt(seed, index);
  const outcome = await runCase(fuzz);
  process.stdout.write(`case ${index} (${fuzz.kind}), argv ${JSON.stringify(fuzz.argv)}, input ${JSON.stringify(fuzz.text)}\n`);
  process.stdout.write(outcome.ok ? `ok: exit ${outcome.exit} in ${outcome.ms.toFixed(0)} ms\n` : `FAILED: ${outcome.reason}\n`);
  process.exitCode = outcome.ok ? 0 : 1;
} else {
  const count = number('count', values.count);
  const workers = Math.max(1, number('workers', values.workers));
  const caseTimeoutMs = number('timeout-ms', values['timeout-ms']);
  const step = Math.max(1, Math.round(count / 10));
  process.stdout.write(`fuzz: ${count} cases, seed ${seed}, ${workers} worker${workers === 1 ? '' : 's'}, ${caseTimeoutMs} ms per case at most\n`);
  const summary = await runFuzz({ seed, count, workers, caseTimeoutMs, onProgress: (done) => done % step === 0 && process.stdout.write(`  ${done} / ${count}\n`) });
  // `mutate:cycle+crlf` counts once as mutate:cycle and once as +crlf.
  const parts: Record<string, number> = {};
  for (const [kind, n] of Object.entries(summary.kinds)) for (const part of kind.split('+').map((p, i) => (i === 0 ? p : `+${p}`))) parts[part] = (parts[part] ?? 0) + n;
  const byKind = Object.entries(parts).sort(([a], [b]) => (a < b ? -1 : 1));
  process.stdout.write(`exit codes: ${Object.entries(summary.exits).map(([exit, n]) => `${exit}: ${n}`).join(', ')}\n`);
  process.stdout.write(`inputs: ${byKind.map(([kind, n]) => `${kind} ${n}`).join(', ')}\n`);
  if (summary.slowest !== null) process.stdout.write(`slowest case: #${summary.slowest.index} (${summary.slowest.kind}) ${summary.slowest.ms.toFixed(0)} ms\n`);
  if (summary.failures.length > 0) {
    const dir = join('.probe-run', 'fuzz');
    mkdirSync(dir, { recursive: true });
    for (const failure of summary.failures) {
      const file = join(dir, `case-${failure.index}.yaml`);
      writeFileSync(file, failure.fuzz.text);
      process.stdout.write(`\nFAILED case ${failure.index} (${failure.fuzz.kind}, argv ${JSON.stringify(failure.fuzz.argv)}; input in ${file}; rerun: npm run fuzz -- --seed ${seed} --only ${failure.index})\n${failure.reason}\n`);
    }
  }
  process.stdout.write(`\nfuzz: ${summary.count} cases, ${summary.failures.length} failure${summary.failures.length === 1 ? '' : 's'} in ${(summary.ms / 1000).toFixed(1)} s\n`);
  process.exitCode = summary.failures.length === 0 && summary.count === count ? 0 : 1;
}
