import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from './load-scenario.js';
import { SPEC_EXAMPLE } from '../../test/fixtures/spec-example.js';
import { BASE, pointedAt, where } from '../../test/support/diagnostic-places.js';

const load = (source: string) => loadScenario(source, 'x.yaml', 'x');
/** `line:col code` of every diagnostic of `source`. */
const codes = (source: string) => where(load(source).diagnostics, source);

const Valid = suite('loadScenario: the SPEC section 1 example');

Valid('loads without diagnostics', () => {
  const { scenario, diagnostics } = loadScenario(SPEC_EXAMPLE, 'spec.yaml', 'cases/spec');
  assert.equal(diagnostics, []);
  assert.ok(scenario);
  assert.is(scenario.id, 'cases/spec');
  assert.is(scenario.description, 'The display waits for its SMMU, which waits for its clocks (case 3b).');
  assert.equal(scenario.covers, ['K5.3', 'K8.1']);
  assert.equal(scenario.kernel, { profile: 'v6.15', modules: true, fw_devlink: 'on', fw_devlink_strict: false, deferred_probe_timeout: 10 });
  assert.equal(scenario.policy, { iommu_probe_failed: 'wait', iommu_xlate_failed: 'ignore' });
});

Valid('flattens nodes depth first in source order, children after their parent', () => {
  const scenario = load(SPEC_EXAMPLE).scenario!;
  assert.equal(
    scenario.nodes.map((n) => [n.label, n.parent, n.children]),
    [
      ['cmu', null, []],
      ['pd_disp', null, []],
      ['smmu', null, []],
      ['dpu', null, ['dsi0']],
      ['dsi0', 'dpu', []],
      ['cam', null, []],
      ['usb', null, []],
    ],
  );
});

Valid('reads DT-style compatible lists as one string per vendor,device pair', () => {
  const scenario = load(SPEC_EXAMPLE).scenario!;
  assert.equal(scenario.nodes[0].compatible, ['acme,cmu']);
  assert.equal(scenario.drivers.find((d) => d.name === 'arm-smmu')!.compatible, ['arm,mmu-500', 'arm,smmu-v2']);
});

Valid('groups references in REFERENCE_KINDS order with parsed arguments and ranges', () => {
  const source = SPEC_EXAMPLE;
  const dpu = load(source).scenario!.nodes.find((n) => n.label === 'dpu')!;
  assert.equal(
    dpu.references.map((r) => [r.kind, r.label, r.args]),
    [
      ['clocks', 'cmu', [7]],
      ['iommus', 'smmu', [0x800]],
      ['power-domains', 'pd_disp', []],
      ['resets', 'cmu', [3]],
    ],
  );
  assert.equal(dpu.references.map((r) => source.slice(r.range!.start, r.range!.end)), ['cmu 7', 'smmu 0x800', 'pd_disp', 'cmu 3']);
  assert.equal(dpu.probeWaitsFor, ['smmu']);
  assert.is(dpu.dmaCoherent, true);
  assert.is(source.slice(dpu.range!.start, dpu.range!.end), 'dpu');
});

Valid('reads cells, status and hotplug', () => {
  const nodes = load(SPEC_EXAMPLE).scenario!.nodes;
  const byLabel = new Map(nodes.map((n) => [n.label, n]));
  assert.equal(byLabel.get('cmu')!.cells, { clock: 1, reset: 1 });
  assert.equal(byLabel.get('pd_disp')!.cells, { 'power-domain': 0 });
  assert.is(byLabel.get('usb')!.status, 'disabled');
  assert.is(byLabel.get('cam')!.status, 'okay');
  assert.is(byLabel.get('cam')!.hotplug, true);
  assert.is(byLabel.get('dsi0')!.hotplug, false);
});

Valid('reads drivers with their defaults, in order', () => {
  const drivers = load(SPEC_EXAMPLE).scenario!.drivers;
  assert.equal(
    drivers.map((d) => [d.name, d.initcall, d.early, d.build]),
    [
      ['acme-cmu', 'core', true, 'builtin'],
      ['acme-pd', 'subsys', false, 'builtin'],
      ['arm-smmu', 'device', false, 'module'],
      ['acme-dpu', 'device', false, 'builtin'],
    ],
  );
});

