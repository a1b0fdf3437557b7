/** Every SPEC rule id is demonstrated by some bundled scenario's `covers:`, and nothing else is listed there. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { loadScenario } from '../load/load-scenario.js';
import { RULE_IDS as ALL_RULE_IDS } from '../model/rule-ids.js';

const RULE_IDS: readonly string[] = ALL_RULE_IDS;

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
