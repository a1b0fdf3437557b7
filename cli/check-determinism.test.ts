import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededShuffle } from '../src/engine/shuffle.js';
import { checkDeterminism, firstDifference, shuffleSeedOf } from '../src/run/check-determinism.js';
import type { Stages } from '../src/run/stages.js';
import { makeFakeIo } from '../test/support/fake-io.js';
import { findScenarios } from './find-scenarios.js';
import type { FileSystem } from './io.js';
import { main } from './main.js';
import { parseCliArgs } from './parse-args.js';
import { realStages } from './real-stages.js';

const BOARD = `description: two drivers for one device, a dependency cycle, faults and expects
nodes:
  clk: { compatible: [x,clk], clock-cells: 0, power-domains: [pd] }
  pd: { compatible: [x,pd], power-domain-cells: 0, clocks: [clk] }
  dev: { compatible: [x,dev-v2, x,dev], clocks: [clk] }
drivers:
  generic: { compatible: [x,dev, x,clk, x,pd] }
  dev-v2: { compatible: [x,dev-v2], build: module }
faults:
  dev: { probe: [-EPROBE_DEFER] }
  pd: { probe: [-EPROBE_DEFER] }
timeline:
  - { at: 2, modprobe: dev-v2 }
expect:
  dev: { driver: dev-v2 }
  clk: { state: pending }
`;

const files = () => ({
  'scenarios/a/board.yaml': BOARD,
  'scenarios/b/other.yaml': BOARD.replace('at: 2', 'at: 1'),
  'scenarios/invalid/bad.yaml': 'description: [\n',
});

/** The real stages, except that the trace of a scenario whose id has `flaky` shows the shuffle seed's parity. */
function flakyStages(): Stages {
  let seed: number | undefined;
  return {
    ...realStages,
    runEngine(scenario, options) {
      seed = options.shuffleSeed;
      return realStages.runEngine(scenario, options);
    },
    formatTrace(scenario, knobs, result) {
      const trace = realStages.formatTrace(scenario, knobs, result);
      return scenario.id.includes('flaky') && seed !== undefined ? trace.replace('# policy:', `# order ${seed % 2}\n# policy:`) : trace;
    },
  };
}

const command = suite('probe-run --check-determinism');

command('the same bytes from every run: PASS per scenario (invalid ones too), exit 0, nothing written', async () => {
  const fake = makeFakeIo({ files: files() });
  assert.is(await main(['--check-determinism'], fake), 0, fake.err());
  assert.is(
    fake.out(),
    'PASS     a/board\nPASS     b/other\nPASS     invalid/bad\n\n3 deterministic, 0 differ (each run 5 times: once as usual, then with the order-free iterations shuffled)\n',
  );
  assert.equal(fake.log, []);
});

command('a difference fails the run: exit 1, the scenario, the run and seed, and the first differing line', async () => {
  const fake = makeFakeIo({ files: { ...files(), 'scenarios/c/flaky.yaml': BOARD } });
  assert.is(await main(['--check-determinism', '--filter', 'c/'], fake, { stages: flakyStages() }), 1);
  const seed = shuffleSeedOf('c/flaky', 2);
  // Run 1 has no order line at all, so run 2 already differs, on the header's fifth line.
  assert.is(
    fake.out(),
    'FAIL     c/flaky\n' +
      `  run 2 (orders shuffled, seed ${seed}) differs from run 1 at line 10 of the output of scenarios/c/flaky.yaml:\n` +
      '  run 1: # policy: iommu_probe_failed=wait iommu_xlate_failed=ignore\n' +
      `  run 2: # order ${seed % 2}\n` +
      '\n0 deterministic, 1 differs (each run 5 times: once as usual, then with the order-free iterations shuffled)\n',
  );
});

command('an internal error is exit 70 and names the run', async () => {
  const broken: Stages = {
    ...realStages,
    runEngine: (scenario, options) => {
      if (options.shuffleSeed !== undefined) throw new Error('order-dependent bug');
      return realStages.runEngine(scenario, options);
    },
  };
  const fake = makeFakeIo({ files: files() });
  assert.is(await main(['--check-determinism', 'scenarios/a'], fake, { stages: broken }), 70);
  assert.match(fake.out(), /^ERROR    a\/board\n {2}run 2: internal error \(a bug in probe-run\): Error: order-dependent bug\n/);
});