Valid('reads faults, timeline and expect', () => {
  const source = SPEC_EXAMPLE;
  const scenario = load(source).scenario!;
  assert.equal(scenario.faults, {
    smmu: { probe: [-517, -517], xlate: null, powerOn: null },
    dpu: { probe: [], xlate: -19, powerOn: null },
    pd_disp: { probe: [], xlate: null, powerOn: { results: [-110], repeat: true } },
  });
  assert.equal(
    scenario.timeline.map((e) => [e.at, e.action, e.target]),
    [
      [4, 'modprobe', 'arm-smmu'],
      [20, 'add', 'cam'],
      [30, 'unbind', 'smmu'],
    ],
  );
  assert.is(source.slice(scenario.timeline[0].range!.start, scenario.timeline[0].range!.end), '{ at: 4, modprobe: arm-smmu }');
  assert.equal(scenario.expect, { dpu: { state: 'bound', dma: 'iommu' } });
});

Valid('applies defaults for a minimal scenario', () => {
  const scenario = load('description: nothing at all\n').scenario!;
  assert.equal(scenario.nodes, []);
  assert.equal(scenario.drivers, []);
  assert.equal(scenario.kernel, {});
  assert.equal(scenario.policy, { iommu_probe_failed: 'wait', iommu_xlate_failed: 'ignore' });
  assert.equal(scenario.covers, []);
  assert.equal(scenario.timeline, []);
});

Valid('accepts probe results 0, ok and negative numbers', () => {
  const source = `${BASE}faults:\n  dpu: { probe: [-EPROBE_DEFER, -22, 0, ok], xlate: -5, power-on: -ENOMEM }\n`;
  assert.equal(load(source).scenario!.faults.dpu, { probe: [-517, -22, 0, 0], xlate: -5, powerOn: { results: [-12], repeat: true } });
});

Valid('keeps drivers with numeric names in file order', () => {
  const source = 'description: d\nnodes: { u: { compatible: a } }\ndrivers:\n  zz: { compatible: a }\n  "8250": { compatible: a }\n';
  assert.equal(load(source).scenario!.drivers.map((d) => d.name), ['zz', '8250']);
});

Valid.run();

const Codes = suite('loadScenario: diagnostic codes and positions');

Codes('yaml-syntax points at the unclosed bracket', () => {
  const source = 'description: d\nnodes:\n  a:\n    compatible: [x, y\n    clock-cells: 1\n';
  assert.equal(codes(source), ['4:17 yaml-syntax']);
});

Codes('yaml-syntax for a broken quote', () => {
  assert.equal(codes('description: "never closed\nnodes: {}\n').map((c) => c.split(' ')[1]), ['yaml-syntax']);
});

Codes('duplicate-key points at the second key and names the first line', () => {
  const source = 'description: d\nnodes:\n  a: {}\n  a: {}\n';
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['4:3 duplicate-key']);
  assert.match(diagnostics[0].message, /"a".*line 3/);
});

Codes('unknown-key points at the key and suggests the nearest one', () => {
  const source = BASE.replace('iommus: [smmu 0x800]', 'iommu: [smmu 0x800]');
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['12:5 unknown-key']);
  assert.is(pointedAt(diagnostics[0], source), 'iommu');
  assert.is(diagnostics[0].message, 'unknown key "iommu" in node "dpu"; did you mean "iommus"?');
});

Codes('unknown-key suggests a *-cells key', () => {
  const { diagnostics } = load(BASE.replace('clock-cells', 'clock-cell'));
  assert.match(diagnostics[0].message, /did you mean "clock-cells"\?/);
});

Codes('unknown-key with no close match lists the valid keys', () => {
  const { diagnostics } = load(`${BASE}policy: { something: 1 }\n`);
  assert.is(diagnostics[0].code, 'unknown-key');
  assert.match(diagnostics[0].message, /valid keys: iommu_probe_failed, iommu_xlate_failed/);
});

Codes('missing-key points at the parent key and names the missing one', () => {
  const source = `${BASE}  acme-x: { build: module }\n`;
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['17:3 missing-key']);
  assert.is(pointedAt(diagnostics[0], source), 'acme-x');
  assert.match(diagnostics[0].message, /"compatible".*driver "acme-x"/);
});

