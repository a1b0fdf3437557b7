/**
 * Writes oracle/recorded/<kernel>/<id>.json from the dumps the oracle's boots left in
 * oracle/work/<id>/<kernel>/ (oracle/boot-all.mjs), for every bundled scenario a real kernel can
 * judge, and oracle/recorded/<kernel>/skipped.json with the others and why. Usage:
 *   node oracle/boot-all.mjs --kernel 6.12 scenarios && node --import tsx tools/oracle-record.ts 6.12
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readBoardDump } from '../src/board-dump/read-board-dump.js';
import { loadScenario } from '../src/load/load-scenario.js';
import { oracleEligibility } from '../src/oracle/eligibility.js';
import { recordingOf } from '../src/oracle/recording.js';

const kernel = process.argv[2];
if (kernel !== '6.12' && kernel !== '6.1') throw new Error('usage: tools/oracle-record.ts 6.12|6.1');
const root = new URL('..', import.meta.url).pathname;
const scenarios = join(root, 'scenarios');
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : []));
const out = join(root, 'oracle', 'recorded', kernel);
// Rewritten whole: a scenario that became ineligible or was removed leaves no stale recording.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const skipped: { scenario: string; why: string }[] = [];
let written = 0;
for (const file of walk(scenarios)) {
  const id = relative(scenarios, file).replace(/\.yaml$/, '');
  const { scenario } = loadScenario(readFileSync(file, 'utf8'), relative(root, file), id);
  if (scenario === null) continue;
  const why = oracleEligibility(scenario);
  if (why !== null) {
    skipped.push({ scenario: id, why });
    continue;
  }
  const dump = join(root, 'oracle', 'work', id, kernel);
  if (!existsSync(join(dump, 'devices.tsv'))) {
    skipped.push({ scenario: id, why: 'not booted yet (no dump in oracle/work)' });
    continue;
  }
  const text = (name: string) => (existsSync(join(dump, name)) ? readFileSync(join(dump, name), 'utf8') : undefined);
  const observed = readBoardDump({ devicesTsv: text('devices.tsv'), devicesDeferred: text('devices_deferred'), dmesg: text('dmesg') });
  const recording = recordingOf(scenario, text('release') ?? kernel, observed);
  mkdirSync(join(out, ...id.split('/').slice(0, -1)), { recursive: true });
  writeFileSync(join(out, `${id}.json`), `${JSON.stringify(recording, null, 2)}\n`);
  written++;
}
writeFileSync(join(out, 'skipped.json'), `${JSON.stringify(skipped, null, 2)}\n`);
console.log(`${written} recordings written to ${relative(root, out)}; ${skipped.length} scenarios skipped (skipped.json says why)`);
