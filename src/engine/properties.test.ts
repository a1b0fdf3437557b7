/** Properties that hold for every generated scenario (fast-check, fixed seed). */
import fc from 'fast-check';
import { suite } from 'uvu';
import type { EventBody } from '../model/events.js';
import { PROFILE_NAMES, type DriverSpec, type NodeSpec, type ReferenceKind, type Scenario, type TimelineEntry } from '../model/scenario.js';
import { formatTrace } from '../trace/format-trace.js';
import { runEngine } from './run-engine.js';

const properties = suite('engine properties');

/** Reference kinds and the provider cells they need. */
const KINDS: [ReferenceKind, keyof NodeSpec['cells']][] = [
  ['clocks', 'clock'],
  ['power-domains', 'power-domain'],
  ['iommus', 'iommu'],
  ['resets', 'reset'],
  ['pinctrl', 'pinctrl'],
  ['supplies', 'regulator'],
];
const LEVELS = ['core', 'postcore', 'arch', 'subsys', 'fs', 'device', 'late'] as const;
const ERRORS = [0, -517, -517, -19, -5, -110];

/** A small random board: every node provides something, references point anywhere (cycles and self references included). */
const scenarioArbitrary = fc
  .record({
    size: fc.integer({ min: 1, max: 9 }),
    seedRefs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 18 }),
    drivers: fc.array(fc.record({ level: fc.constantFrom(...LEVELS), build: fc.constantFrom('builtin', 'builtin', 'module', 'absent'), early: fc.boolean() }), { minLength: 9, maxLength: 9 }),
    disabled: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    hotplug: fc.array(fc.nat({ max: 6 }), { minLength: 9, maxLength: 9 }),
    faults: fc.array(fc.array(fc.constantFrom(...ERRORS), { maxLength: 3 }), { minLength: 9, maxLength: 9 }),
    timeline: fc.array(fc.record({ at: fc.integer({ min: 0, max: 25 }), action: fc.constantFrom('modprobe', 'add', 'remove', 'unbind', 'bind'), target: fc.nat() }), { maxLength: 6 }),
    profile: fc.constantFrom(...PROFILE_NAMES),
    modules: fc.boolean(),
    strict: fc.boolean(),
    policy: fc.constantFrom('wait', 'ignore', 'fail'),
  })
  .map((g): Scenario => {
    const nodes: NodeSpec[] = [];
    for (let i = 0; i < g.size; i++) {
      const cells: NodeSpec['cells'] = {};
      const [, cell] = KINDS[i % KINDS.length];
      cells[cell] = 0;
      nodes.push({
        label: `n${i}`,
        compatible: [`acme,n${i}`],
        status: g.disabled[i] && i % 4 === 3 ? 'disabled' : 'okay',
        cells,
        references: [],
        probeWaitsFor: [],
        dmaCoherent: false,
        hotplug: g.hotplug[i] === 0,
        parent: null,
        children: [],
      });
    }
    for (const [from, to, which] of g.seedRefs) {
      const node = nodes[from % g.size];
      const target = nodes[to % g.size];
      const kind = KINDS[(to % g.size) % KINDS.length][0];
      if (which % 5 === 0) node.probeWaitsFor.push(target.label);
      else node.references.push({ kind, label: target.label, args: [] });
    }
    for (const node of nodes) node.references.sort((a, b) => KINDS.findIndex((k) => k[0] === a.kind) - KINDS.findIndex((k) => k[0] === b.kind));
    const drivers: DriverSpec[] = nodes.map((node, i) => ({
      name: `drv${i}`,
      compatible: [...node.compatible],
      initcall: g.drivers[i].level,
      early: g.drivers[i].early && i % 3 === 0,
      build: g.drivers[i].build as DriverSpec['build'],
    }));
    const faults: Scenario['faults'] = {};
    nodes.forEach((node, i) => {
      if (g.faults[i].length > 0) faults[node.label] = { probe: g.faults[i], xlate: i % 5 === 4 ? -22 : null, powerOn: i % 7 === 1 ? { results: [-110], repeat: true } : i % 7 === 3 ? { results: [-110, 0, -5], repeat: false } : null };
    });
    const timeline: TimelineEntry[] = g.timeline.flatMap((entry): TimelineEntry[] => {
      const i = entry.target % g.size;
      if (entry.action === 'modprobe') return drivers[i].build === 'module' ? [{ at: entry.at, action: 'modprobe', target: drivers[i].name }] : [];
      if (entry.action === 'add' && !nodes[i].hotplug) return [];
      return [{ at: entry.at, action: entry.action, target: nodes[i].label }];
    });
    return {
      id: 'generated',
      description: 'generated',
      covers: [],
      kernel: { profile: g.profile, modules: g.modules, fw_devlink_strict: g.strict },
      policy: { iommu_probe_failed: g.policy as Scenario['policy']['iommu_probe_failed'], iommu_xlate_failed: 'ignore' },
      nodes,
      drivers,
      faults,
      timeline,
      expect: {},
      stepBound: 5_000,
    };
  });

