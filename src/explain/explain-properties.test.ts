/** explainDevice on generated boards (fast-check, fixed seed): it answers for every device, and every answer ends in root causes. */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stateText } from '../engine/outcome.js';
import { runEngine } from '../engine/run-engine.js';
import { PROFILE_NAMES } from '../model/knobs.js';
import { loadScenario } from '../load/load-scenario.js';
import { explainDevice, rootCausesOf, ROOT_CAUSE_KINDS, type Explanation } from './explain-device.js';
import { formatExplanation } from './format-explanation.js';
import { formatExplanationJson } from './format-explanation-json.js';

const properties = suite('explain properties');

/** Reference properties and the `*-cells` each needs on its target. */
const KINDS = [
  ['clocks', 'clock-cells'],
  ['power-domains', 'power-domain-cells'],
  ['iommus', 'iommu-cells'],
  ['resets', 'reset-cells'],
  ['pinctrl', 'pinctrl-cells'],
  ['supplies', 'regulator-cells'],
] as const;
const LEVELS = ['core', 'arch', 'subsys', 'device', 'late'];
const PROBE = ['0', '-EPROBE_DEFER', '-EPROBE_DEFER', '-ENODEV', '-EIO'];

const boardArbitrary = fc.record({
  size: fc.integer({ min: 1, max: 8 }),
  refs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 14 }),
  waits: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
  parents: fc.array(fc.nat({ max: 7 }), { minLength: 8, maxLength: 8 }),
  drivers: fc.array(fc.record({ level: fc.constantFrom(...LEVELS), build: fc.constantFrom('builtin', 'builtin', 'module', 'absent', 'none'), early: fc.nat({ max: 5 }) }), { minLength: 8, maxLength: 8 }),
  disabled: fc.array(fc.nat({ max: 7 }), { minLength: 8, maxLength: 8 }),
  hotplug: fc.array(fc.nat({ max: 6 }), { minLength: 8, maxLength: 8 }),
  probe: fc.array(fc.array(fc.constantFrom(...PROBE), { maxLength: 3 }), { minLength: 8, maxLength: 8 }),
  powerOn: fc.array(fc.nat({ max: 7 }), { minLength: 8, maxLength: 8 }),
  xlate: fc.array(fc.constantFrom('none', 'none', 'none', '-EPROBE_DEFER', '-ENODEV', '-EINVAL'), { minLength: 8, maxLength: 8 }),
  timeline: fc.array(fc.record({ at: fc.integer({ min: 0, max: 25 }), action: fc.constantFrom('modprobe', 'add', 'remove', 'unbind', 'bind'), target: fc.nat() }), { maxLength: 5 }),
  profile: fc.constantFrom(...PROFILE_NAMES),
  modules: fc.boolean(),
  timeout: fc.constantFrom(-1, 0, 5, 10),
  policy: fc.constantFrom('wait', 'ignore', 'fail'),
  xlatePolicy: fc.constantFrom('ignore', 'fail'),
  stepBound: fc.constantFrom(0, 0, 0, 4, 12),
});

