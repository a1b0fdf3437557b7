/** Every SPEC rule id is demonstrated by some bundled scenario's `covers:`, and nothing else is listed there. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { loadScenario } from '../parse/load-scenario.js';

/** The rule ids of SPEC section 2 (K1.1 … K11.2) plus K0, the diagnostics of section 6. */
const RULE_IDS: readonly string[] = [
  'K0',
  ...['K1.1', 'K1.2', 'K1.3', 'K1.4', 'K1.5'],
  ...['K2.1', 'K2.2', 'K2.3', 'K2.4'],
  ...['K3.1', 'K3.2', 'K3.3', 'K3.4', 'K3.5', 'K3.6'],
  ...['K4.1', 'K4.2', 'K4.3', 'K4.4'],
  ...['K5.1', 'K5.2', 'K5.3', 'K5.4', 'K5.5', 'K5.6', 'K5.7', 'K5.8'],
  ...['K6.1', 'K6.2'],
  ...['K7.1', 'K7.2', 'K7.3'],
  ...['K8.1', 'K8.2', 'K8.3', 'K8.4', 'K8.5'],
  ...['K9.1', 'K9.2', 'K9.3'],
  ...['K10.1', 'K10.2', 'K10.3'],
  ...['K11.1', 'K11.2'],
];

const root = fileURLToPath(new URL('../../scenarios/', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []))
    .sort();
}

/** Scenario id (path below scenarios/ without .yaml, `/` separated) of a file. */
const idOf = (file: string): string => relative(root, file).split('\\').join('/').replace(/\.yaml$/, '');

interface Loaded {
  id: string;
  covers: string[] | null;
}

const loaded: Loaded[] = walk(root).map((file) => {
  const id = idOf(file);
  const { scenario } = loadScenario(readFileSync(file, 'utf8'), relative(join(root, '..'), file), id);
  return { id, covers: scenario?.covers ?? null };
});

const Covers = suite('scenario covers lists');

Covers('the rule id list has no duplicates', () => {
  assert.is(new Set(RULE_IDS).size, RULE_IDS.length);
});

Covers('every scenario outside scenarios/invalid/ loads, so its covers list counts', () => {
  const broken = loaded.filter((s) => s.covers === null && !s.id.startsWith('invalid/')).map((s) => s.id);
  assert.equal(broken, [], `scenarios that do not load: ${broken.join(', ')}`);
});

Covers('every SPEC rule id is listed in some scenario covers', () => {
  const covered = new Set(loaded.flatMap((s) => s.covers ?? []));
  const missing = RULE_IDS.filter((id) => !covered.has(id));
  assert.equal(missing, [], `rule ids no scenario covers: ${missing.join(', ')}`);
});

Covers('every covers entry is a SPEC rule id', () => {
  const known = new Set(RULE_IDS);
  const unknown = loaded.flatMap((s) => (s.covers ?? []).filter((id) => !known.has(id)).map((id) => `${s.id}: ${id}`));
  assert.equal(unknown, [], `covers entries that are not SPEC rule ids: ${unknown.join('; ')}`);
});

Covers.run();