const RUNS = { seed: 20261128, numRuns: 300 };
const MANDATORY: ReadonlySet<ReferenceKind> = new Set(['clocks', 'power-domains', 'resets', 'supplies', 'interconnects', 'phys', 'dmas']);

properties('the same input gives the same bytes, memoised or not', () => {
  fc.assert(
    fc.property(scenarioArbitrary, (scenario) => {
      const first = runEngine(scenario);
      const again = runEngine(scenario);
      const plain = runEngine(scenario, { memoise: false });
      const text = formatTrace(scenario, first.knobs, first.result);
      return text === formatTrace(scenario, again.knobs, again.result) && text === formatTrace(scenario, plain.knobs, plain.result);
    }),
    RUNS,
  );
});

properties('every bound device found its mandatory providers registered, and what it waits for bound (or early), when it bound', () => {
  fc.assert(
    fc.property(scenarioArbitrary, (scenario) => {
      const registered = new Set<string>();
      const bound = new Set<string>();
      const byLabel = new Map(scenario.nodes.map((n) => [n.label, n]));
      const { knobs, result } = runEngine(scenario);
      for (const { body } of result.events) {
        track(registered, bound, body);
        if (body.kind !== 'probe' || body.result.type !== 'bound') continue;
        const node = byLabel.get(body.node) as NodeSpec;
        // K6.2 (v3.19): a missing power domain is -ENOENT, which platform_drv_probe ignores.
        const mandatory = (kind: ReferenceKind) => MANDATORY.has(kind) && !(kind === 'power-domains' && knobs.genpd_missing === 'ignore');
        for (const ref of node.references) {
          if (mandatory(ref.kind) && (ref.label === node.label || !registered.has(ref.label))) return false;
        }
        for (const label of node.probeWaitsFor) if (label === node.label || !bound.has(label)) return false;
      }
      return true;
    }),
    RUNS,
  );
});

/** Keeps the nodes whose providers exist and the bound (or early) nodes up to date from the event stream (K3.5: providers register before the bind). */
function track(registered: Set<string>, bound: Set<string>, body: EventBody): void {
  if (body.kind === 'early-provider') {
    registered.add(body.node);
    bound.add(body.node);
  }
  if (body.kind === 'providers') {
    if (body.registered) registered.add(body.node);
    else registered.delete(body.node);
  }
  if (body.kind === 'probe' && body.result.type === 'bound') bound.add(body.node);
  if (body.kind === 'unbind' || body.kind === 'device-delete') bound.delete(body.node);
}

properties('no device binds twice without an unbind or removal in between', () => {
  fc.assert(
    fc.property(scenarioArbitrary, (scenario) => {
      const bound = new Set<string>();
      for (const { body } of runEngine(scenario).result.events) {
        if (body.kind === 'probe' && body.result.type === 'bound') {
          if (bound.has(body.node)) return false;
          bound.add(body.node);
        }
        if (body.kind === 'unbind' || body.kind === 'device-delete') bound.delete(body.node);
      }
      return true;
    }),
    RUNS,
  );
});

properties('a run always ends, within the step bound, with one final row per node', () => {
  fc.assert(
    fc.property(scenarioArbitrary, (scenario) => {
      const { result } = runEngine(scenario);
      const seqs = result.events.map((e) => e.seq);
      const times = result.events.map((e) => e.time);
      return (
        result.attempts <= 5_000 &&
        result.devices.length === scenario.nodes.length &&
        seqs.every((seq, i) => seq === i + 1) &&
        times.every((time, i) => i === 0 || time >= times[i - 1])
      );
    }),
    RUNS,
  );
});

properties.run();
