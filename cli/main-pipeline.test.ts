import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeFakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';

// main() with the real loader, engine and trace formatter (no stub stages), on an in-memory tree.
const test = suite('main with the real pipeline');

const BOARD = `description: A display behind an SMMU that needs a clock.
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1 }
  smmu: { compatible: [arm,mmu-500], iommu-cells: 1, clocks: [cmu 1] }
  dpu: { compatible: [acme,dpu], iommus: [smmu 0x800], clocks: [cmu 7] }
drivers:
  acme-cmu: { compatible: [acme,cmu], initcall: core }
  arm-smmu: { compatible: [arm,mmu-500] }
  acme-dpu: { compatible: [acme,dpu] }
expect:
  dpu: { state: bound, dma: iommu }
`;

const TYPO = `description: iommus spelt wrong
nodes:
  smmu: { compatible: [arm,mmu-500], iommu-cells: 1 }
  dpu:
    compatible: [acme,dpu]
    iommu: [smmu 1]
drivers:
  arm-smmu: { compatible: [arm,mmu-500] }
`;

const tree = () => ({ 'scenarios/cases/board.yaml': BOARD, 'scenarios/invalid/typo.yaml': TYPO });

test('new → --update-golden → pass, for a trace and for an errors golden', async () => {
  const fake = makeFakeIo({ files: tree() });
  assert.is(await main([], fake), 2, 'an invalid scenario without an errors golden is exit 2');
  assert.ok(fake.out().includes('NEW      cases/board\n'));
  assert.match(fake.out(), /INVALID  invalid\/typo\nscenarios\/invalid\/typo\.yaml:6:5: error unknown-key: /);

  assert.is(await main(['--update-golden'], fake), 0, fake.out());
  const trace = fake.files.get('/work/golden/cases/board.trace') ?? '';
  assert.ok(trace.includes('cases/board'), 'the trace header names the scenario');
  assert.ok(trace.endsWith('\n'));
  assert.match(fake.files.get('/work/golden/invalid/typo.errors.txt') ?? '', /^scenarios\/invalid\/typo\.yaml:6:5: error unknown-key: /);

  const again = makeFakeIo({ files: Object.fromEntries([...fake.files].map(([path, text]) => [path.slice('/work/'.length), text])) });
  assert.is(await main([], again), 0, again.out());
  assert.is(again.out(), 'PASS     cases/board\nPASS     invalid/typo\n\n2 passed, 0 failed\n');
});

test('a changed golden line makes the run exit 1 with a diff; --update-golden restores it', async () => {
  const fake = makeFakeIo({ files: tree() });
  await main(['--update-golden'], fake);
  const golden = fake.files.get('/work/golden/cases/board.trace') ?? '';
  const lines = golden.split('\n');
  const edited = [...lines];
  edited[3] = `${edited[3]} (edited)`;
  fake.files.set('/work/golden/cases/board.trace', edited.join('\n'));
  assert.is(await main(['scenarios/cases'], fake), 1);
  assert.ok(fake.out().includes(`-${edited[3]}\n+${lines[3]}\n`));
  assert.is(await main(['--update-golden', 'scenarios/cases'], fake), 0);
  assert.is(fake.files.get('/work/golden/cases/board.trace'), golden);
});

test('the JSON report carries the real final-state table with exactly the SPEC device fields', async () => {
  const fake = makeFakeIo({ files: tree() });
  await main(['--update-golden'], fake);
  const json = makeFakeIo({ files: Object.fromEntries([...fake.files].map(([path, text]) => [path.slice('/work/'.length), text])) });
  assert.is(await main(['--reporter', 'json', 'scenarios/cases'], json), 0);
  const report = JSON.parse(json.out()) as { results: { status: string; outcome: { devices: Record<string, unknown>[] } }[] };
  assert.is(report.results[0].status, 'pass');
  const devices = report.results[0].outcome.devices;
  assert.equal(devices.map((device) => device.name), ['cmu', 'smmu', 'dpu']);
  for (const device of devices) {
    assert.equal(Object.keys(device), ['name', 'state', 'driver', 'dma', 'iommus', 'attempts', 'bound_seq', 'bound_time', 'error', 'waiting_for']);
  }
  const dpu = devices[2];
  assert.is(dpu.state, 'bound');
  assert.is(dpu.dma, 'iommu');
  assert.equal(dpu.iommus, ['smmu']);
  assert.is(typeof dpu.bound_seq, 'number');
});

test('check validates with the real loader', async () => {
  const fake = makeFakeIo({ files: tree() });
  assert.is(await main(['check', 'scenarios/cases'], fake), 0);
  assert.is(await main(['check', 'scenarios/invalid'], fake), 2);
});

test.run();
