import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../load/load-scenario.js';

// Tests may read files: the bundled invalid samples are data this suite checks.
const dir = fileURLToPath(new URL('../../scenarios/invalid/', import.meta.url));
const Samples = suite('scenarios/invalid');

/** The first diagnostic code each sample is about. */
const EXPECTED: Record<string, string[]> = {
  'add-not-hotplug.yaml': ['not-hotplug'],
  'duplicate-key.yaml': ['duplicate-key'],
  'modprobe-builtin.yaml': ['not-a-module'],
  'not-a-provider.yaml': ['not-a-provider'],
  'unknown-key.yaml': ['unknown-key'],
  'unknown-label.yaml': ['unknown-label'],
  'wrong-arg-count.yaml': ['wrong-arg-count', 'wrong-arg-count'],
  'wrong-type.yaml': ['wrong-type', 'wrong-type'],
  'yaml-syntax-error.yaml': ['yaml-syntax'],
  'several-problems.yaml': ['bad-value', 'wrong-arg-count', 'unknown-key', 'unknown-label', 'unmatched-driver', 'bad-value', 'unknown-driver'],
};

for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  Samples(`${name} starts with the modeline and is invalid for its reason`, () => {
    const source = readFileSync(dir + name, 'utf8');
    assert.ok(source.startsWith('# yaml-language-server: $schema=../../schema/scenario.schema.json\n'));
    assert.match(source.split('\n')[1], /^# Invalid on purpose: /);
    const { scenario, diagnostics } = loadScenario(source, `scenarios/invalid/${name}`, `invalid/${name.replace(/\.yaml$/, '')}`);
    assert.is(scenario, null);
    assert.equal(diagnostics.map((d) => d.code), EXPECTED[name] ?? ['(add this sample to EXPECTED)']);
  });
}

Samples.run();