Codes('missing-key for a scenario without description', () => {
  assert.equal(codes('nodes: {}\n'), ['1:1 missing-key']);
});

Codes('missing-key for an empty file', () => {
  assert.equal(codes(''), ['1:1 missing-key']);
});

Codes('wrong-type points at the value and says what was expected', () => {
  const source = BASE.replace('clock-cells: 1', 'clock-cells: one');
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['5:18 wrong-type']);
  assert.is(pointedAt(diagnostics[0], source), 'one');
  assert.match(diagnostics[0].message, /whole number, not "one"/);
});

Codes('wrong-type for a bare number in a reference list', () => {
  const source = BASE.replace('clocks: [cmu 7]', 'clocks: [7]');
  assert.equal(codes(source), ['11:14 wrong-type']);
});

Codes('bad-value for an unknown profile, with a suggestion', () => {
  const source = `${BASE}kernel: { profile: v6.13 }\n`;
  const { diagnostics } = load(source);
  assert.equal(diagnostics.map((d) => d.code), ['bad-value']);
  assert.is(pointedAt(diagnostics[0], source), 'v6.13');
  assert.match(diagnostics[0].message, /must be one of v3.19, v4.12, v6.1, v6.8, v6.12, v6.15, not "v6.13"; did you mean "v6.1"/);
});

Codes('bad-value for initcall: early, which no driver can use (K1.1)', () => {
  const source = BASE.replace('  acme-cmu: { compatible: [acme,cmu] }', '  acme-cmu: { compatible: [acme,cmu], initcall: early }');
  const { diagnostics } = load(source);
  assert.equal(diagnostics.map((d) => d.code), ['bad-value']);
  assert.is(pointedAt(diagnostics[0], source), 'early');
  assert.match(diagnostics[0].message, /early initcalls run before driver_init\(\)/);
});

Codes('bad-value for an unknown errno name, with a suggestion', () => {
  const source = `${BASE}faults:\n  dpu: { probe: [-EPROBE_DEFER, -ENODEVICE] }\n`;
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['18:33 bad-value']);
  assert.match(diagnostics[0].message, /did you mean "-ENODEV"/);
});

Codes('bad-value for a positive xlate error and for 0 as xlate', () => {
  const source = `${BASE}faults:\n  dpu: { xlate: 5 }\n  smmu: { xlate: 0 }\n`;
  assert.equal(codes(source), ['18:17 bad-value', '19:18 bad-value']);
});

Codes('bad-value for a malformed reference and a bad label', () => {
  const source = BASE.replace('clocks: [cmu 7]', 'clocks: ["cmu, 7"]').replace('  smmu:\n', '  9smmu:\n');
  assert.equal(codes(source).map((c) => c.split(' ')[1]), ['bad-value', 'bad-value', 'unknown-label']);
});

Codes('bad-value for a bad expect state and dma', () => {
  const source = `${BASE}expect:\n  dpu: { state: probed, dma: smmu, driver: acme-dpu }\n`;
  assert.equal(codes(source), ['18:17 bad-value', '18:30 bad-value']);
});

Codes('expect accepts every state and DMA form the engine reports', () => {
  const states = ['bound', 'pending', 'failed', 'failed -110', 'failed -ETIMEDOUT', 'rejected', 'no-driver', 'disabled', 'not-created', 'early', 'unbound'];
  for (const state of states) assert.equal(codes(`${BASE}expect:\n  dpu: { state: ${state} }\n`), [], state);
  for (const dma of ['iommu', 'iommu(smmu)', 'direct', '-', 'none']) assert.equal(codes(`${BASE}expect:\n  dpu: { dma: "${dma}" }\n`), [], dma);
});

Codes('bad-value for a rule id in covers', () => {
  assert.equal(codes(`${BASE}covers: [K5.3, 5.4]\n`), ['17:16 wrong-type']);
  assert.equal(codes(`${BASE}covers: [K5.3, X1]\n`), ['17:16 bad-value']);
});