type Board = typeof boardArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The generated board as scenario YAML: node i provides KINDS[i % 6]; children hang under earlier nodes. */
function toYaml(g: Board): string {
  const n = g.size;
  const refs: string[][] = Array.from({ length: n }, () => []);
  for (const [from, to] of g.refs) {
    const target = to % n;
    const [kind] = KINDS[target % KINDS.length];
    refs[from % n].push(`${kind}: [n${target}${kind === 'power-domains' || kind === 'pinctrl' || kind === 'supplies' ? '' : ' 0'}]`);
  }
  const waits: string[][] = Array.from({ length: n }, () => []);
  for (const [from, to] of g.waits) waits[from % n].push(`n${to % n}`);
  const parent = (i: number) => (i > 0 && g.parents[i] < i && g.parents[i] % 3 === 0 ? g.parents[i] : -1);
  const lines = (i: number, indent: string): string[] => {
    const [, cells] = KINDS[i % KINDS.length];
    const grouped = new Map<string, string[]>();
    for (const ref of refs[i]) {
      const [kind, value] = ref.split(': ');
      grouped.set(kind, [...(grouped.get(kind) ?? []), value.slice(1, -1)]);
    }
    const out = [`${indent}n${i}:`, `${indent}  compatible: [acme,n${i}]`, `${indent}  ${cells}: ${cells === 'power-domain-cells' || cells === 'pinctrl-cells' || cells === 'regulator-cells' ? 0 : 1}`];
    for (const [kind, values] of grouped) out.push(`${indent}  ${kind}: [${values.join(', ')}]`);
    if (waits[i].length > 0) out.push(`${indent}  probe-waits-for: [${waits[i].join(', ')}]`);
    if (g.disabled[i] === 0) out.push(`${indent}  status: disabled`);
    if (g.hotplug[i] === 0 && parent(i) < 0) out.push(`${indent}  hotplug: true`);
    const children = Array.from({ length: n }, (_, c) => c).filter((c) => parent(c) === i);
    if (children.length > 0) {
      out.push(`${indent}  children:`);
      for (const c of children) out.push(...lines(c, `${indent}    `));
    }
    return out;
  };
  const yaml = ['description: generated', `kernel: { profile: ${g.profile}, modules: ${g.modules}, deferred_probe_timeout: ${g.timeout} }`];
  yaml.push(`policy: { iommu_probe_failed: ${g.policy}, iommu_xlate_failed: ${g.xlatePolicy} }`);
  if (g.stepBound > 0) yaml.push(`step_bound: ${g.stepBound}`);
  yaml.push('nodes:');
  for (let i = 0; i < n; i++) if (parent(i) < 0) yaml.push(...lines(i, '  '));
  yaml.push('drivers:');
  const drivers = g.drivers.slice(0, n).map((d, i) => ({ ...d, i })).filter((d) => d.build !== 'none');
  for (const d of drivers) yaml.push(`  drv${d.i}: { compatible: [acme,n${d.i}], initcall: ${d.level}, build: ${d.build}${d.early === 0 ? ', early: true' : ''} }`);
  if (drivers.length === 0) yaml.push('  unused: { compatible: [acme,unused] }');
  const faults: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    if (g.probe[i].length > 0) parts.push(`probe: [${g.probe[i].join(', ')}]`);
    if (g.powerOn[i] === 0) parts.push('power-on: -ETIMEDOUT');
    if (g.xlate[i] !== 'none') parts.push(`xlate: ${g.xlate[i]}`);
    if (parts.length > 0) faults.push(`  n${i}: { ${parts.join(', ')} }`);
  }
  if (faults.length > 0) yaml.push('faults:', ...faults);
  const timeline = g.timeline.flatMap((entry) => {
    const i = entry.target % n;
    if (entry.action === 'modprobe') return drivers.some((d) => d.i === i && d.build === 'module') ? [`  - { at: ${entry.at}, modprobe: drv${i} }`] : [];
    if (entry.action === 'add') return g.hotplug[i] === 0 && parent(i) < 0 ? [`  - { at: ${entry.at}, add: n${i} }`] : [];
    return [`  - { at: ${entry.at}, ${entry.action}: n${i} }`];
  });
  if (timeline.length > 0) yaml.push('timeline:', ...timeline);
  return `${yaml.join('\n')}\n`;
}

function nodesOf(tree: Explanation): Explanation[] {
  const all: Explanation[] = [];
  const stack = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    all.push(node);
    stack.push(...node.children);
  }
  return all;
}

properties('every device of every generated board is explained down to root causes, with valid #seq references', () => {
  let explained = 0;
  const kinds = new Map<string, number>();
  fc.assert(
    fc.property(boardArbitrary, (g) => {
      const yaml = toYaml(g);
      const { scenario, diagnostics } = loadScenario(yaml, 'gen.yaml', 'gen');
      // Generated boards the checks of SPEC section 1 refuse are skipped; most pass.
      if (scenario === null || diagnostics.some((d) => d.severity === 'error')) return;
      const { result } = runEngine(scenario);
      for (const device of result.devices) {
        const tree = explainDevice(scenario, result, device.name);
        explained++;
        assert.is(tree.state, stateText(device));
        for (const leaf of rootCausesOf(tree)) kinds.set(leaf.kind, (kinds.get(leaf.kind) ?? 0) + 1);
        for (const leaf of rootCausesOf(tree)) assert.ok((ROOT_CAUSE_KINDS as readonly string[]).includes(leaf.kind), `${device.name}: leaf ${leaf.node} is ${leaf.kind}\n${yaml}`);
        for (const node of nodesOf(tree)) {
          const seqs = [node.seqs.first_attempt, node.seqs.last_attempt, node.seqs.bound, ...node.seqs.reason].filter((seq): seq is number => seq !== null);
          for (const seq of seqs) assert.ok(seq >= 1 && seq <= result.events.length, `${node.node} refers to #${seq}\n${yaml}`);
        }
        formatExplanation(tree);
        formatExplanationJson(tree, { scenario: 'gen', file: 'gen.yaml', profile: 'v6.15' });
      }
    }),
    { seed: 20240604, numRuns: 400 },
  );
  assert.ok(explained > 1000, `only ${explained} devices explained: the generator makes too many invalid boards`);
  // The generator reaches every kind of root cause.
  assert.equal([...kinds.keys()].sort(), [...ROOT_CAUSE_KINDS].sort(), JSON.stringify([...kinds]));
});

properties.run();
