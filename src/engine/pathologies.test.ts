/**
 * Graph pathologies (issue 6): cycles through every kind of supplier, self references, a node that
 * is its own IOMMU, 100,000 nodes, 10,000 timeline events, faults that defer forever. Every run
 * either ends by itself or stops at the step bound with a livelock line naming devices (K11.2).
 * Scenarios are generated here, not bundled.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeviceOutcome, RunResult } from '../model/events.js';
import { targetOf } from '../model/supplier-kinds.js';
import { PROFILE_NAMES, PROVIDER_OF_REFERENCE, REFERENCE_KINDS, type NodeSpec, type ReferenceKind, type Scenario } from '../model/scenario.js';
import { loadScenario } from '../load/load-scenario.js';
import { formatFinalState, formatTrace } from '../trace/format-trace.js';
import { runEngine, type EngineOptions } from './run-engine.js';

/** A node as the generators write it: label, one compatible, provider kinds, references. */
interface GenNode {
  label: string;
  compatible: string;
  provides?: ReferenceKind[];
  refs?: [ReferenceKind, string][];
  waits?: string[];
  hotplug?: boolean;
}

/** A generated scenario, written either as YAML (through the loader) or straight as a Scenario. */
interface Gen {
  nodes: GenNode[];
  drivers: { name: string; compatible: string; initcall?: string; build?: string }[];
  kernel?: string;
  timeline?: string[];
  faults?: string[];
  stepBound?: number;
}

const cellsKey = (kind: ReferenceKind) => `${PROVIDER_OF_REFERENCE[kind]}-cells`;

function toYaml(gen: Gen): string {
  const lines = ['description: generated pathology'];
  if (gen.kernel) lines.push(`kernel: { ${gen.kernel} }`);
  if (gen.stepBound !== undefined) lines.push(`step_bound: ${gen.stepBound}`);
  lines.push('nodes:');
  for (const node of gen.nodes) {
    const props = [`compatible: [${node.compatible}]`];
    // Kinds without cells (extcon, panel, …) may point at any node: nothing to declare.
    for (const kind of node.provides ?? []) if (targetOf(kind).cells === 'declared') props.push(`${cellsKey(kind)}: 0`);
    const byKind = new Map<ReferenceKind, string[]>();
    for (const [kind, label] of node.refs ?? []) byKind.set(kind, [...(byKind.get(kind) ?? []), label]);
    for (const [kind, labels] of byKind) props.push(`${kind}: [${labels.join(', ')}]`);
    if (node.waits?.length) props.push(`probe-waits-for: [${node.waits.join(', ')}]`);
    if (node.hotplug) props.push('hotplug: true');
    lines.push(`  ${node.label}: { ${props.join(', ')} }`);
  }
  lines.push('drivers:');
  for (const d of gen.drivers) {
    lines.push(`  ${d.name}: { compatible: [${d.compatible}]${d.initcall ? `, initcall: ${d.initcall}` : ''}${d.build ? `, build: ${d.build}` : ''} }`);
  }
  if (gen.faults?.length) lines.push('faults:', ...gen.faults.map((f) => `  ${f}`));
  if (gen.timeline?.length) lines.push('timeline:', ...gen.timeline.map((t) => `  - { ${t} }`));
  return `${lines.join('\n')}\n`;
}

