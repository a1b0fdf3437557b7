/** Where `probe-run check` puts a diagnostic, and what it suggests (issue 11): through main() with real stages and a fake io. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeFakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';

/** `line:col code` of each diagnostic line `check` prints for one scenario, and the messages. */
async function check(source: string): Promise<{ places: string[]; messages: string[] }> {
  const fake = makeFakeIo({ files: { 'scenarios/t/x.yaml': source } });
  await main(['check', 'scenarios/t/x.yaml'], fake);
  const lines = fake.out().split('\n').filter((line) => line.startsWith('scenarios/t/x.yaml:'));
  return {
    places: lines.map((line) => /^scenarios\/t\/x\.yaml:(\d+:\d+): (?:error|warning) ([a-z-]+):/.exec(line)!.slice(1, 3).join(' ')),
    messages: lines.map((line) => line.replace(/^[^:]*:\d+:\d+: (error|warning) [a-z-]+: /, '')),
  };
}

const DRIVERS = 'drivers:\n  acme-dpu: { compatible: [acme,dpu] }\n';

const indent = suite('diagnostics: a mis-indented key');

indent('indented more than the key above it: at the key on its own line, not on the line above', async () => {
  const { places, messages } = await check(`description: x\nnodes:\n  dpu:\n    compatible: acme,dpu\n      status: okay\n${DRIVERS}`);
  assert.equal(places, ['5:7 yaml-syntax']);
  assert.match(messages[0], /^"status" is indented more than the key above it/);
});

indent('indented less or more than its siblings: each at its key, not at column 1', async () => {
  const { places, messages } = await check(`description: x\nnodes:\n  dpu:\n    compatible: [acme,dpu]\n     status: okay\n     hotplug: true\n${DRIVERS}`);
  assert.equal(places, ['5:6 yaml-syntax', '6:6 yaml-syntax']);
  assert.is(messages[0], '"status" is not indented like the keys around it; all keys of one mapping start at the same column');
  const top = await check(`description: x\n${DRIVERS} nodes:\n  dpu:\n    compatible: [acme,dpu]\n`);
  assert.equal(top.places, ['4:2 yaml-syntax']);
});

indent('a mis-indented list item: at its dash, and the lines after it are not blamed', async () => {
  const { places, messages } = await check(`description: x\nnodes:\n  dpu:\n    compatible:\n    - acme,dpu\n   - acme,other\n    status: okay\n${DRIVERS}`);
  assert.equal(places, ['6:4 yaml-syntax']);
  assert.match(messages[0], /^this list item is not indented like the items above it/);
});

indent.run();

const bomb = suite('diagnostics: an alias bomb');

bomb('has a line and column: the first alias of an anchor made of aliases', async () => {
  const lines = ['description: bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const [name, of] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) lines.push(`${name}: &${name} [${Array(10).fill(`*${of}`).join(', ')}]`);
  const { places } = await check(`${lines.join('\n')}\n`);
  assert.equal(places, ['4:8 too-large']);
});

bomb('one big anchor aliased too often: at the first alias', async () => {
  let text = 'description: x\nnodes:\n  a: &n { compatible: [x,a], clocks: [a, a, a, a, a, a, a, a] }\n';
  for (let i = 0; i < 500; i++) text += `  n${i}: *n\n`;
  const { places } = await check(text);
  assert.equal(places, ['4:7 too-large']);
});

bomb.run();

const labels = suite('diagnostics: an unknown label');

const NODES = `description: x
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1 }
  pmu: { compatible: [acme,pmu], clock-cells: 1 }
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
`;

labels('not a near typo: lists the labels of the right kind (providers of that kind)', async () => {
  const { places, messages } = await check(`${NODES}  dpu: { compatible: [acme,dpu], clocks: [osc 1] }\n${DRIVERS}`);
  assert.equal(places, ['6:43 unknown-label']);
  assert.is(messages[0], 'unknown label "osc" in clocks of node "dpu"; the clock providers (nodes with clock-cells) are "cmu", "pmu"');
});

labels('a near typo of a label of the wrong kind is not suggested; the right kind is listed', async () => {
  const { messages } = await check(`${NODES}  dpu: { compatible: [acme,dpu], iommus: [dpu 1] , clocks: [cmu0 1] }\n${DRIVERS}`);
  assert.equal(messages.filter((message) => message.startsWith('unknown label "cmu0"')), ['unknown label "cmu0" in clocks of node "dpu"; did you mean "cmu"?']);
  const gpu = await check(`${NODES}  dpu: { compatible: [acme,dpu], iommus: [gpu 1] }\n${DRIVERS}`);
  assert.is(gpu.messages[0], 'unknown label "gpu" in iommus of node "dpu"; the iommu providers (nodes with iommu-cells) are "smmu"');
});

labels('no provider of that kind at all, and kinds that point at any node', async () => {
  const { messages } = await check(`${NODES}  dpu: { compatible: [acme,dpu], power-domains: [pd], extcon: [usb] }\n${DRIVERS}`);
  assert.equal(messages, [
    'unknown label "pd" in power-domains of node "dpu"; there are no power-domain providers (nodes with power-domain-cells)',
    'unknown label "usb" in extcon of node "dpu"; the node labels are "cmu", "pmu", "smmu", "dpu"',
  ]);
});

labels.run();
