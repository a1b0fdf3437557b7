/** K11.1: orders the model says cannot matter really do not (EngineOptions.shuffleSeed, --check-determinism). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PROFILE_NAMES } from '../model/knobs.js';
import { loadScenario } from '../load/load-scenario.js';
import { formatTrace } from '../trace/format-trace.js';
import { runEngine } from './run-engine.js';
import { mulberry32, seededShuffle, shuffleRecord, visitOrder } from './shuffle.js';

const shuffle = suite('seededShuffle');

shuffle('mulberry32 is a fixed sequence for a seed', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const first = [a(), a(), a()];
  assert.equal([b(), b(), b()], first);
  assert.ok(first.every((x) => x >= 0 && x < 1));
  assert.not.equal([mulberry32(43)(), 0, 0][0], first[0]);
});

shuffle('shuffles are permutations, repeatable by seed, and visitOrder is the identity without one', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const once = seededShuffle(7)([...items]);
  assert.equal(seededShuffle(7)([...items]), once);
  assert.not.equal(once, items);
  assert.equal([...once].sort((x, y) => x - y), items);
  assert.equal(visitOrder(5, null), [0, 1, 2, 3, 4]);
});

shuffle('shuffleRecord keeps every own key, __proto__ included, and nothing else', () => {
  const record: Record<string, number> = { a: 1, b: 2 };
  Object.defineProperty(record, '__proto__', { value: 3, enumerable: true, writable: true, configurable: true });
  const copy = shuffleRecord(record, seededShuffle(1));
  assert.equal(Object.keys(copy).sort(), ['__proto__', 'a', 'b']);
  assert.is(copy.__proto__ as unknown, 3);
  assert.is(copy.toString, undefined);
});

const engine = suite('runEngine with shuffleSeed');

/** Several drivers per compatible, a cycle, faults and failing expects: every shuffled order is exercised. */
const BUSY = `description: everything whose order must not matter
nodes:
  clk: { compatible: [x,clk-v2, x,clk], clock-cells: 1, reset-cells: 1, power-domains: [pd 0] }
  pd: { compatible: [x,pd], power-domain-cells: 1, clocks: [clk 1] }
  smmu: { compatible: [x,smmu], iommu-cells: 1, clocks: [clk 2] }
  a: { compatible: [x,dev-a, x,dev], clocks: [clk 3], iommus: [smmu 1] }
  b: { compatible: [x,dev], power-domains: [pd 2], iommus: [smmu 2] }
  c: { compatible: [x,dev-c, x,dev], resets: [clk 4], probe-waits-for: [a] }
drivers:
  generic: { compatible: [x,dev, x,clk] }
  clk-v2: { compatible: [x,clk-v2], initcall: core }
  dev-a: { compatible: [x,dev-a], build: module }
  pd: { compatible: [x,pd], initcall: subsys }
  dev-c: { compatible: [x,dev-c] }
  smmu: { compatible: [x,smmu], build: module }
faults:
  c: { probe: [-EPROBE_DEFER, -ENODEV] }
  a: { probe: [-EPROBE_DEFER] }
  smmu: { probe: [-EPROBE_DEFER] }
timeline:
  - { at: 3, modprobe: smmu }
  - { at: 4, modprobe: dev-a }
  - { at: 5, unbind: clk }
  - { at: 6, bind: clk }
expect:
  c: { state: bound, attempts: 9 }
  b: { dma: direct }
  a: { driver: generic, state: failed }
`;

engine('traces and expect failures are byte-identical under 30 shuffle seeds and every profile', () => {
  const { scenario, diagnostics } = loadScenario(BUSY, 'busy.yaml', 'busy');
  assert.ok(scenario !== null, diagnostics.map((d) => d.message).join('; '));
  if (scenario === null) return;
  for (const profile of PROFILE_NAMES) {
    const run = (shuffleSeed?: number) => {
      const { knobs, result } = runEngine(scenario, { profile, shuffleSeed });
      return `${formatTrace(scenario, knobs, result)}${JSON.stringify(result.expectFailures)}`;
    };
    const plain = run();
    assert.match(plain, /fixed dependency cycle|profile=v[34]/);
    for (let seed = 1; seed <= 30; seed++) assert.fixture(run(seed), plain);
  }
});

engine('expect failures come in final-table order, whatever order expect: lists them', () => {
  const { scenario } = loadScenario(BUSY, 'busy.yaml', 'busy');
  if (scenario === null) return assert.unreachable('BUSY is valid');
  const nodes = runEngine(scenario).result.expectFailures.map((failure) => failure.node);
  assert.equal(nodes, ['a', 'a', 'b', 'c', 'c']);
});

shuffle.run();
engine.run();
