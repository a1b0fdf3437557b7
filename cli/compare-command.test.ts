/** `probe-run compare` through main(): a scenario against a dump a real 6.12 wrote (oracle/fixtures). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeFakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';

const compare = suite('probe-run compare');
const root = fileURLToPath(new URL('..', import.meta.url));

/** The scenario and its 6.12 dump as fake files: scenarios/<id>.yaml and dump/<file>. */
function filesOf(id: string): Record<string, string> {
  const files: Record<string, string> = { [`scenarios/${id}.yaml`]: readFileSync(join(root, 'scenarios', `${id}.yaml`), 'utf8') };
  const dump = join(root, 'oracle', 'fixtures', '6.12', id);
  for (const name of readdirSync(dump)) files[`dump/${name}`] = readFileSync(join(dump, name), 'utf8');
  return files;
}

compare('a scenario the real kernel agrees with: exit 0, every node counted', async () => {
  const io = makeFakeIo({ files: filesOf('cases/case-2-iommu-probed') });
  assert.is(await main(['compare', 'scenarios/cases/case-2-iommu-probed.yaml', 'dump'], io), 0);
  assert.match(io.out(), /^3 of 3 nodes agree with 6\.12\.117 \(cases\/case-2-iommu-probed\)\n/);
});

compare('a disagreement: exit 1, predicted against observed, with the trace lines behind the prediction; JSON too', async () => {
  // K1.4: the kernel registers the late acme-ccu after deferred_probe_initcall, so the bind order differs.
  const io = makeFakeIo({ files: filesOf('rules/k3.6-probe-results') });
  assert.is(await main(['compare', 'scenarios/rules/k3.6-probe-results.yaml', 'dump'], io), 1);
  assert.match(io.out(), /\nccu: bind-order predicted ccu dsp, observed dsp ccu\n    \[    0\.000000\] ccu: /);
  const json = makeFakeIo({ files: filesOf('rules/k3.6-probe-results') });
  assert.is(await main(['compare', '--reporter', 'json', 'scenarios/rules/k3.6-probe-results.yaml', 'dump'], json), 1);
  const report = JSON.parse(json.out());
  assert.equal(report.disagreements, [{ node: 'ccu', field: 'bind-order', predicted: 'ccu dsp', observed: 'dsp ccu' }]);
});

compare('bad input: not a dump, or one argument: exit 2', async () => {
  const io = makeFakeIo({ files: { 'scenarios/a.yaml': 'description: x\nnodes:\n  a: { compatible: [x,a] }\n', 'dump/other.txt': 'x' } });
  assert.is(await main(['compare', 'scenarios/a.yaml', 'dump'], io), 2);
  assert.match(io.err(), /has no devices\.tsv: not a board dump/);
  assert.is(await main(['compare', 'scenarios/a.yaml'], makeFakeIo()), 2);
});

compare.run();
