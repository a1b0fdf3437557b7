/** explainDevice on small scenarios: one test per root-cause kind, plus the walk's shape (depends chains, cycles). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runYaml, type TestRun } from '../../test/support/run-yaml.js';
import { explainDevice, rootCausesOf, ROOT_CAUSE_KINDS, type Explanation } from './explain-device.js';

const test = suite('explainDevice');

function explain(yaml: string, device: string): { run: TestRun; tree: Explanation } {
  const run = runYaml(yaml);
  return { run, tree: explainDevice(run.scenario, run.result, device) };
}

/** The chain of (node, kind, rule) from the root to the first leaf. */
function chain(tree: Explanation): string[] {
  const out: string[] = [];
  for (let node: Explanation | undefined = tree; node !== undefined; node = node.children[0]) out.push(`${node.node} ${node.kind} ${node.rule}`);
  return out;
}

/** The seq of the first event whose trace line contains `text` (for one device, when given). */
function seqOf(run: TestRun, text: string, device?: string): number {
  const event = run.result.events.find((e) => {
    const line = run.lines().at(e.seq - 1) ?? '';
    return line.includes(text) && (device === undefined || line.startsWith(`${device}: `));
  });
  if (event === undefined) throw new Error(`no event with "${text}"`);
  return event.seq;
}

const clockConsumer = (cmuDriver: string, extra = '') => `
description: a clock controller and one consumer
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1 }
  uart: { compatible: [acme,uart], clocks: [cmu 3] }
drivers:
  acme-uart: { compatible: [acme,uart] }
${cmuDriver}
${extra}`;

test('driver-absent: no driver lists the compatible (K2.1), reached through the consumer waiting for it', () => {
  const { tree } = explain(clockConsumer(''), 'uart');
  // The fw_devlink link is relaxed at drivers-done (cmu never matched), then clk_get defers forever (K7.1).
  assert.equal(chain(tree), ['uart depends K7.1', 'cmu driver-absent K2.1']);
  assert.is(tree.state, 'pending');
  assert.match(tree.children[0].text, /no driver in drivers: matches its compatible "acme,cmu"/);
});

test('driver-absent: the only matching driver is build: absent (K10.1)', () => {
  const { tree } = explain(clockConsumer('  acme-cmu: { compatible: [acme,cmu], build: absent }'), 'cmu');
  assert.is(tree.kind, 'driver-absent');
  assert.is(tree.rule, 'K10.1');
  assert.is(tree.state, 'no-driver');
  assert.match(tree.text, /acme-cmu is build: absent/);
});

test('module-not-loaded: a module no timeline entry loads; with CONFIG_MODULES off the text says so', () => {
  const { tree } = explain(clockConsumer('  acme-cmu: { compatible: [acme,cmu], build: module }'), 'uart');
  assert.equal(chain(tree), ['uart depends K7.1', 'cmu module-not-loaded K10.1']);
  assert.match(tree.children[0].text, /acme-cmu is a module .* no timeline entry loads it/);

  const off = explain(clockConsumer('  acme-cmu: { compatible: [acme,cmu], build: module }', 'kernel: { modules: false }\ntimeline:\n  - { at: 1, modprobe: acme-cmu }'), 'cmu');
  assert.is(off.tree.kind, 'module-not-loaded');
  assert.match(off.tree.text, /CONFIG_MODULES is off/);
  assert.equal(off.tree.seqs.reason, [seqOf(off.run, 'modprobe acme-cmu: nothing to do')]);
});

test('fault: an injected probe() error fails the device for good (K3.4, K3.6)', () => {
  const { run, tree } = explain(clockConsumer('  acme-cmu: { compatible: [acme,cmu] }', 'faults:\n  cmu: { probe: [-EIO] }'), 'uart');
  assert.equal(chain(tree), ['uart depends K3.1', 'cmu fault K3.4']);
  const cmu = tree.children[0];
  assert.is(cmu.state, 'failed -5');
  const failed = seqOf(run, 'failed with error -5', 'cmu');
  assert.equal([cmu.seqs.first_attempt, cmu.seqs.last_attempt, cmu.seqs.bound], [failed, failed, null]);
  assert.ok(cmu.details.some((line) => line.includes('[K3.6]')));
});

