import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IoError } from './io.js';
import { realFileSystem } from './real-io.js';

const test = suite('realFileSystem');

let dir = '';
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'probe-run-io-'));
});
test.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('writeAtomic replaces the file and leaves no temporary file behind', async () => {
  const fs = realFileSystem(dir);
  writeFileSync(join(dir, 'g.trace'), 'old\n');
  await fs.writeAtomic('g.trace', 'new\n');
  assert.is(readFileSync(join(dir, 'g.trace'), 'utf8'), 'new\n');
  assert.equal(readdirSync(dir), ['g.trace']);
});

test('a failed write keeps the old content and cleans up', async () => {
  if (process.getuid?.() === 0) {
    // Root ignores permission bits; make the rename fail instead by putting a folder at the target.
    const fs = realFileSystem(dir);
    mkdirSync(join(dir, 'g.trace'));
    writeFileSync(join(dir, 'g.trace', 'inner'), 'keep');
    try {
      await fs.writeAtomic('g.trace', 'new\n');
      assert.unreachable('should fail');
    } catch (error) {
      assert.instance(error, IoError);
      assert.match((error as Error).message, /^cannot write g\.trace: /);
    }
    assert.equal(readdirSync(dir), ['g.trace']);
    return;
  }
  const fs = realFileSystem(dir);
  writeFileSync(join(dir, 'g.trace'), 'old\n');
  chmodSync(dir, 0o500);
  try {
    await fs.writeAtomic('g.trace', 'new\n');
    assert.unreachable('should fail');
  } catch (error) {
    assert.instance(error, IoError);
  } finally {
    chmodSync(dir, 0o700);
  }
  assert.is(readFileSync(join(dir, 'g.trace'), 'utf8'), 'old\n');
  assert.equal(readdirSync(dir), ['g.trace']);
});

test('readText is null for a missing file, kind tells files from folders, remove ignores missing files', async () => {
  const fs = realFileSystem(dir);
  assert.is(await fs.readText('nope'), null);
  await fs.mkdirp('a/b');
  assert.is(await fs.kind('a/b'), 'dir');
  assert.is(await fs.kind('a/c'), null);
  await fs.writeAtomic('a/b/x', 'x');
  assert.is(await fs.kind('a/b/x'), 'file');
  assert.equal(await fs.list('a/b'), [{ name: 'x', kind: 'file' }]);
  await fs.remove('a/b/x');
  await fs.remove('a/b/x');
  assert.is(await fs.kind('a/b/x'), null);
});

test('reading a folder as a file is an IoError, not a crash', async () => {
  const fs = realFileSystem(dir);
  await fs.mkdirp('d');
  try {
    await fs.readText('d');
    assert.unreachable('should fail');
  } catch (error) {
    assert.instance(error, IoError);
  }
});

test.run();
