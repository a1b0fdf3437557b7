/**
 * `npm run fuzz:fdt [-- --count N --seed S --only I]`: parses N seeded fuzz blobs
 * (test/support/fdt-fuzz-cases.ts: random valid trees, then truncated, overlapping blocks, bad tokens,
 * huge lengths, string offsets out of range, deep nesting, flipped bytes) and checks that every parse
 * returns a tree or diagnostics within the limits, never throws, and gives the same answer twice.
 * Prints the counts by mutation and by diagnostic code, the time, and every failure with how to rerun it.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_FDT_LIMITS } from '../../src/fdt/fdt-limits.js';
import { parseFdt } from '../../src/fdt/parse-fdt.js';
import { checkParse, fdtFuzzCase } from '../../test/support/fdt-fuzz-cases.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '50000' }, seed: { type: 'string', default: '13' }, only: { type: 'string' } } });
const whole = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    process.stderr.write(`fuzz:fdt: --${name} must be a whole number (got '${text}')\n`);
    process.exit(2);
  }
  return value;
};
const seed = whole('seed', values.seed);
const count = values.only === undefined ? whole('count', values.count) : 1;
const first = values.only === undefined ? 0 : whole('only', values.only);

/** JSON of a parse result, with bigints and byte arrays written out, for comparing and printing. */
const stable = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item instanceof Uint8Array ? [...item] : item), 1);

const TIGHT_LIMITS = { ...DEFAULT_FDT_LIMITS, maxDepth: 4, maxNodes: 12, maxProperties: 30, maxNameLength: 10, maxReservations: 1, maxDiagnostics: 3 };

const kinds = new Map<string, number>();
const codes = new Map<string, number>();
const failures: string[] = [];
const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};
let accepted = 0;
let slowest = { index: -1, kind: '', ms: 0 };
const started = performance.now();
for (let index = first; index < first + count; index += 1) {
  const fuzz = fdtFuzzCase(seed, index);
  for (const part of fuzz.kind.split('+')) bump(kinds, part);
  const t0 = performance.now();
  const checked = checkParse(fuzz.bytes, DEFAULT_FDT_LIMITS);
  const ms = performance.now() - t0;
  if (ms > slowest.ms) slowest = { index, kind: fuzz.kind, ms };
  if (!checked.ok) {
    failures.push(`case ${index} (${fuzz.kind}, ${fuzz.bytes.length} bytes): ${checked.reason}\n  rerun: npm run fuzz:fdt -- --seed ${seed} --only ${index}`);
    continue;
  }
  if (stable(parseFdt(fuzz.bytes)) !== stable(checked.result)) {
    failures.push(`case ${index} (${fuzz.kind}): two parses of the same bytes differ\n  rerun: npm run fuzz:fdt -- --seed ${seed} --only ${index}`);
  }
  // The same bytes under tight limits, so the depth, count, name-length and diagnostic limits trip too.
  const tight = checkParse(fuzz.bytes, TIGHT_LIMITS);
  if (!tight.ok) failures.push(`case ${index} (${fuzz.kind}) under tight limits: ${tight.reason}\n  rerun: npm run fuzz:fdt -- --seed ${seed} --only ${index}`);
  else if (!tight.result.ok) for (const diagnostic of tight.result.diagnostics) if (['too-many', 'too-deep', 'name-too-long'].includes(diagnostic.code)) bump(codes, `${diagnostic.code} (tight)`);
  if (checked.result.ok) accepted += 1;
  else for (const diagnostic of checked.result.diagnostics) bump(codes, diagnostic.code);
  if (values.only !== undefined) process.stdout.write(`${stable(checked.result.ok ? { ok: true, warnings: checked.result.warnings } : checked.result)}\n`);
}
const sorted = (map: Map<string, number>): string => [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, n]) => `${key} ${n}`).join(', ');
process.stdout.write(`fuzz:fdt: ${count} cases from seed ${seed} in ${((performance.now() - started) / 1000).toFixed(1)} s; ${accepted} accepted, ${count - accepted - failures.length} rejected with diagnostics, ${failures.length} failed\n`);
process.stdout.write(`mutations: ${sorted(kinds)}\n`);
process.stdout.write(`diagnostic codes: ${sorted(codes)}\n`);
process.stdout.write(`slowest case: #${slowest.index} (${slowest.kind}) ${slowest.ms.toFixed(1)} ms\n`);
for (const failure of failures.slice(0, 20)) process.stdout.write(`\nFAILED ${failure}\n`);
if (failures.length > 20) process.stdout.write(`\n... and ${failures.length - 20} more\n`);
process.exitCode = failures.length === 0 ? 0 : 1;
