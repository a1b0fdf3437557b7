import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeFakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';
import { readPackageFile } from './package-files.js';

const init = suite('probe-run init');

init('writes the example, its golden and the schema copy; the example passes at once and its modeline points at the copy', async () => {
  const fake = makeFakeIo();
  assert.is(await main(['init', 'proj'], fake), 0);
  assert.equal(fake.out().split('\n').slice(0, 3), [
    'wrote proj/scenarios/examples/display-waits-for-iommu.yaml',
    'wrote proj/golden/examples/display-waits-for-iommu.trace',
    'wrote proj/schema/scenario.schema.json',
  ]);
  const scenario = fake.files.get('/work/proj/scenarios/examples/display-waits-for-iommu.yaml')!;
  assert.is(scenario.split('\n')[0], '# yaml-language-server: $schema=../../schema/scenario.schema.json');
  assert.is(fake.files.get('/work/proj/schema/scenario.schema.json'), readPackageFile('schema/scenario.schema.json'));
  assert.ok(fake.files.get('/work/proj/golden/examples/display-waits-for-iommu.trace')!.startsWith('# probe-run trace v'));

  const run = makeFakeIo({ files: Object.fromEntries([...fake.files].map(([path, text]) => [path.replace('/work/', ''), text])) });
  assert.is(await main(['proj/scenarios'], run), 0, run.out() + run.err());
  assert.match(run.out(), /PASS\s+examples\/display-waits-for-iommu/);
});

init('without DIR it writes into the current folder', async () => {
  const fake = makeFakeIo();
  assert.is(await main(['init'], fake), 0);
  assert.ok(fake.files.has('/work/scenarios/examples/display-waits-for-iommu.yaml'));
  assert.ok(fake.files.has('/work/schema/scenario.schema.json'));
});

init('refuses to overwrite: exit 2, the existing files named, nothing written', async () => {
  const fake = makeFakeIo({ files: { 'proj/schema/scenario.schema.json': 'mine\n' } });
  assert.is(await main(['init', 'proj'], fake), 2);
  assert.is(fake.err(), 'probe-run: init writes nothing: proj/schema/scenario.schema.json already exists (remove it, or pick another folder)\n');
  assert.equal(fake.log.filter((entry) => !entry.startsWith('mkdir')), []);
  assert.is(fake.files.get('/work/proj/schema/scenario.schema.json'), 'mine\n');
  assert.not.ok(fake.files.has('/work/proj/scenarios/examples/display-waits-for-iommu.yaml'));
});

init('takes at most one folder and no run options', async () => {
  const two = makeFakeIo();
  assert.is(await main(['init', 'a', 'b'], two), 2);
  assert.match(two.err(), /'probe-run init' takes at most one folder/);
  const option = makeFakeIo();
  assert.is(await main(['init', '--reporter', 'json'], option), 2);
  assert.match(option.err(), /--reporter cannot be used with 'probe-run init'/);
});

init.run();
