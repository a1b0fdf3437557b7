/** formatExplanation and formatExplanationJson: the text tree is the product, so it is asserted whole. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runYaml } from '../../test/support/run-yaml.js';
import { explainDevice, type Explanation } from './explain-device.js';
import { formatExplanation } from './format-explanation.js';
import { EXPLAIN_JSON_VERSION, explanationRows, formatExplanationJson } from './format-explanation-json.js';

const YAML = `
description: an IOMMU that waits for a clock controller nobody loads
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1 }
  smmu: { compatible: [arm,smmu], iommu-cells: 1, clocks: [cmu 1] }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1] }
drivers:
  acme-cmu: { compatible: [acme,cmu], build: module }
  arm-smmu: { compatible: [arm,smmu] }
  acme-dpu: { compatible: [acme,dpu] }
`;

const text = suite('formatExplanation');

text('renders the tree: facts and suppliers as branches, rule tags, #seq references, the root cause marked', () => {
  const run = runYaml(YAML);
  assert.fixture(
    formatExplanation(explainDevice(run.scenario, run.result, 'dpu')),
    [
      'dpu: bound [K5.5] — gave up waiting for IOMMU smmu and bound to acme-dpu with direct DMA at #28',
      '├─ 4 probe attempts (#9 … #28)',
      '├─ deferred: IOMMU smmu not registered [K5.5] #9, #13, #18',
      '├─ deferred probe timeout expired #21 [K9.3]',
      '├─ warning: deferred probe timeout, ignoring dependency [K5.5] #26',
      '├─ dma direct: timeout, ignoring IOMMU smmu [K5.5] #27',
      '└─ smmu: pending [K7.1] — clock provider cmu not registered',
      '   ├─ 5 probe attempts (#7 … #30)',
      '   ├─ deferred: supplier cmu not ready [K3.1] #7, #12, #17',
      '   ├─ deferred: clock provider cmu not registered [K7.1] #25, #30',
      '   ├─ fw_devlink: link to cmu relaxed #23 [K8.5]',
      '   ├─ still pending after the deferred probe timeout #31 [K9.3]',
      '   └─ cmu: no-driver [K10.1] — its driver acme-cmu is a module (build: module) and no timeline entry loads it (modprobe)  ← root cause: module never loaded',
      '',
    ].join('\n'),
  );
});

text('a node with children after its details keeps the │ rail for the facts above the last child', () => {
  const leaf = (node: string): Explanation => ({
    kind: 'driver-absent',
    node,
    state: 'no-driver',
    rule: 'K2.1',
    seqs: { first_attempt: null, last_attempt: null, bound: null, reason: [] },
    text: 'no driver',
    details: ['detail'],
    children: [],
  });
  const tree: Explanation = { ...leaf('a'), kind: 'timeout', rule: 'K8.5', text: 'gave up', details: ['one'], children: [leaf('b'), leaf('c')] };
  assert.fixture(
    formatExplanation(tree),
    [
      'a: no-driver [K8.5] — gave up',
      '├─ one',
      '├─ b: no-driver [K2.1] — no driver  ← root cause: no driver',
      '│  └─ detail',
      '└─ c: no-driver [K2.1] — no driver  ← root cause: no driver',
      '   └─ detail',
      '',
    ].join('\n'),
  );
});

text.run();

const json = suite('formatExplanationJson');

json('the same tree as data: nodes in pre-order with children as ids, the root causes listed, where it came from', () => {
  const run = runYaml(YAML);
  const tree = explainDevice(run.scenario, run.result, 'dpu');
  const out = formatExplanationJson(tree, { scenario: 'cases/x', file: 'scenarios/cases/x.yaml', profile: 'v6.15' });
  assert.ok(out.endsWith('}\n'));
  const document = JSON.parse(out);
  assert.is(document.version, EXPLAIN_JSON_VERSION);
  assert.equal([document.scenario, document.file, document.profile, document.device], ['cases/x', 'scenarios/cases/x.yaml', 'v6.15', 'dpu']);
  assert.equal(document.root_causes, [{ id: 2, node: 'cmu', kind: 'module-not-loaded', rule: 'K10.1' }]);
  assert.equal(
    document.nodes.map((row: { id: number; node: string; kind: string; children: number[] }) => [row.id, row.node, row.kind, row.children]),
    [
      [0, 'dpu', 'timeout', [1]],
      [1, 'smmu', 'depends', [2]],
      [2, 'cmu', 'module-not-loaded', []],
    ],
  );
  assert.equal(Object.keys(document.nodes[0]), ['id', 'kind', 'node', 'state', 'rule', 'seqs', 'text', 'details', 'children']);
  assert.equal(document.nodes[0].seqs, { first_attempt: 9, last_attempt: 28, bound: 28, reason: [9, 13, 18, 21, 26, 27, 28] });
  assert.equal({ ...document.nodes[1], id: undefined, children: undefined }, { ...JSON.parse(JSON.stringify(tree.children[0])), id: undefined, children: undefined });
});

json('explanationRows lists a node with two children before both, in order', () => {
  const node = (name: string, children: Explanation[] = []): Explanation => ({
    kind: children.length === 0 ? 'bound' : 'timeout',
    node: name,
    state: 'bound',
    rule: 'K2.3',
    seqs: { first_attempt: null, last_attempt: null, bound: null, reason: [] },
    text: '',
    details: [],
    children,
  });
  const rows = explanationRows(node('a', [node('b', [node('c')]), node('d')]));
  assert.equal(rows.map((row) => `${row.id}:${row.node}:${row.children.join(',')}`), ['0:a:1,3', '1:b:2', '2:c:', '3:d:']);
});

json.run();

const deep = suite('formatExplanation on deep chains');

deep('a chain deeper than one block goes on in numbered parts, so the text stays linear in size', () => {
  const chainOf = (n: number): Explanation => {
    let node: Explanation = { kind: 'driver-absent', node: 'd0', state: 'no-driver', rule: 'K2.1', seqs: { first_attempt: null, last_attempt: null, bound: null, reason: [] }, text: 'no driver', details: [], children: [] };
    for (let i = 1; i < n; i++) node = { ...node, kind: 'depends', node: `d${i}`, state: 'pending', rule: 'K3.1', text: `waiting for supplier d${i - 1}`, details: ['fact'], children: [node] };
    return node;
  };
  const text = formatExplanation(chainOf(40));
  assert.ok(text.includes('└─ d22: pending [K3.1] … continued in (1) below\n\n(1) continued:\nd22: pending [K3.1] — waiting for supplier d21\n'), text);
  assert.ok(text.includes('└─ d5: pending [K3.1] … continued in (2) below\n\n(2) continued:\nd5: '));
  assert.ok(text.endsWith('└─ d0: no-driver [K2.1] — no driver  ← root cause: no driver\n'));
  const long = formatExplanation(chainOf(5000));
  assert.ok(long.length < 5000 * 200, `${long.length} characters`);
  const json = JSON.parse(formatExplanationJson(chainOf(5000), { scenario: 's', file: 'f', profile: 'v6.15' }));
  assert.is(json.nodes.length, 5000);
  assert.equal(json.root_causes, [{ id: 4999, node: 'd0', kind: 'driver-absent', rule: 'K2.1' }]);
});

deep.run();
