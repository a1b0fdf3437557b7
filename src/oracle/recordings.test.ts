/**
 * The engine held to real kernels (issue 12): every recording of oracle/recorded/<kernel>/ is run
 * through the engine under that kernel's profile and compared; each disagreement must be listed in
 * oracle/known-differences.yaml (with why), and each listed one must still happen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { runEngine } from '../engine/run-engine.js';
import { loadScenario } from '../load/load-scenario.js';
import { ERRNO } from '../model/errno.js';
import type { ProfileName } from '../model/knobs.js';
import { oracleEligibility } from './eligibility.js';
import { compareWithRecording, type Recording } from './recording.js';

const oracle = suite('oracle recordings');
const root = fileURLToPath(new URL('../../', import.meta.url));
const KERNELS: Record<string, ProfileName> = { '6.12': 'v6.12', '6.1': 'v6.1' };

function recordings(kernel: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.json') && entry.name !== 'skipped.json' ? [join(dir, entry.name)] : []));
  return walk(join(root, 'oracle', 'recorded', kernel)).sort();
}

interface Known {
  kernel: string;
  scenario: string;
  node: string;
  field: string;
  predicted: string;
  observed: string;
  why: string;
}

const known = parse(readFileSync(join(root, 'oracle', 'known-differences.yaml'), 'utf8')) as Known[];
const key = (d: { kernel: string; scenario: string; node: string; field: string; predicted: string; observed: string }) => `${d.kernel} ${d.scenario} ${d.node} ${d.field}: predicted ${d.predicted}, observed ${d.observed}`;

oracle('every known difference says why', () => {
  assert.equal(known.filter((entry) => typeof entry.why !== 'string' || entry.why.trim() === '').map(key), []);
});

for (const kernel of Object.keys(KERNELS)) {
  oracle(`the engine under ${KERNELS[kernel]} agrees with every recording of Linux ${kernel}, but for the known differences`, () => {
    const files = recordings(kernel);
    assert.ok(files.length >= 90, `${files.length} recordings of ${kernel}`);
    const found: string[] = [];
    for (const file of files) {
      const recording = JSON.parse(readFileSync(file, 'utf8')) as Recording;
      assert.is(`${recording.scenario}.json`, relative(join(root, 'oracle', 'recorded', kernel), file));
      assert.ok(recording.kernel.startsWith(kernel), `${file}: recorded on ${recording.kernel}`);
      const path = join(root, 'scenarios', `${recording.scenario}.yaml`);
      const { scenario } = loadScenario(readFileSync(path, 'utf8'), relative(root, path), recording.scenario);
      assert.ok(scenario !== null && oracleEligibility(scenario) === null, `${recording.scenario} is recorded but not eligible`);
      if (scenario === null) continue;
      const { result } = runEngine(scenario, { profile: KERNELS[kernel] });
      for (const d of compareWithRecording(result.devices, recording, (name) => ERRNO[name] ?? null)) found.push(key({ kernel, scenario: recording.scenario, ...d }));
    }
    const listed = known.filter((entry) => entry.kernel === kernel).map(key);
    assert.equal(found.filter((d) => !listed.includes(d)), [], 'disagreements not in oracle/known-differences.yaml: fix the engine or list them with why');
    assert.equal(listed.filter((d) => !found.includes(d)), [], 'known differences that no longer happen: remove them');
  });
}

oracle('the comparison catches a disagreement (it can fail)', () => {
  const recording: Recording = { version: 1, scenario: 's', kernel: '6.12', nodes: { a: { path: '/a', state: 'pending', driver: null, error: null, dma: null, attempts: 2, bind_order: null, bound_time: null } }, no_device: [], unmapped: [] };
  const device = { name: 'a', state: 'bound' as const, driver: 'd', dma: 'direct' as const, iommus: [], dma_coherent: false, attempts: 1, bound_seq: 3, bound_time: 0, error: null, waiting_for: null, cause: null };
  assert.equal(compareWithRecording([device], recording, () => null), [{ node: 'a', field: 'state', predicted: 'bound', observed: 'pending' }]);
});

oracle.run();
