/**
 * Hostile YAML (issue 6): alias bombs, deep nesting, huge text, several documents, tags. Each is
 * refused with a clear diagnostic code in bounded time; the bound here is generous (a hang or a
 * stack overflow is the failure, not a slow machine).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DiagnosticCode } from '../model/diagnostic.js';
import { runEngine } from '../engine/run-engine.js';
import { loadScenario } from '../load/load-scenario.js';
import { MAX_SOURCE_CHARS } from './parse-yaml.js';

const test = suite('hostile YAML');

/** Loads `source` and checks it is refused with a `code` error within `seconds`; returns that error's message. */
function refused(source: string, code: DiagnosticCode, seconds = 20): string {
  const start = performance.now();
  const { scenario, diagnostics } = loadScenario(source, 'hostile.yaml', 'hostile');
  const elapsed = (performance.now() - start) / 1000;
  assert.ok(elapsed < seconds, `took ${elapsed.toFixed(1)} s`);
  assert.is(scenario, null);
  const found = diagnostics.find((d) => d.severity === 'error' && d.code === code);
  assert.ok(found !== undefined, `no ${code} in ${JSON.stringify(diagnostics.slice(0, 3))}`);
  return found?.message ?? '';
}

const laughs = (levels: number) => {
  let text = 'description: lol\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < levels; i++) text += `lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
  return text;
};

test('billion laughs: too-large, not 9^9 values', () => {
  assert.match(refused(laughs(9), 'too-large'), /alias/);
  assert.match(refused(laughs(30), 'too-large'), /alias/);
});

test('an alias bomb inside the scenario shape (one node reused 500 times) is too-large', () => {
  let text = 'description: x\nnodes:\n  a: &n { compatible: [x,a], clocks: [a, a, a, a, a, a, a, a] }\n';
  for (let i = 0; i < 500; i++) text += `  n${i}: *n\n`;
  refused(text, 'too-large');
});

test('deep nesting: 100,000 flow brackets, 5,000 block levels, 5,000 nested sequences', () => {
  refused(`description: x\nnodes: ${'['.repeat(100_000)}`, 'too-large');
  refused(`description: x\nnodes: ${'{a: '.repeat(50_000)}`, 'too-large');
  let block = 'description: x\n';
  for (let i = 0; i < 5_000; i++) block += `${' '.repeat(i)}k${i}:\n`;
  refused(block, 'too-large');
  refused(`description: x\nnodes:\n  ${'- '.repeat(5_000)}x\n`, 'too-large');
  refused(`description: x\nnodes:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 * i + 2)}n${i}:`).join('\n')} {}\n`, 'too-large');
});

test(`text over MAX_SOURCE_CHARS (${MAX_SOURCE_CHARS}) is refused before parsing: 50 MB`, () => {
  assert.match(refused(`description: x\n#${'x'.repeat(50 * 1024 * 1024)}\n`, 'too-large', 5), /limit is 32000000/);
});

test('several documents in one file: unsupported-yaml at the second', () => {
  refused('description: one\n---\ndescription: two\n', 'unsupported-yaml');
  refused('---\n---\n---\n', 'unsupported-yaml');
  refused(`description: one\n${'---\n{}\n'.repeat(10_000)}`, 'unsupported-yaml');
});

test('custom and non-plain tags are unsupported-yaml, plain ones are fine', () => {
  refused('description: !foo bar\n', 'unsupported-yaml');
  refused('description: !!python/object/apply:os.system ["rm -rf /"]\n', 'unsupported-yaml');
  refused('description: !!binary aGVsbG8=\n', 'unsupported-yaml');
  refused('description: x\nnodes: !!set { a, b }\n', 'unsupported-yaml');
  refused('description: x\nnodes: !!omap [ a: {} ]\n', 'unsupported-yaml');
  refused('description: !!timestamp 2001-12-14\n', 'unsupported-yaml');
  refused('%TAG !e! tag:example.com,2000:\n---\ndescription: !e!foo x\n', 'unsupported-yaml');
  refused('? !!binary aGVsbG8=\n: x\ndescription: y\n', 'unsupported-yaml');
  const plain = loadScenario('description: !!str plain\ncovers: !!seq []\nnodes: !!map {}\n', 'p.yaml', 'p');
  assert.ok(plain.scenario !== null, JSON.stringify(plain.diagnostics));
});

test('labels named like Object.prototype members are ordinary labels (faults and expect apply)', () => {
  for (const label of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    const source = `description: prototype names
nodes:
  ${label}: { compatible: [x,a] }
drivers:
  drv: { compatible: [x,a] }
faults:
  ${label}: { probe: [-EIO] }
expect:
  ${label}: { state: bound }
`;
    const { scenario, diagnostics } = loadScenario(source, 'p.yaml', 'p');
    assert.ok(scenario !== null, `${label}: ${JSON.stringify(diagnostics)}`);
    if (scenario === null) continue;
    assert.ok(Object.hasOwn(scenario.faults, label), label);
    const { result } = runEngine(scenario);
    assert.is(result.devices[0].state, 'failed', label);
    assert.equal(result.expectFailures, [{ node: label, field: 'state', expected: 'bound', actual: 'failed -5' }], label);
  }
});

test('a BOM, CRLF line ends, NUL and other control characters do not break the loader', () => {
  for (const source of ['\uFEFFdescription: x\r\n', 'description: "a\\0b"\n', 'description: x\u0000\n', 'description: x\r\rnodes: {}\r', '\t\n', '']) {
    const { scenario, diagnostics } = loadScenario(source, 'c.yaml', 'c');
    assert.is(scenario === null, diagnostics.some((d) => d.severity === 'error'));
  }
});

test.run();
