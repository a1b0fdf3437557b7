import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { explainResult } from './explain-command.js';
import { makeFakeIo, type FakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';
import { parseCliArgs } from './parse-args.js';
import { fakeTerminal, plain, tick } from '../test/support/screen-test.js';

/** An IOMMU master whose IOMMU waits for a clock controller no one loads (real loader and engine). */
const SCENARIO = `description: an IOMMU that waits for a clock controller nobody loads
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1 }
  smmu: { compatible: [arm,smmu], iommu-cells: 1, clocks: [cmu 1] }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1] }
drivers:
  acme-cmu: { compatible: [acme,cmu], build: module }
  arm-smmu: { compatible: [arm,smmu] }
  acme-dpu: { compatible: [acme,dpu] }
`;

function io(files: Record<string, string> = { 'scenarios/cases/iommu.yaml': SCENARIO }, options: Parameters<typeof makeFakeIo>[0] = {}): FakeIo {
  return makeFakeIo({ files, ...options });
}

const cli = suite('probe-run explain');

cli('exit 0 with the tree on stdout, down to the root cause, and nothing written to disk', async () => {
  const fake = io();
  assert.is(await main(['explain', 'scenarios/cases/iommu.yaml', 'dpu'], fake), 0);
  const out = fake.out();
  assert.ok(out.startsWith('dpu: bound [K5.5] — gave up waiting for IOMMU smmu and bound to acme-dpu with direct DMA at #39\n'), out);
  // #N is line N of the scenario's trace: line 39 is dpu's bind.
  assert.is(await main(['scenarios/cases/iommu.yaml'], fake), 1);
  const trace = fake.files.get('/work/.probe-run/actual/cases/iommu.trace') as string;
  assert.is(trace.split('\n')[39 - 1], '[   10.000000] dpu: probe acme-dpu (deferred retry): bound');
  assert.ok(out.includes('└─ smmu: pending [K7.1] — clock provider cmu not registered\n'));
  assert.ok(out.endsWith('   └─ cmu: no-driver [K10.1] — its driver acme-cmu is a module (build: module) and no timeline entry loads it (modprobe)  ← root cause: module never loaded\n'), out);
});

cli('explain alone writes nothing', async () => {
  const fake = io();
  assert.is(await main(['explain', 'scenarios/cases/iommu.yaml', 'dpu'], fake), 0);
  assert.is(fake.err(), '');
  assert.equal(fake.log, []);
});

cli('a scenario file over the size limit is refused from its size, exit 2, no stack trace', async () => {
  const fake = io({ 'scenarios/cases/huge.yaml': `description: x\n#${'x'.repeat(32_000_001)}\n` });
  assert.is(await main(['explain', 'scenarios/cases/huge.yaml', 'dpu'], fake), 2);
  assert.match(fake.err(), /cannot explain scenarios\/cases\/huge.yaml: .*the limit is 32000000/);
  assert.not.match(fake.err(), /at .*\.ts:\d+/);
});

cli('--json gives the same tree as data, with the scenario id and the profile used', async () => {
  const fake = io();
  assert.is(await main(['explain', '--json', 'scenarios/cases/iommu.yaml', 'smmu'], fake), 0);
  const document = JSON.parse(fake.out());
  assert.equal([document.scenario, document.file, document.profile, document.device], ['cases/iommu', 'scenarios/cases/iommu.yaml', 'v6.15', 'smmu']);
  assert.equal(document.root_causes, [{ id: 1, node: 'cmu', kind: 'module-not-loaded', rule: 'K10.1' }]);
  assert.equal([document.nodes[0].node, document.nodes[0].kind, document.nodes[0].children], ['smmu', 'depends', [1]]);
});

cli('--profile replays the scenario under another kernel before explaining', async () => {
  const fake = io();
  assert.is(await main(['explain', 'scenarios/cases/iommu.yaml', 'dpu', '--profile', 'v4.12', '--json'], fake), 0);
  const document = JSON.parse(fake.out());
  assert.is(document.profile, 'v4.12');
  // v4.12 has no timeout: the master waits for its IOMMU for good, and the IOMMU for its clock.
  assert.equal(
    document.root_causes.map((leaf: { node: string; kind: string }) => `${leaf.node} ${leaf.kind}`),
    ['cmu module-not-loaded'],
  );
  assert.is(document.nodes[0].state, 'pending');
});

cli('exit 2 for an unknown device: the nearest name and every device are listed', async () => {
  const fake = io();
  assert.is(await main(['explain', 'scenarios/cases/iommu.yaml', 'dpo'], fake), 2);
  assert.is(fake.out(), '');
  assert.is(fake.err(), "probe-run: no device 'dpo' in scenarios/cases/iommu.yaml; did you mean 'dpu'?\nIts devices:\n  cmu smmu dpu\n");
  const far = io();
  assert.is(await main(['explain', 'scenarios/cases/iommu.yaml', 'display'], far), 2);
  assert.ok(far.err().startsWith("probe-run: no device 'display' in scenarios/cases/iommu.yaml\n"), far.err());
});

cli('exit 2 for an invalid scenario, its diagnostics printed as a run prints them', async () => {
  const fake = io({ 'scenarios/cases/bad.yaml': SCENARIO.replace('clocks: [cmu 1]', 'clocks: [cmu0 1]') });
  assert.is(await main(['explain', 'scenarios/cases/bad.yaml', 'dpu'], fake), 2);
  assert.is(fake.out(), '');
  const err = fake.err();
  assert.match(err, /^scenarios\/cases\/bad\.yaml:4:\d+: error unknown-label: unknown label "cmu0"/);
  assert.ok(err.endsWith('probe-run: cannot explain dpu: scenarios/cases/bad.yaml is not a valid scenario\n'), err);
});

cli('exit 2 for usage errors: arguments, a folder, a missing file, options that do not apply', async () => {
  const cases: [string[], RegExp][] = [
    [['explain', 'scenarios/cases/iommu.yaml'], /takes a scenario file and a device name \(got 1 argument\)/],
    [['explain', 'scenarios/cases/iommu.yaml', 'dpu', 'smmu'], /got 3 arguments/],
    [['explain', 'scenarios/cases', 'dpu'], /one scenario file, not a folder: scenarios\/cases/],
    [['explain', 'scenarios/cases/nope.yaml', 'dpu'], /no such file or folder: scenarios\/cases\/nope\.yaml/],
    [['explain', 'README.md', 'dpu'], /not a scenario file/],
    [['explain', 'scenarios/cases/iommu.yaml', 'dpu', '--reporter', 'json'], /--reporter cannot be used with 'probe-run explain'/],
    [['explain', 'scenarios/cases/iommu.yaml', 'dpu', '--update-golden'], /--update-golden cannot be used/],
    [['scenarios', '--json'], /--json only goes with 'probe-run explain'/],
  ];
  for (const [argv, message] of cases) {
    const fake = io({ 'scenarios/cases/iommu.yaml': SCENARIO, 'README.md': '# hi\n' });
    assert.is(await main(argv, fake), 2, argv.join(' '));
    assert.match(fake.err(), message, argv.join(' '));
    assert.is(fake.out(), '');
  }
});

cli('parseCliArgs: explain takes its two words as paths, --json as its reporter, and --profile and --step-bound', () => {
  const parsed = parseCliArgs(['explain', 's.yaml', 'dpu', '--json', '--profile', 'v6.8', '--step-bound', '50']);
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  assert.equal([parsed.options.command, parsed.options.paths, parsed.options.reporter, parsed.options.profile, parsed.options.stepBound], ['explain', ['s.yaml', 'dpu'], 'json', 'v6.8', 50]);
  const text = parseCliArgs(['explain', 's.yaml', 'dpu']);
  assert.ok(text.ok && text.options.reporter === 'text');
});

cli.run();

const tui = suite('explain in the TUI');

tui('explainResult renders a result of the run; a result that did not run is an error the Why tab shows', async () => {
  const fake = io();
  const { readInput, locate } = await import('./run-scenarios.js');
  const { runScenario } = await import('../src/run/run-scenario.js');
  const { realStages } = await import('./real-stages.js');
  const located = locate({ file: 'scenarios/cases/iommu.yaml', id: 'cases/iommu', root: 'scenarios' }, undefined);
  const result = runScenario(await readInput(fake, located), {}, realStages);
  assert.ok(explainResult(result, 'smmu').startsWith('smmu: pending [K7.1] — clock provider cmu not registered\n'));
  assert.throws(() => explainResult({ ...result, run: null }, 'smmu'), /did not run/);
});

tui('probe-run tui hands the TUI the explain tree: the Why tab shows it', async () => {
  const terminal = fakeTerminal(160, 30);
  const fake = io({ 'scenarios/cases/iommu.yaml': SCENARIO }, { stdinIsTTY: true, stdoutIsTTY: true });
  fake.terminal = {
    stdin: terminal.stdin as unknown as NodeJS.ReadStream,
    stdout: terminal.stdout as unknown as NodeJS.WriteStream,
    stderr: terminal.stdout as unknown as NodeJS.WriteStream,
  };
  const done = main(['tui', 'scenarios/cases/iommu.yaml'], fake);
  for (let waited = 0; terminal.stdin.listenerCount('readable') === 0 && waited < 5000; waited += 10) await tick(10);
  for (const key of ['\r', '5']) {
    terminal.stdin.type(key);
    await tick(50);
  }
  terminal.stdin.type('q');
  assert.is(await done, 0);
  const screen = plain(terminal.written.join(''));
  assert.ok(screen.includes('cmu: no-driver [K10.1] — its driver acme-cmu is a module'), screen.slice(-3000));
});

tui.run();