Codes('unknown-label in a reference points at the label inside the entry', () => {
  const source = BASE.replace('clocks: [cmu 7]', 'clocks: [cmu0 7]');
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['11:14 unknown-label']);
  assert.is(pointedAt(diagnostics[0], source), 'cmu0');
  assert.match(diagnostics[0].message, /did you mean "cmu"/);
});

Codes('unknown-label in probe-waits-for', () => {
  const source = BASE.replace('iommus: [smmu 0x800]', 'iommus: [smmu 0x800]\n    probe-waits-for: [smmu, gpu]');
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['13:29 unknown-label']);
  assert.is(pointedAt(diagnostics[0], source), 'gpu');
});

Codes('wrong-arg-count points at the whole entry', () => {
  const source = BASE.replace('clocks: [cmu 7]', 'clocks: [cmu, cmu 1 2]');
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['11:14 wrong-arg-count', '11:19 wrong-arg-count']);
  assert.equal(diagnostics.map((d) => pointedAt(d, source)), ['cmu', 'cmu 1 2']);
});

Codes('not-a-provider when the target has no cells of that kind', () => {
  const source = BASE.replace('clocks: [cmu 7]', 'clocks: [smmu]');
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['11:14 not-a-provider']);
  assert.match(diagnostics[0].message, /no clock-cells/);
});

Codes('a malformed cells count does not also give not-a-provider', () => {
  assert.equal(codes(BASE.replace('clock-cells: 1', 'clock-cells: -1')), ['5:18 bad-value']);
});

Codes('duplicate-label across nesting levels', () => {
  const source = BASE.replace('iommus: [smmu 0x800]', 'iommus: [smmu 0x800]\n    children:\n      cmu: { compatible: x }');
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['14:7 duplicate-label']);
  assert.match(diagnostics[0].message, /line 3/);
});

Codes('unmatched-driver is a warning and the scenario stays valid', () => {
  const source = `${BASE}  acme-gpu: { compatible: [acme,gpu] }\n`;
  const { diagnostics, scenario } = load(source);
  assert.equal(where(diagnostics, source), ['17:3 unmatched-driver']);
  assert.is(diagnostics[0].severity, 'warning');
  assert.ok(scenario);
});

Codes('unmatched-driver is still reported beside errors elsewhere', () => {
  const source = `${BASE.replace('iommus', 'iommu')}  acme-gpu: { compatible: [acme,gpu] }\n`;
  assert.equal(codes(source), ['12:5 unknown-key', '17:3 unmatched-driver']);
});

Codes('unmatched-driver is not reported when a node compatible is already wrong', () => {
  const source = `${BASE.replace('compatible: [acme,cmu]\n    clock', 'compatible: 5\n    clock')}`;
  assert.equal(codes(source), ['4:17 wrong-type']);
});

Codes('unknown-driver in a timeline modprobe and in expect', () => {
  const source = `${BASE}timeline:\n  - { at: 1, modprobe: arm-smmmu }\nexpect:\n  dpu: { driver: acme-dpuu }\n`;
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['18:24 unknown-driver', '20:18 unknown-driver']);
  assert.is(pointedAt(diagnostics[0], source), 'arm-smmmu');
});

Codes('unknown-node in faults, expect and the timeline', () => {
  const source = `${BASE}faults:\n  gpu: { probe: [-EIO] }\ntimeline:\n  - { at: 1, unbind: gpu }\nexpect:\n  gpu: { state: bound }\n`;
  assert.equal(codes(source), ['18:3 unknown-node', '20:22 unknown-node', '22:3 unknown-node']);
});

Codes('not-a-module for modprobe of a builtin driver; absent drivers may be modprobed', () => {
  const source = `${BASE.replace('build: module', 'build: absent')}timeline:\n  - { at: 1, modprobe: acme-dpu }\n  - { at: 2, modprobe: arm-smmu }\n`;
  const { diagnostics } = load(source);
  assert.equal(where(diagnostics, source), ['18:24 not-a-module']);
  assert.is(pointedAt(diagnostics[0], source), 'acme-dpu');
});

Codes('not-hotplug for add of a node created at boot', () => {
  const source = `${BASE}timeline:\n  - { at: 1, add: dpu }\n`;
  assert.equal(codes(source), ['18:19 not-hotplug']);
  assert.equal(codes(`${BASE.replace('  dpu:\n', '  dpu:\n    hotplug: true\n')}timeline:\n  - { at: 1, add: dpu }\n`), []);
});