test('fault: a power domain whose power-on fails (K6.1) is the root, with the power-on event', () => {
  const { run, tree } = explain(
    `
description: power-on fault
nodes:
  pd: { compatible: [acme,pd], power-domain-cells: 0 }
  gpu: { compatible: [acme,gpu], power-domains: [pd] }
drivers:
  acme-pd: { compatible: [acme,pd] }
  acme-gpu: { compatible: [acme,gpu] }
faults:
  pd: { power-on: -ETIMEDOUT }
`,
    'gpu',
  );
  assert.equal(chain(tree), ['gpu fault K6.1']);
  // K6.1 (v6.x): the failure defers, and power-on is tried again at every attempt.
  assert.is(tree.state, 'pending');
  assert.match(tree.text, /defers the device at every attempt/);
  assert.ok(tree.seqs.reason.includes(seqOf(run, 'power on failed', 'gpu')));
  assert.match(tree.text, /faults: pd: power-on/);
});

test('fault: of_xlate returning -EPROBE_DEFER keeps the master pending (K5.4)', () => {
  const { tree } = explain(
    `
description: xlate defers
nodes:
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1] }
drivers:
  arm-smmu: { compatible: [arm,smmu] }
  acme-dpu: { compatible: [acme,dpu] }
faults:
  dpu: { xlate: -EPROBE_DEFER }
`,
    'dpu',
  );
  assert.equal(chain(tree), ['dpu fault K5.4']);
  assert.is(tree.state, 'pending');
});

const lateIommu = (smmuDriver: string, timeline: string) => `
description: an IOMMU master and its IOMMU
nodes:
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1] }
drivers:
  acme-dpu: { compatible: [acme,dpu] }
${smmuDriver}
${timeline}`;

test('timeout: a bound device that gave up on its IOMMU at the timeout (K5.5), the warning seq in its reasons', () => {
  const { run, tree } = explain(lateIommu('  arm-smmu: { compatible: [arm,smmu], build: module }', 'timeline:\n  - { at: 15, modprobe: arm-smmu }'), 'dpu');
  assert.is(tree.kind, 'timeout');
  assert.is(tree.rule, 'K5.5');
  assert.is(tree.state, 'bound');
  assert.equal(tree.children, [], 'the IOMMU bound later: the timeout is the root cause');
  const warning = seqOf(run, 'warning: deferred probe timeout, ignoring dependency', 'dpu');
  assert.ok(tree.seqs.reason.includes(warning));
  assert.ok(tree.seqs.reason.includes(seqOf(run, 'deferred probe timeout expired')));
  assert.is(tree.seqs.bound, run.device('dpu').bound_seq);
  assert.ok(tree.details.some((line) => line.startsWith('smmu registered only later') && line.includes('arm-smmu loaded by modprobe')));
});

test('timeout: when the IOMMU never came, the walk goes on to its own root cause', () => {
  const { tree } = explain(lateIommu('  arm-smmu: { compatible: [arm,smmu], build: absent }', ''), 'dpu');
  assert.equal(chain(tree), ['dpu timeout K5.5', 'smmu driver-absent K10.1']);
});

test('timeout: a missing power domain fails the probe with -ETIMEDOUT at the timeout (K6.2)', () => {
  const { tree } = explain(
    `
description: missing power domain
nodes:
  pd: { compatible: [acme,pd], power-domain-cells: 0 }
  isp: { compatible: [acme,isp], power-domains: [pd] }
drivers:
  acme-isp: { compatible: [acme,isp] }
`,
    'isp',
  );
  assert.equal(chain(tree), ['isp timeout K6.2', 'pd driver-absent K2.1']);
  assert.is(tree.state, 'failed -110');
  assert.ok(tree.details.some((line) => line.startsWith('warning: deferred probe timeout, ignoring dependency (power domain pd) [K6.2] #')));
});

test('disabled: a consumer of a disabled clock provider waits forever (K7.1 → K2.2)', () => {
  const { tree } = explain(
    `
description: disabled provider
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1, status: disabled }
  uart: { compatible: [acme,uart], clocks: [cmu 3] }
drivers:
  acme-cmu: { compatible: [acme,cmu] }
  acme-uart: { compatible: [acme,uart] }
`,
    'uart',
  );
  assert.equal(chain(tree), ['uart depends K7.1', 'cmu disabled K2.2']);
});

test('not-created: a hot-pluggable node nobody adds (K10.2); a child of an unbound parent depends on the parent (K3.5)', () => {
  const yaml = `
description: hotplug and children
nodes:
  cam: { compatible: [acme,cam], hotplug: true }
  bus:
    compatible: [acme,bus]
    children:
      dev0: { compatible: [acme,dev] }
drivers:
  acme-cam: { compatible: [acme,cam] }
  acme-bus: { compatible: [acme,bus], build: module }
  acme-dev: { compatible: [acme,dev] }
`;
  assert.equal(chain(explain(yaml, 'cam').tree), ['cam not-created K10.2']);
  assert.equal(chain(explain(yaml, 'dev0').tree), ['dev0 depends K3.5', 'bus module-not-loaded K10.1']);
});

