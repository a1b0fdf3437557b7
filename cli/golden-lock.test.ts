import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import { makeFakeIo, type FakeIo, type FakeIoOptions } from '../test/support/fake-io.js';
import { LOCK_NAME, lockGoldenRoots, removeStaleTemps } from './golden-lock.js';
import { main } from './main.js';
import { createExclusive, removeIf } from './real-io.js';
import { parseTempName, tempSiblingOf } from './temp-name.js';

const trace = (id: string, source: string) => `# trace ${id} profile v6.15\n${source}`;

/** One scenario whose golden is stale, so --update-golden has something to write. */
function io(extra: Record<string, string> = {}, options: Omit<FakeIoOptions, 'files'> = {}): FakeIo {
  return makeFakeIo({
    files: { 'scenarios/a/one.yaml': 'one\n', 'golden/a/one.trace': 'stale\n', ...extra },
    ...options,
  });
}

const update = (fake: FakeIo, ...argv: string[]) => main(['--update-golden', ...argv], fake, { stages: stubStages() });
const file = (fake: FakeIo, path: string) => fake.files.get(`/work/${path}`);

const lock = suite('--update-golden lock');

lock('a lock held by a running probe-run refuses the second update: exit 2, the lock and its pid named, nothing written', async () => {
  const fake = io({ [`golden/${LOCK_NAME}`]: '777\n' }, { alivePids: [777] });
  assert.is(await update(fake), 2);
  assert.is(
    fake.err(),
    'probe-run: golden/.probe-run.lock is held by another probe-run --update-golden (pid 777); wait for it to finish (or, if pid 777 is not probe-run, remove golden/.probe-run.lock)\n',
  );
  assert.is(fake.out(), '');
  assert.is(file(fake, 'golden/a/one.trace'), 'stale\n');
  assert.is(file(fake, `golden/${LOCK_NAME}`), '777\n', 'the other run keeps its lock');
  assert.equal(fake.log, ['mkdir golden']);
});

lock('a stale lock (its pid is not running) is taken over, said so, and released at the end', async () => {
  const fake = io({ [`golden/${LOCK_NAME}`]: '999\n' });
  assert.is(await update(fake), 0);
  assert.is(fake.err(), 'probe-run: took over the stale lock golden/.probe-run.lock (pid 999 is not running)\n');
  assert.is(file(fake, 'golden/a/one.trace'), trace('a/one', 'one\n'));
  assert.not.ok(fake.files.has(`/work/golden/${LOCK_NAME}`));
});

