/**
 * `probe-run oracle`: what runs without QEMU. A recording made from a committed dump (oracle/fixtures,
 * captured by boot-all with the same kernels) is the committed recording byte for byte; bad use exits 2
 * before anything boots.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeFakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';
import { recordFromDump, recordKernel } from './oracle-command.js';

const oracle = suite('probe-run oracle');
const root = fileURLToPath(new URL('..', import.meta.url));

/** Every scenario id with a committed dump of `kernel`, sorted. */
function fixtureIds(kernel: string): string[] {
  const base = join(root, 'oracle', 'fixtures', kernel);
  return readdirSync(base)
    .sort()
    .flatMap((folder) => readdirSync(join(base, folder)).sort().map((name) => `${folder}/${name}`));
}

for (const kernel of ['6.12', '6.1']) {
  oracle(`a recording made from each committed ${kernel} dump is the committed recording, byte for byte`, () => {
    const ids = fixtureIds(kernel);
    assert.ok(ids.length >= 3, `fixtures for ${kernel}: ${ids.join(', ')}`);
    for (const id of ids) {
      const made = recordFromDump(join(root, 'oracle', 'fixtures', kernel, id), kernel, id, readFileSync(join(root, 'scenarios', `${id}.yaml`), 'utf8'));
      if (!('recording' in made)) throw new Error(`${id}: no recording (${made.skipped})`);
      const committed = readFileSync(join(root, 'oracle', 'recorded', kernel, `${id}.json`), 'utf8');
      assert.fixture(`${JSON.stringify(made.recording, null, 2)}\n`, committed, id);
    }
  });
}

oracle('a scenario the oracle cannot judge is skipped with the reason', () => {
  const id = 'profiles/board-policy-iommu-probe-failed-fail';
  const made = recordFromDump('/nonexistent', '6.12', id, readFileSync(join(root, 'scenarios', `${id}.yaml`), 'utf8'));
  assert.ok('skipped' in made && /policy knob/.test(made.skipped), JSON.stringify(made));
});

oracle('--record: a scenario booted here is re-recorded, one not booted keeps its committed recording, an ineligible one is listed', () => {
  const at = mkdtempSync(join(tmpdir(), 'probe-run-record-'));
  try {
    const ids = ['cases/case-1-no-iommu', 'cases/case-2-iommu-probed', 'profiles/board-v3.19'];
    for (const id of ids) cpSync(join(root, 'scenarios', `${id}.yaml`), join(at, 'scenarios', `${id}.yaml`));
    for (const id of ids.slice(0, 2)) cpSync(join(root, 'oracle', 'recorded', '6.12', `${id}.json`), join(at, 'oracle', 'recorded', '6.12', `${id}.json`));
    mkdirSync(join(at, 'oracle', 'work'), { recursive: true });
    cpSync(join(root, 'oracle', 'fixtures', '6.12', ids[0]!), join(at, 'oracle', 'work', ids[0]!, '6.12'), { recursive: true });
    assert.equal(recordKernel(at, '6.12'), { written: 2, skipped: 1 });
    for (const id of ids.slice(0, 2)) {
      assert.fixture(readFileSync(join(at, 'oracle', 'recorded', '6.12', `${id}.json`), 'utf8'), readFileSync(join(root, 'oracle', 'recorded', '6.12', `${id}.json`), 'utf8'), id);
    }
    const skipped = JSON.parse(readFileSync(join(at, 'oracle', 'recorded', '6.12', 'skipped.json'), 'utf8'));
    assert.equal(skipped, [{ scenario: 'profiles/board-v3.19', why: 'behaviour of v3.19, which no oracle kernel runs' }]);
  } finally {
    rmSync(at, { recursive: true, force: true });
  }
});

oracle('bad use exits 2 before anything boots: an unknown kernel, a path that does not exist', async () => {
  const kernel = makeFakeIo({ files: {} });
  assert.is(await main(['oracle', '--kernel', '5.10'], kernel), 2);
  assert.match(kernel.err(), /--kernel takes 6\.12 or 6\.1 \(got 5\.10\)/);
  const path = makeFakeIo({ files: {} });
  assert.is(await main(['oracle', 'no-such-folder-here'], path), 2);
  assert.match(path.err(), /no such scenario file or folder: no-such-folder-here/);
});

oracle.run();