function load(gen: Gen): Scenario {
  const { scenario, diagnostics } = loadScenario(toYaml(gen), 'gen.yaml', 'gen');
  if (scenario === null) throw new Error(`generated scenario is invalid: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return scenario;
}

/** The Scenario the loader would build, made directly: the loader takes seconds per 10,000 nodes. */
function direct(gen: Gen & { kernelOverrides?: Scenario['kernel']; timelineEntries?: Scenario['timeline'] }): Scenario {
  const nodes: NodeSpec[] = gen.nodes.map((node) => ({
    label: node.label,
    compatible: [node.compatible],
    status: 'okay',
    cells: Object.fromEntries((node.provides ?? []).filter((kind) => targetOf(kind).cells === 'declared').map((kind) => [PROVIDER_OF_REFERENCE[kind], 0])),
    references: REFERENCE_KINDS.flatMap((kind) => (node.refs ?? []).filter(([k]) => k === kind).map(([, label]) => ({ kind, label, args: [] }))),
    probeWaitsFor: node.waits ?? [],
    dmaCoherent: false,
    hotplug: node.hotplug ?? false,
    parent: null,
    children: [],
  }));
  return {
    id: 'gen',
    description: 'generated pathology',
    covers: [],
    kernel: gen.kernelOverrides ?? {},
    policy: { iommu_probe_failed: 'wait', iommu_xlate_failed: 'ignore' },
    nodes,
    drivers: gen.drivers.map((d) => ({ name: d.name, compatible: [d.compatible], initcall: 'device', early: false, build: 'builtin' })),
    faults: {},
    timeline: gen.timelineEntries ?? [],
    expect: {},
    stepBound: gen.stepBound,
  };
}

/**
 * Runs a scenario and checks K11.2: the run ended by itself under the bound, or it stopped exactly
 * at the bound with a livelock line that names at least one device. Returns the run and its trace.
 */
function runBounded(scenario: Scenario, options: EngineOptions = {}): { result: RunResult; trace: string } {
  const { knobs, result } = runEngine(scenario, options);
  const trace = formatTrace(scenario, knobs, result);
  assert.ok(trace.endsWith('\n'));
  assert.ok(trace.includes('\nfinal state'), 'the trace ends with the final-state table');
  if (result.livelock) {
    assert.is(result.attempts, result.stepBound);
    const last = result.events[result.events.length - 1].body;
    assert.is(last.kind, 'livelock');
    if (last.kind === 'livelock') assert.ok(last.nodes.length > 0, 'the livelock line names the devices still queued');
    assert.match(trace, /livelock: step bound reached after \d+ attempts; still queued: \S/);
  } else {
    assert.ok(result.attempts <= result.stepBound);
  }
  return { result, trace };
}

const KERNELS = [
  ...PROFILE_NAMES.map((profile) => `profile: ${profile}`),
  'fw_devlink: on, fw_devlink_strict: true',
  'fw_devlink: permissive',
  'fw_devlink: off, deferred_probe_timeout: -1',
  'modules: false',
];

const drivers = (labels: string[]) => labels.map((label) => ({ name: `drv-${label}`, compatible: `x,${label}` }));

// ---------------------------------------------------------------------------------------------
const cycles = suite('pathologies: cycles and self references');

cycles('a three-node cycle through each kind of supplier ends under every profile and devlink mode', () => {
  for (const kind of REFERENCE_KINDS) {
    for (const kernel of KERNELS) {
      const labels = ['a', 'b', 'c'];
      const gen: Gen = {
        kernel,
        nodes: labels.map((label, i) => ({ label, compatible: `x,${label}`, provides: [kind], refs: [[kind, labels[(i + 1) % 3]]] })),
        drivers: drivers(labels),
      };
      const { result } = runBounded(load(gen));
      assert.not.ok(result.livelock, `${kind} ${kernel}`);
    }
  }
});

cycles('a cycle mixing every kind of supplier, and one through probe-waits-for, ends', () => {
  const labels = REFERENCE_KINDS.map((_, i) => `n${i}`);
  const mixed: Gen = {
    nodes: labels.map((label, i) => ({
      label,
      compatible: `x,${label}`,
      provides: [...REFERENCE_KINDS],
      refs: [[REFERENCE_KINDS[i], labels[(i + 1) % labels.length]]],
      waits: i === 0 ? [labels[labels.length - 1]] : [],
    })),
    drivers: drivers(labels),
  };
  for (const kernel of KERNELS) runBounded(load({ ...mixed, kernel }));
  const waits: Gen = {
    nodes: [
      { label: 'a', compatible: 'x,a', waits: ['b'] },
      { label: 'b', compatible: 'x,b', waits: ['a'] },
    ],
    drivers: drivers(['a', 'b']),
  };
  const { result } = runBounded(load(waits));
  assert.equal(
    result.devices.map((d) => d.state),
    ['pending', 'pending'],
  );
});

cycles('a node referencing itself through each kind is a diagnostic or a run that ends', () => {
  for (const kind of REFERENCE_KINDS) {
    for (const kernel of KERNELS) {
      const gen: Gen = { kernel, nodes: [{ label: 'a', compatible: 'x,a', provides: [kind], refs: [[kind, 'a']], waits: ['a'] }], drivers: drivers(['a']) };
      const loaded = loadScenario(toYaml(gen), 'gen.yaml', 'gen');
      if (loaded.scenario === null) {
        assert.ok(loaded.diagnostics.length > 0);
        continue;
      }
      runBounded(loaded.scenario);
    }
  }
});

cycles('a node that is its own IOMMU ends under every profile, policy and devlink mode', () => {
  for (const kernel of KERNELS) {
    for (const policy of ['wait', 'ignore', 'fail']) {
      const yaml = `description: own iommu
kernel: { ${kernel} }
policy: { iommu_probe_failed: ${policy} }
nodes:
  smmu: { compatible: [x,smmu], iommu-cells: 1, iommus: [smmu 0, smmu 1] }
  dev: { compatible: [x,dev], iommus: [smmu 2] }
drivers:
  drv-smmu: { compatible: [x,smmu] }
  drv-dev: { compatible: [x,dev] }
faults:
  smmu: { probe: [-EPROBE_DEFER, -EIO] }
timeline:
  - { at: 1, bind: smmu }
  - { at: 2, unbind: smmu }
  - { at: 3, bind: smmu }
`;
      const { scenario, diagnostics } = loadScenario(yaml, 'own.yaml', 'own');
      assert.ok(scenario !== null, diagnostics.map((d) => d.message).join('; '));
      if (scenario !== null) runBounded(scenario);
    }
  }
});

// ---------------------------------------------------------------------------------------------
const size = suite('pathologies: size');

size('100,000 consumers of one late clock provider run to the end', () => {
  const n = 100_000;
  const nodes: GenNode[] = [{ label: 'clk', compatible: 'x,clk', provides: ['clocks'] }];
  for (let i = 0; i < n; i++) nodes.push({ label: `n${i}`, compatible: 'x,dev', refs: [['clocks', 'clk']] });
  const gen = { nodes, drivers: [{ name: 'drv-clk', compatible: 'x,clk' }, { name: 'drv-dev', compatible: 'x,dev' }] };
  const scenario = direct(gen);
  scenario.drivers[0].initcall = 'late';
  const { result, trace } = runBounded(scenario);
  assert.not.ok(result.livelock);
  assert.is(result.devices.filter((d) => d.state === 'bound').length, n + 1);
  assert.ok(trace.split('\n').length > n);
});

size('a chain of 100,000 suppliers: removing the middle, unbinding the root and binding it again rebinds the first half once each', () => {
  const n = 100_000;
  const nodes: GenNode[] = [];
  for (let i = 0; i < n; i++) nodes.push({ label: `c${i}`, compatible: 'x,c', provides: ['clocks'], refs: i === 0 ? [] : [['clocks', `c${i - 1}`]] });
  const scenario = direct({
    nodes,
    drivers: [{ name: 'drv-c', compatible: 'x,c' }],
    kernelOverrides: { deferred_probe_timeout: -1 },
    stepBound: 200_000,
    timelineEntries: [
      { at: 1, action: 'remove', target: `c${n / 2}` },
      { at: 2, action: 'unbind', target: 'c0' },
      { at: 3, action: 'bind', target: 'c0' },
    ],
  });
  const { result } = runBounded(scenario);
  // K10.3: each unbind takes down every consumer below it, 50,000 deep, deepest first.
  assert.is(result.events.filter((e) => e.body.kind === 'unbind').length, n);
  assert.is(result.devices[n / 2].state, 'not-created');
  // The consumers are not queued; each rebind queues the next one as an autoprobe consumer: linear.
  assert.not.ok(result.livelock);
  assert.is(result.events.filter((e) => e.body.kind === 'autoprobe').length, n / 2 - 1);
  assert.ok(result.devices.slice(0, n / 2).every((d) => d.state === 'bound' && d.attempts === 2));
  // The removal purged c50001's link: nothing brings the second half back (only a timeline bind would).
  assert.ok(result.devices.slice(n / 2 + 1).every((d) => d.state === 'unbound'));
  assert.is(result.attempts, n + n / 2);
});

size('the generator builds what the loader builds', () => {
  const nodes: GenNode[] = [
    { label: 'clk', compatible: 'x,clk', provides: ['clocks', 'resets'] },
    { label: 'a', compatible: 'x,dev', refs: [['resets', 'clk'], ['clocks', 'clk']], waits: ['clk'] },
  ];
  const gen = { nodes, drivers: [{ name: 'drv-clk', compatible: 'x,clk' }, { name: 'drv-dev', compatible: 'x,dev' }] };
  const strip = (scenario: Scenario) => JSON.parse(JSON.stringify(scenario, (key, value) => (key === 'range' ? undefined : value)));
  assert.equal(strip(direct(gen)), strip(load(gen)));
});

// ---------------------------------------------------------------------------------------------
size('a final-state table of 200,000 rows formats (no argument-count limit)', () => {
  const row = (i: number): DeviceOutcome => ({
    name: `n${i}`,
    state: 'pending',
    driver: null,
    dma: null,
    iommus: [],
    dma_coherent: false,
    attempts: 1,
    bound_seq: null,
    bound_time: null,
    error: null,
    waiting_for: null,
    cause: null,
  });
  const lines = formatFinalState(Array.from({ length: 200_000 }, (_, i) => row(i)));
  assert.is(lines.length, 200_000);
  assert.is(lines[199_999], 'n199999: pending driver=- dma=- attempts=1');
});

const time = suite('pathologies: timelines and faults');

size('a timeline of 10,000 events (unbind, bind, remove, add, modprobe) runs to the end', () => {
  const timeline: string[] = [];
  const actions = ['unbind: clk', 'bind: clk', 'remove: dev', 'add: dev', 'modprobe: drv-mod', 'bind: dev', 'unbind: dev', 'remove: clk', 'add: clk', 'bind: nope'];
  for (let i = 0; i < 10_000; i++) timeline.push(`at: ${(i * 0.37) % 500}, ${actions[(i * 7) % actions.length]}`);
  const yaml = toYaml({
    nodes: [
      { label: 'clk', compatible: 'x,clk', provides: ['clocks'], hotplug: true },
      { label: 'dev', compatible: 'x,dev', refs: [['clocks', 'clk']], hotplug: true },
      { label: 'nope', compatible: 'x,nope', hotplug: true },
    ],
    drivers: [
      { name: 'drv-clk', compatible: 'x,clk' },
      { name: 'drv-dev', compatible: 'x,dev' },
      { name: 'drv-mod', compatible: 'x,mod', build: 'module' },
    ],
    timeline,
  });
  const { scenario, diagnostics } = loadScenario(yaml, 'gen.yaml', 'gen');
  assert.ok(scenario !== null, diagnostics.slice(0, 3).map((d) => d.message).join('; '));
  if (scenario === null) return;
  const { result } = runBounded(scenario);
  assert.not.ok(result.livelock);
  assert.is(result.events.filter((e) => e.body.kind === 'timeline').length, 10_000);
});

time('faults that defer forever with the timeout off stop at the step bound, naming the devices', () => {
  const defers = Array.from({ length: 5000 }, () => '-EPROBE_DEFER').join(', ');
  const timeline: string[] = [];
  for (let i = 0; i < 2000; i++) timeline.push(`at: ${i + 1}, ${i % 2 === 0 ? 'unbind' : 'bind'}: kick`);
  const gen: Gen = {
    kernel: 'deferred_probe_timeout: -1',
    stepBound: 3000,
    nodes: [
      { label: 'kick', compatible: 'x,kick' },
      { label: 'stuck', compatible: 'x,stuck' },
      { label: 'also', compatible: 'x,also' },
    ],
    drivers: drivers(['kick', 'stuck', 'also']),
    faults: [`stuck: { probe: [${defers}] }`, `also: { probe: [${defers}] }`],
    timeline,
  };
  const { result, trace } = runBounded(load(gen));
  assert.ok(result.livelock);
  assert.match(trace, /livelock: step bound reached after 3000 attempts; still queued: .*(stuck|also)/);
  // Without the bound it ends by itself once the timeline is done.
  const ended = runBounded(load({ ...gen, stepBound: undefined }));
  assert.not.ok(ended.result.livelock);
  assert.equal(
    ended.result.devices.map((d) => d.state),
    ['bound', 'pending', 'pending'],
  );
});

time('every profile and devlink mode ends a deferral storm or names it at the bound', () => {
  for (const kernel of KERNELS) {
    for (const stepBound of [7, 100, undefined]) {
      const gen: Gen = {
        kernel,
        stepBound,
        nodes: [
          { label: 'p', compatible: 'x,p', provides: ['clocks', 'power-domains', 'pinctrl', 'iommus'] },
          { label: 'q', compatible: 'x,q', refs: [['clocks', 'p'], ['power-domains', 'p'], ['pinctrl', 'p']] },
          { label: 'r', compatible: 'x,r', refs: [['iommus', 'p']], waits: ['q'] },
        ],
        drivers: [...drivers(['q', 'r']), { name: 'drv-p', compatible: 'x,p', build: 'module' }],
        faults: ['p: { probe: [-EPROBE_DEFER, -EPROBE_DEFER, -EPROBE_DEFER] }'],
        timeline: ['at: 5, modprobe: drv-p', 'at: 6, unbind: p', 'at: 7, bind: p', 'at: 30, remove: q', 'at: 31, bind: r'],
      };
      runBounded(load(gen));
    }
  }
});

cycles.run();
size.run();
time.run();