test('not-created: a child of an OF_DECLARE node is never added (K1.3)', () => {
  const { tree } = explain(
    `
description: early parent with a child
nodes:
  cmu:
    compatible: [acme,cmu]
    clock-cells: 1
    children:
      sub: { compatible: [acme,sub] }
drivers:
  acme-cmu: { compatible: [acme,cmu], initcall: core, early: true }
  acme-sub: { compatible: [acme,sub] }
`,
    'sub',
  );
  assert.equal(chain(tree), ['sub not-created K1.3']);
});

test('not-created: a device the timeline removed names the remove and the delete', () => {
  const { run, tree } = explain(
    `
description: removed
nodes:
  cam: { compatible: [acme,cam], hotplug: true }
drivers:
  acme-cam: { compatible: [acme,cam] }
timeline:
  - { at: 1, add: cam }
  - { at: 2, remove: cam }
`,
    'cam',
  );
  assert.is(tree.kind, 'not-created');
  assert.equal(tree.seqs.reason, [seqOf(run, 'timeline: remove cam'), seqOf(run, 'device deleted', 'cam')]);
});

test('unbound: the timeline unbound it and nothing bound it again (K10.2)', () => {
  const { run, tree } = explain(clockConsumer('  acme-cmu: { compatible: [acme,cmu] }', 'timeline:\n  - { at: 1, unbind: uart }'), 'uart');
  assert.equal(chain(tree), ['uart unbound K10.2']);
  assert.equal(tree.seqs.reason, [seqOf(run, 'timeline: unbind uart'), seqOf(run, 'unbound from acme-uart', 'uart')]);
});

test('cycle: two drivers that wait for each other end in a cycle leaf instead of recursing', () => {
  const { tree } = explain(
    `
description: vendor waits in a circle
nodes:
  a: { compatible: [acme,a], probe-waits-for: [b] }
  b: { compatible: [acme,b], probe-waits-for: [a] }
drivers:
  acme-a: { compatible: [acme,a] }
  acme-b: { compatible: [acme,b] }
`,
    'a',
  );
  assert.equal(chain(tree), ['a depends K3.4', 'b depends K3.4', 'a cycle K3.4']);
  assert.equal(tree.children[0].children[0].children, []);
});