command('options that write or compare goldens do not go with it', () => {
  for (const [argv, message] of [
    [['--check-determinism', '--update-golden'], /--update-golden cannot be used with --check-determinism/],
    [['--check-determinism', '--golden-dir', 'g'], /--golden-dir cannot be used/],
    [['--check-determinism', '--reporter', 'json'], /text report only/],
    [['check', '--check-determinism'], /cannot be used with 'probe-run check'/],
    [['tui', '--check-determinism'], /cannot be used with 'probe-run tui'/],
  ] as const) {
    const parsed = parseCliArgs(argv);
    assert.not.ok(parsed.ok, argv.join(' '));
    if (!parsed.ok) assert.match(parsed.message, message);
  }
  const parsed = parseCliArgs(['--check-determinism', '--profile', 'v4.12', '--filter', 'x', '--step-bound', '9', '--reporter', 'text', 'p']);
  assert.ok(parsed.ok && parsed.options.checkDeterminism === true && parsed.options.stepBound === 9);
});

const unit = suite('checkDeterminism');

unit('firstDifference: the first differing line, or a missing one', () => {
  assert.is(firstDifference('a\nb\n', 'a\nb\n'), null);
  assert.equal(firstDifference('a\nb\nc\n', 'a\nB\nc\n'), { line: 2, expected: 'b', actual: 'B' });
  assert.equal(firstDifference('a\n', 'a\nmore\n'), { line: 2, expected: '', actual: 'more' });
  assert.equal(firstDifference('a', 'a\n'), { line: 2, expected: null, actual: '' });
});

unit('seeds are fixed per scenario and run, and differ between runs and scenarios', () => {
  assert.is(shuffleSeedOf('a/b', 2), shuffleSeedOf('a/b', 2));
  const seeds = new Set([2, 3, 4, 5].flatMap((run) => [shuffleSeedOf('a/b', run), shuffleSeedOf('a/c', run)]));
  assert.is(seeds.size, 8);
});

unit('expect failures are part of what must not change', () => {
  const input = { id: 'x', file: 'x.yaml', source: BOARD, goldenBase: 'golden/x', goldenTrace: null, goldenErrors: null, actualBase: '.probe-run/actual/x' };
  assert.equal(checkDeterminism(input, {}, realStages), { id: 'x', file: 'x.yaml', status: 'same', runs: 5 });
  const shuffledExpects: Stages = {
    ...realStages,
    runEngine(scenario, options) {
      const ran = realStages.runEngine(scenario, options);
      if (options.shuffleSeed !== undefined) ran.result.expectFailures.reverse();
      return ran;
    },
  };
  const result = checkDeterminism(input, {}, shuffledExpects);
  assert.is(result.status, 'differs');
});

const walk = suite('walk order does not depend on the file system');

/** A file system that lists each folder in a different order: reversed, or shuffled with a seed. */
function listing(fs: FileSystem, order: 'reverse' | number): FileSystem {
  return {
    ...fs,
    async list(path) {
      const entries = await fs.list(path);
      return order === 'reverse' ? entries.reverse() : seededShuffle(order)(entries);
    },
  };
}

walk('the same scenarios in the same order whatever order folders are listed in', async () => {
  const names = ['b.yaml', 'a/z.yaml', 'a/y.yaml', 'a.yaml', 'a-b.yaml', 'B.yaml', 'a/b/c.yaml', '\u{1f600}.yaml', '\uff5e.yaml', 'b/a.yaml'];
  const fake = makeFakeIo({ files: Object.fromEntries(names.map((name) => [`scenarios/${name}`, ''])) });
  const expected = ['B', 'a', 'a/b/c', 'a/y', 'a/z', 'a-b', 'b', 'b/a', '\uff5e', '\u{1f600}'];
  for (const order of ['reverse', 1, 2, 3, 4, 5, 6, 7, 8] as const) {
    const found = await findScenarios(listing(fake.fs, order), ['scenarios']);
    assert.equal(found.ok && found.scenarios.map((scenario) => scenario.id), expected, String(order));
  }
});

command.run();
unit.run();
walk.run();
