import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exportDts } from '../src/export/export-dts.js';
import { loadScenario } from '../src/load/load-scenario.js';
import { makeFakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';

const SCENARIO = `description: an IOMMU master
nodes:
  smmu: { compatible: [arm,mmu-500], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 0x800] }
drivers:
  arm-smmu: { compatible: [arm,mmu-500] }
  acme-dpu: { compatible: [acme,dpu] }
`;

const cli = suite('probe-run export-dts');

cli('exit 0 with the DTS on stdout and nothing written', async () => {
  const fake = makeFakeIo({ files: { 'scenarios/cases/iommu.yaml': SCENARIO } });
  assert.is(await main(['export-dts', 'scenarios/cases/iommu.yaml'], fake), 0);
  assert.ok(fake.out().startsWith('/dts-v1/;\n\n/*\n * probe-run scenario cases/iommu\n'), fake.out().slice(0, 80));
  assert.ok(fake.out().includes('\tdpu: dpu {\n\t\tcompatible = "acme,dpu";\n\t\tstatus = "okay";\n\t\tprobe-run,label = "dpu";\n\t\tiommus = <&smmu 0x800>;\n\t};\n'));
  assert.is(fake.err(), '');
  assert.equal(fake.log, []);
});

cli('an invalid scenario prints its diagnostics and exits 2', async () => {
  const fake = makeFakeIo({ files: { 'scenarios/cases/bad.yaml': SCENARIO.replace('smmu 0x800', 'smu 0x800') } });
  assert.is(await main(['export-dts', 'scenarios/cases/bad.yaml'], fake), 2);
  assert.match(fake.err(), /scenarios\/cases\/bad\.yaml:4:\d+: error unknown-label: /);
  assert.is(fake.out(), '');
});

cli('a folder, a missing file or a second argument is a usage error, exit 2', async () => {
  const fake = makeFakeIo({ files: { 'scenarios/cases/iommu.yaml': SCENARIO } });
  assert.is(await main(['export-dts', 'scenarios/cases'], fake), 2);
  assert.is(await main(['export-dts', 'scenarios/cases/nope.yaml'], fake), 2);
  assert.is(await main(['export-dts', 'scenarios/cases/iommu.yaml', 'dpu'], fake), 2);
  assert.is(await main(['export-dts', 'scenarios/cases/iommu.yaml', '--reporter', 'json'], fake), 2);
  assert.is(fake.out(), '');
});

cli.run();

// SPEC section 8: dtc compiles every bundled scenario's export without a single warning.
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'scenarios');

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'invalid' && dir === root ? [] : scenarioFiles(path);
      return entry.name.endsWith('.yaml') ? [path] : [];
    });
}

const dtc = suite('dtc on every bundled scenario');
const version = spawnSync('dtc', ['--version'], { encoding: 'utf8' });

if (version.error !== undefined || version.status !== 0) {
  dtc('skipped: dtc is not on PATH (apt-get install device-tree-compiler)', () => {
    console.log('dtc on every bundled scenario: skipped, dtc is not on PATH (apt-get install device-tree-compiler)');
  });
} else {
  const files = scenarioFiles(root);
  dtc('the bundled scenarios are there to compile', () => {
    assert.ok(files.length > 50, `only ${files.length} scenarios found under ${root}`);
  });
  for (const file of files) {
    const id = relative(root, file).replace(/\.yaml$/, '');
    dtc(`${id} compiles without a warning`, () => {
      const { scenario, diagnostics } = loadScenario(readFileSync(file, 'utf8'), file, id);
      assert.ok(scenario !== null, `${id} does not load: ${diagnostics.map((d) => d.message).join('; ')}`);
      const result = spawnSync('dtc', ['-I', 'dts', '-O', 'dtb', '-o', '/dev/null', '-'], { input: exportDts(scenario), encoding: 'utf8' });
      assert.is(result.stderr, '', `dtc on ${id}`);
      assert.is(result.status, 0, `dtc exit status on ${id}`);
    });
  }
}

dtc.run();