test('bound: which rule let it bind, with the bind seq; a deferred retry names what it waited for', () => {
  const yaml = clockConsumer('  acme-cmu: { compatible: [acme,cmu], initcall: late }');
  const { run, tree } = explain(yaml, 'uart');
  assert.equal(chain(tree), ['uart bound K4.2']);
  assert.is(tree.seqs.bound, run.device('uart').bound_seq);
  assert.match(tree.text, /on a deferred retry after cmu (bound|registered its providers) \(#\d+\)/);
  assert.ok(tree.details.some((line) => line.startsWith('deferred: supplier cmu not ready [K3.1] #')));
  const cmu = explainDevice(run.scenario, run.result, 'cmu');
  assert.equal(chain(cmu), ['cmu bound K2.3']);
});

test('early: an OF_DECLARE provider (K1.3) with the seq of its registration', () => {
  const { run, tree } = explain(clockConsumer('  acme-cmu: { compatible: [acme,cmu], initcall: core, early: true }'), 'cmu');
  assert.equal(chain(tree), ['cmu early K1.3']);
  assert.equal(tree.seqs.reason, [seqOf(run, 'early provider via acme-cmu')]);
});

test('depends: a master failed with its IOMMU (policy fail, K5.6) leads to the IOMMU fault', () => {
  const { tree } = explain(
    `
description: 3c, policy fail
policy: { iommu_probe_failed: fail }
nodes:
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1] }
drivers:
  arm-smmu: { compatible: [arm,smmu] }
  acme-dpu: { compatible: [acme,dpu] }
faults:
  smmu: { probe: [-EIO] }
`,
    'dpu',
  );
  assert.equal(chain(tree), ['dpu depends K5.6', 'smmu fault K3.4']);
});

test('livelock: a device still queued when the step bound stopped the run (K11.2)', () => {
  const run = runYaml(clockConsumer('  acme-cmu: { compatible: [acme,cmu], initcall: late }', 'step_bound: 2'));
  assert.ok(run.result.livelock);
  const tree = explainDevice(run.scenario, run.result, 'uart');
  assert.equal(rootCausesOf(tree).map((leaf) => leaf.kind), ['livelock']);
});

test('a chain thousands of devices deep is explained without overflowing the stack', () => {
  const n = 3000;
  let yaml = 'description: deep chain\nnodes:\n  d0: { compatible: [c,d0], clock-cells: 0 }\n';
  for (let i = 1; i < n; i++) yaml += `  d${i}: { compatible: [c,d${i}], clock-cells: 0, clocks: [d${i - 1}] }\n`;
  yaml += 'drivers:\n';
  for (let i = 1; i < n; i++) yaml += `  drv${i}: { compatible: [c,d${i}] }\n`;
  const run = runYaml(yaml);
  const tree = explainDevice(run.scenario, run.result, `d${n - 1}`);
  assert.equal(rootCausesOf(tree).map((leaf) => `${leaf.node} ${leaf.kind}`), ['d0 driver-absent']);
  let depth = 0;
  for (let node: Explanation | undefined = tree; node !== undefined; node = node.children[0]) depth++;
  assert.is(depth, n);
});

test('depends: a pin controller that never registers keeps its consumer pending with modules on (K7.3)', () => {
  const { tree } = explain(
    `
description: pinctrl never
kernel: { fw_devlink: off }
nodes:
  pio: { compatible: [acme,pio], pinctrl-cells: 0 }
  dev: { compatible: [acme,dev], pinctrl: [pio] }
drivers:
  acme-dev: { compatible: [acme,dev] }
  acme-pio: { compatible: [acme,pio], build: module }
`,
    'dev',
  );
  assert.equal(chain(tree), ['dev depends K7.3', 'pio module-not-loaded K10.1']);
});

test('depends: a supplier whose device was never created holds its consumer on a firmware link (K8.3)', () => {
  const { tree } = explain(
    `
description: never created
nodes:
  phy: { compatible: [acme,phy], phy-cells: 0, hotplug: true }
  cam: { compatible: [acme,cam], phys: [phy] }
drivers:
  acme-phy: { compatible: [acme,phy] }
  acme-cam: { compatible: [acme,cam] }
`,
    'cam',
  );
  assert.equal(chain(tree), ['cam depends K8.3', 'phy not-created K10.2']);
  assert.match(tree.text, /firmware link: phy has no device yet/);
});

test('depends: a consumer left unbound by its supplier\'s unbind (K10.3) leads to the supplier', () => {
  const { tree } = explain(
    `
description: unbound with supplier
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  uart: { compatible: [acme,uart], clocks: [cmu] }
drivers:
  acme-cmu: { compatible: [acme,cmu], initcall: core }
  acme-uart: { compatible: [acme,uart] }
timeline:
  - { at: 1, unbind: cmu }
`,
    'uart',
  );
  assert.equal(chain(tree), ['uart depends K10.3', 'cmu unbound K10.2']);
  assert.match(tree.text, /not on the deferred list/);
});

test('depends: a clock of a disabled provider fails with -ENOENT under clk_disabled_provider: enoent (K7.1)', () => {
  const { tree } = explain(
    `
description: disabled clock provider
kernel: { profile: v6.12 }
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0, status: disabled }
  uart: { compatible: [acme,uart], clocks: [cmu] }
drivers:
  acme-uart: { compatible: [acme,uart] }
`,
    'uart',
  );
  assert.equal(chain(tree), ['uart depends K7.1', 'cmu disabled K2.2']);
  assert.is(tree.state, 'failed -2');
});

test('unbound: a timeline bind that deferred is not queued (K10.2)', () => {
  const { tree } = explain(
    `
description: bind defers
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  uart: { compatible: [acme,uart], clocks: [cmu] }
drivers:
  acme-cmu: { compatible: [acme,cmu] }
  acme-uart: { compatible: [acme,uart] }
timeline:
  - { at: 1, remove: cmu }
  - { at: 2, bind: uart }
`,
    'uart',
  );
  assert.equal(chain(tree), ['uart depends K10.2', 'cmu not-created K10.2']);
  assert.match(tree.text, /a bind that defers is not queued/);
});

test('depends is the one kind that is not a root cause', () => {
  assert.not.ok((ROOT_CAUSE_KINDS as readonly string[]).includes('depends'));
});

test('throws for a name that is not a node (callers check first)', () => {
  const run = runYaml(clockConsumer(''));
  assert.throws(() => explainDevice(run.scenario, run.result, 'nope'), /not a node/);
});

test.run();