lock("a lock holding no pid, or this process's own pid (an earlier process had it), is stale too", async () => {
  const fake = io({ [`golden/${LOCK_NAME}`]: '' });
  assert.is(await update(fake), 0);
  assert.match(fake.err(), /took over the stale lock golden\/\.probe-run\.lock \(it held no pid\)/);
  const own = io({ [`golden/${LOCK_NAME}`]: '4242\n' });
  assert.is(await update(own), 0);
  assert.match(own.err(), /\(it held this process's own pid 4242, left by an earlier process\)/);
});

lock('only --update-golden takes the lock: a plain run and check ignore a held one', async () => {
  for (const argv of [[], ['check'], ['--reporter', 'json']]) {
    const fake = io({ [`golden/${LOCK_NAME}`]: '777\n', 'golden/a/one.trace': trace('a/one', 'one\n') }, { alivePids: [777] });
    assert.is(await main(argv, fake, { stages: stubStages() }), 0, argv.join(' '));
    assert.not.ok(fake.log.some((entry) => entry.includes(LOCK_NAME)));
  }
});

lock('the lock of every golden root is taken (--golden-dir included), and a held one leaves none behind', async () => {
  const fake = makeFakeIo({
    files: { 'scenarios/a.yaml': 'a\n', 'other/scenarios/b.yaml': 'b\n', [`other/golden/${LOCK_NAME}`]: '777\n' },
    alivePids: [777],
  });
  assert.is(await update(fake, 'scenarios', 'other/scenarios'), 2);
  assert.match(fake.err(), /other\/golden\/\.probe-run\.lock is held .* \(pid 777\)/);
  assert.not.ok(fake.files.has(`/work/golden/${LOCK_NAME}`), 'the lock already taken on golden/ is released');
  const dir = makeFakeIo({ files: { 'scenarios/a.yaml': 'a\n' } });
  assert.is(await update(dir, '--golden-dir', 'g2'), 0);
  assert.ok(dir.log.includes(`create g2/${LOCK_NAME}`));
});

lock('temporary files an interrupted run left in the golden tree are removed by the next update, never taken for goldens', async () => {
  const dead = tempSiblingOf('golden/a/one.trace', 999, 'deadbeef');
  const live = tempSiblingOf('golden/a/one.trace', 777, 'cafef00d');
  const fake = io({ [dead]: 'half', [live]: 'in flight', [tempSiblingOf('golden/.probe-run.lock', 998, '00000000')]: '998\n' }, { alivePids: [777] });
  assert.is(await main([], fake, { stages: stubStages() }), 1, 'a plain run: the stale golden fails, temporary files are not obsolete goldens');
  assert.not.match(fake.out(), /OBSOLETE/);
  assert.is(await update(fake), 0);
  assert.match(fake.err(), /removed 2 temporary files left by an interrupted run: golden\/\.\.probe-run\.lock\.998\.00000000\.tmp golden\/a\/\.one\.trace\.999\.deadbeef\.tmp\n/);
  assert.not.ok(fake.files.has(`/work/${dead}`));
  assert.ok(fake.files.has(`/work/${live}`), 'a running writer keeps its temporary file');
});

lock('lockGoldenRoots: takes roots in code-point order once each and releases only its own lock', async () => {
  const fake = makeFakeIo();
  const held = await lockGoldenRoots(fake, ['b', 'a', 'b']);
  assert.ok(held.ok);
  assert.equal(fake.log, ['mkdir a', `create a/${LOCK_NAME}`, 'mkdir b', `create b/${LOCK_NAME}`]);
  fake.files.set(`/work/b/${LOCK_NAME}`, '555\n');
  if (held.ok) await held.release();
  assert.not.ok(fake.files.has(`/work/a/${LOCK_NAME}`));
  assert.is(fake.files.get(`/work/b/${LOCK_NAME}`), '555\n', 'a lock someone else now holds is left alone');
});

const names = suite('temporary file names');

names('tempSiblingOf and parseTempName agree; other names are not temporary files', () => {
  const path = tempSiblingOf('golden/a/x.trace', 1234, '0123abcd');
  assert.is(path, 'golden/a/.x.trace.1234.0123abcd.tmp');
  assert.equal(parseTempName('.x.trace.1234.0123abcd.tmp'), { target: 'x.trace', pid: 1234 });
  for (const name of ['x.trace', '.x.trace.tmp', '.x.trace.12.xyz.tmp', '.x.trace.0.0123abcd.tmp', 'x.trace.1.0123abcd.tmp']) assert.is(parseTempName(name), null, name);
});

names('removeStaleTemps walks folders but not hidden ones, and leaves live writers alone', async () => {
  const fake = makeFakeIo({
    files: {
      'g/.x.trace.5.aaaaaaaa.tmp': '',
      'g/sub/.y.trace.6.bbbbbbbb.tmp': '',
      'g/sub/.y.trace.7.cccccccc.tmp': '',
      'g/.hidden/.z.trace.5.dddddddd.tmp': '',
      'g/sub/y.trace': 'golden',
    },
    alivePids: [7],
  });
  assert.equal(await removeStaleTemps(fake, 'g'), ['g/.x.trace.5.aaaaaaaa.tmp', 'g/sub/.y.trace.6.bbbbbbbb.tmp']);
  assert.equal(await removeStaleTemps(fake, 'missing'), []);
});

const primitives = suite('real file system: exclusive create and compare-and-remove');

primitives('createExclusive creates once, complete, and leaves no temporary file; removeIf removes only the expected content', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-run-lock-'));
  try {
    const path = join(dir, LOCK_NAME);
    assert.ok(await createExclusive(path, '1\n'));
    assert.not.ok(await createExclusive(path, '2\n'));
    assert.is(readFileSync(path, 'utf8'), '1\n');
    assert.not.ok(await removeIf(path, '2\n'));
    assert.is(readFileSync(path, 'utf8'), '1\n', 'a lock that is not the expected one is put back');
    assert.ok(await removeIf(path, '1\n'));
    assert.not.ok(await removeIf(path, '1\n'));
    assert.equal(readdirSync(dir), []);
    writeFileSync(path, 'x');
    const results = await Promise.all(Array.from({ length: 20 }, () => removeIf(path, 'x')));
    assert.is(results.filter(Boolean).length, 1, 'one winner when many take over the same stale lock');
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => createExclusive(path, `${i}\n`)));
    assert.is(created.filter(Boolean).length, 1, 'one winner when many create at once');
    assert.equal(readdirSync(dir), [LOCK_NAME]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

lock.run();
names.run();
primitives.run();
