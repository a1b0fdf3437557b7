/**
 * Where probe-run may write, on a real file system: goldens only inside their golden root, never
 * through a symbolic link inside the scenario or golden tree, whatever paths the scenarios have;
 * and files it must not read whole (50 MB, a FIFO) are refused quickly.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeFakeIo } from '../test/support/fake-io.js';
import { outsideRoot } from './golden-store.js';
import { acceptGolden, main } from './main.js';
import { realIoAt } from '../test/support/real-io-at.js';

const SCENARIO = `description: one clock and its consumer
nodes:
  clk: { compatible: [x,clk], clock-cells: 0 }
  dev: { compatible: [x,dev], clocks: [clk] }
drivers:
  drv-clk: { compatible: [x,clk] }
  drv-dev: { compatible: [x,dev] }
`;

let dir = '';
let outside = '';

function put(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Every file below a folder (links not followed), relative, sorted. */
function tree(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).sort();
}

const paths = suite('golden writes stay inside the golden root');
paths.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'probe-run-safe-'));
  outside = mkdtempSync(join(tmpdir(), 'probe-run-outside-'));
});
paths.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

paths('a symbolic link to a folder inside the golden tree: the update is refused, exit 2, nothing written anywhere', async () => {
  put('scenarios/a/one.yaml', SCENARIO);
  put('scenarios/b/two.yaml', SCENARIO);
  mkdirSync(join(dir, 'golden'));
  symlinkSync(outside, join(dir, 'golden/a'));
  const io = realIoAt(dir);
  assert.is(await main(['--update-golden'], io), 2);
  assert.match(io.err(), /refusing to write golden\/a\/one\.trace: golden\/a is a symbolic link, and probe-run writes inside golden only/);
  assert.equal(tree(outside), []);
  assert.not.ok(existsSync(join(dir, 'golden/b/two.trace')), 'a refused update writes nothing, not even the safe goldens');
  assert.not.ok(existsSync(join(dir, 'golden/.probe-run.lock')), 'the lock is released');
});

paths('a golden file that is a symbolic link is not written through (nor replaced)', async () => {
  put('scenarios/a/one.yaml', SCENARIO);
  writeFileSync(join(outside, 'target.trace'), 'outside\n');
  mkdirSync(join(dir, 'golden/a'), { recursive: true });
  symlinkSync(join(outside, 'target.trace'), join(dir, 'golden/a/one.trace'));
  const io = realIoAt(dir);
  assert.is(await main(['--update-golden'], io), 2);
  assert.match(io.err(), /golden\/a\/one\.trace is a symbolic link/);
  assert.is(readFileSync(join(outside, 'target.trace'), 'utf8'), 'outside\n');
});

paths('symbolic links inside the scenario tree are not walked, so they get no golden', async () => {
  put('scenarios/a/one.yaml', SCENARIO);
  mkdirSync(join(outside, 'more'));
  writeFileSync(join(outside, 'more/evil.yaml'), SCENARIO);
  writeFileSync(join(outside, 'file.yaml'), SCENARIO);
  symlinkSync(join(outside, 'more'), join(dir, 'scenarios/linked'));
  symlinkSync(join(outside, 'file.yaml'), join(dir, 'scenarios/a/linked.yaml'));
  const io = realIoAt(dir);
  assert.is(await main(['--update-golden'], io), 0, io.err());
  assert.equal(tree(join(dir, 'golden')), ['a', 'a/one.trace']);
  assert.equal(tree(outside), ['file.yaml', 'more', 'more/evil.yaml']);
});

paths('.. and absolute paths on the command line: each golden lands inside the golden root of its scenario', async () => {
  put('work/scenarios/a/one.yaml', SCENARIO);
  put('elsewhere/scenarios/b.yaml', SCENARIO);
  put('loose/c.yaml', SCENARIO);
  const cwd = join(dir, 'work');
  const io = realIoAt(cwd);
  const argv = ['--update-golden', 'scenarios/a/../../../elsewhere/scenarios/b.yaml', join(dir, 'loose/c.yaml'), 'scenarios/./a/one.yaml'];
  assert.is(await main(argv, io), 0, io.err() + io.out());
  assert.equal(tree(join(dir, 'elsewhere/golden')), ['b.trace']);
  assert.equal(tree(join(dir, 'golden')), ['c.trace'], 'a loose file: golden/ beside its own folder');
  assert.equal(tree(join(cwd, 'golden')), ['a', 'a/one.trace']);
  // With --golden-dir, every one of them goes below that folder, by id.
  const io2 = realIoAt(cwd);
  assert.is(await main([...argv, '--golden-dir', 'g'], io2), 0, io2.err());
  assert.equal(tree(join(cwd, 'g')), ['a', 'a/one.trace', 'b.trace', 'c.trace']);
});