Codes('timeline entries need exactly one action', () => {
  const source = `${BASE}timeline:\n  - { at: 1 }\n  - { at: 2, bind: dpu, unbind: dpu }\n`;
  assert.equal(codes(source), ['18:5 missing-key', '19:25 bad-value']);
});

Codes('unsupported-yaml for a second document and a custom tag', () => {
  assert.equal(codes('description: d\n---\ndescription: e\n'), ['2:1 unsupported-yaml']);
  assert.equal(codes('description: !secret d\n'), ['1:14 unsupported-yaml']);
});

Codes('too-large for alias bombs and deep nesting', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 6; i++) lines.push(`${'abcdef'[i]}: &${'abcdef'[i]} [${Array(9).fill(`*${'abcdef'[i - 1]}`).join(',')}]`);
  assert.equal(codes(`${lines.join('\n')}\ndescription: d\n`), ['3:8 too-large'], 'at the first alias of an anchor made of aliases');
  assert.equal(codes(`description: ${'['.repeat(30000)}`), ['1:214 too-large']);
  assert.equal(codes(`description: d\nnodes: ${'{a: {children: '.repeat(120)}{}${'}}'.repeat(120)}\n`).map((c) => c.split(' ')[1]), ['too-large']);
});

Codes('all problems in one file come together, sorted by position', () => {
  const source = `${BASE.replace('clocks: [cmu 7]', 'clocks: [cmu]').replace('iommus', 'iommu')}kernel: { profile: v7 }\ntimeline:\n  - { at: 1, modprobe: nope }\n`;
  assert.equal(codes(source), ['11:14 wrong-arg-count', '12:5 unknown-key', '17:20 bad-value', '19:24 unknown-driver']);
  assert.is(load(source).scenario, null);
});

Codes.run();

const Inputs = suite('loadScenario: awkward inputs');

Inputs('a BOM does not shift columns', () => {
  const source = `\uFEFF${BASE.replace('iommus', 'iommu')}`;
  assert.equal(codes(source), ['12:5 unknown-key']);
  assert.ok(load(`\uFEFF${BASE}`).scenario);
});

Inputs('CRLF line ends load and point right', () => {
  const source = BASE.replace(/\n/g, '\r\n');
  assert.ok(load(source).scenario);
  assert.equal(codes(source.replace('iommus', 'iommu')), ['12:5 unknown-key']);
});

Inputs('tab indentation is a syntax error at the tab', () => {
  assert.equal(codes('description: d\nnodes:\n\ta: {}\n'), ['3:1 yaml-syntax']);
});

Inputs('a document of comments only is empty', () => {
  assert.equal(codes('# nothing\n'), ['1:1 missing-key']);
});

Inputs('a list or a scalar at the top is the wrong type', () => {
  assert.equal(codes('- a\n'), ['1:1 wrong-type']);
  assert.equal(codes('just text\n'), ['1:1 wrong-type']);
});

Inputs('huge and non-finite numbers are reported, not trusted', () => {
  const source = 'description: d\nkernel: { deferred_probe_timeout: 1e400 }\ntimeline: [{ at: .nan, bind: a }]\nnodes: { a: { clock-cells: 99999999999999999999 } }\n';
  assert.equal(codes(source), ['2:35 wrong-type', '3:18 wrong-type', '4:28 bad-value']);
});

Inputs('anchors and aliases are followed', () => {
  const source = 'description: d\nnodes:\n  a: &n { compatible: x, clock-cells: 0 }\n  b: *n\n  c: { clocks: [a, b] }\ndrivers: { d: { compatible: x } }\n';
  const scenario = load(source).scenario!;
  assert.equal(scenario.nodes.map((n) => [n.label, n.cells]), [['a', { clock: 0 }], ['b', { clock: 0 }], ['c', {}]]);
});

Inputs('a complex mapping key is unsupported, without a stray process warning', () => {
  assert.equal(codes('description: d\nnodes: { ? [a] : 1 }\n'), ['2:12 unsupported-yaml']);
});

Inputs.run();