paths('the actual output and the TUI accept go through the same check', async () => {
  put('scenarios/a/one.yaml', SCENARIO);
  mkdirSync(join(dir, '.probe-run/actual'), { recursive: true });
  symlinkSync(outside, join(dir, '.probe-run/actual/a'));
  const io = realIoAt(dir);
  assert.is(await main([], io), 2);
  assert.match(io.err(), /refusing to write \.probe-run\/actual\/a\/one\.trace: \.probe-run\/actual\/a is a symbolic link/);
  assert.equal(tree(outside), []);
  rmSync(join(dir, '.probe-run'), { recursive: true });
  mkdirSync(join(dir, 'golden'));
  symlinkSync(outside, join(dir, 'golden/a'));
  const result = {
    id: 'a/one',
    file: 'scenarios/a/one.yaml',
    source: SCENARIO,
    scenario: null,
    knobs: null,
    run: null,
    expectFailures: [],
    status: 'new' as const,
    diagnostics: [],
    actual: 'trace\n',
    golden: null,
    goldenPath: 'golden/a/one.trace',
    diff: null,
  };
  await acceptGolden(result, realIoAt(dir)).then(
    () => assert.unreachable('accepted through a link'),
    (error: Error) => assert.match(error.message, /golden\/a is a symbolic link/),
  );
  assert.equal(tree(outside), []);
});

paths('outsideRoot: below the root, no dot segments, no links', async () => {
  const fs = makeFakeIo({ symlinks: ['g/link'] }).fs;
  assert.is(await outsideRoot(fs, 'g', 'g/a/b.trace'), null);
  assert.is(await outsideRoot(fs, '.', 'a/b.trace'), null);
  assert.is(await outsideRoot(fs, '../g', '../g/b.trace'), null);
  for (const path of ['g/../x.trace', 'g/./x.trace', 'g//x.trace', 'gx/y.trace', '/g/x.trace', 'x.trace']) {
    assert.match((await outsideRoot(fs, 'g', path)) ?? '', /is not inside g$/, path);
  }
  assert.match((await outsideRoot(fs, '.', '/etc/x.trace')) ?? '', /not inside/);
  assert.match((await outsideRoot(fs, 'g', 'g/link/x.trace')) ?? '', /g\/link is a symbolic link/);
});

const reads = suite('files probe-run refuses to read whole');
reads.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'probe-run-read-'));
});
reads.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
});

reads('a 50 MB scenario is refused from its size: exit 2, too-large, quickly, without reading it', async () => {
  mkdirSync(join(dir, 'scenarios'));
  // A sparse file: 50 MB long, no disk used, and reading it would cost 50 MB of memory.
  const fd = openSync(join(dir, 'scenarios/huge.yaml'), 'w');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  const io = realIoAt(dir);
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  assert.is(await main([], io), 2);
  assert.ok(performance.now() - start < 10_000);
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 30 * 1024 * 1024, 'the file was not read into memory');
  assert.match(io.out(), /INVALID  huge\nscenarios\/huge\.yaml: error too-large: scenarios\/huge\.yaml is 52428800 bytes; the limit is 32000000 \(it was not read\)\n/);
});

reads('a FIFO named like a scenario or a golden does not hang the run', async () => {
  put('scenarios/a.yaml', SCENARIO);
  mkdirSync(join(dir, 'golden'));
  execFileSync('mkfifo', [join(dir, 'golden/a.trace')]);
  const io = realIoAt(dir);
  assert.is(await main([], io), 2);
  assert.match(io.err(), /cannot read golden\/a\.trace: not a regular file/);
  execFileSync('mkfifo', [join(dir, 'scenarios/b.yaml')]);
  const io2 = realIoAt(dir);
  assert.is(await main(['scenarios/b.yaml'], io2), 2);
  assert.match(io2.err(), /not a file or folder: scenarios\/b\.yaml/);
});

paths.run();
reads.run();
