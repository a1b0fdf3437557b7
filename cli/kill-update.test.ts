/**
 * Interrupted and concurrent `--update-golden` (issue 6), with the built binary (needs `npm run
 * build`) on a temporary copy of the corpus whose every golden is changed: SIGKILL at random points
 * (fixed seed) never leaves a golden that is neither the old nor the new content, nor anything that
 * a later run takes for a golden; the next update takes over the stale lock and clears the leftovers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mulberry32 } from '../src/engine/shuffle.js';
import { LOCK_NAME } from './golden-lock.js';
import { parseTempName } from './temp-name.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(REPO, 'dist/cli/bin.js');
const SEED = 6;
const ROUNDS = 6;
const OBSOLETE = 'zz-obsolete.trace';

/** The environment of the spawned runs: never CI, which would refuse the update. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'CI' && key !== 'FORCE_COLOR'));

let dir = '';
let goldenDir = '';
/** Golden path (relative to the golden root) → its content after an update. */
const fresh = new Map<string, string>();

const stale = (text: string) => `${text}a line the update removes\n`;

/** Every file below the golden root, relative, hidden ones included (links not followed). */
function goldenTree(): string[] {
  return (readdirSync(goldenDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(goldenDir.length + 1))
    .sort();
}

const isHidden = (path: string) => path.split('/').some((segment) => segment.startsWith('.'));

/** Puts every golden back to its old (changed) content and adds an obsolete golden; leftovers of a killed run stay. */
function makeStale(): void {
  for (const [path, text] of fresh) writeFileSync(join(goldenDir, path), stale(text));
  writeFileSync(join(goldenDir, OBSOLETE), 'a golden without a scenario\n');
}

/** Spawns `probe-run --update-golden` in the copy. */
function update() {
  return spawn(process.execPath, [BIN, '--update-golden'], { cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the binary to the end. */
function runToEnd(...argv: string[]): { status: number | null; stdout: string; stderr: string; ms: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, env: ENV, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - start };
}

/** The invariant after any interruption: each golden old or new, the obsolete one old or gone, nothing else visible. */
function checkGoldens(round: string): { updated: number } {
  let updated = 0;
  for (const [path, text] of fresh) {
    const now = readFileSync(join(goldenDir, path), 'utf8');
    assert.ok(now === text || now === stale(text), `${round}: ${path} is neither the old nor the new golden`);
    if (now === text) updated++;
  }
  if (existsSync(join(goldenDir, OBSOLETE))) assert.is(readFileSync(join(goldenDir, OBSOLETE), 'utf8'), 'a golden without a scenario\n', round);
  for (const path of goldenTree()) {
    if (fresh.has(path) || path === OBSOLETE) continue;
    assert.ok(isHidden(path), `${round}: ${path} would be taken for a golden`);
    const name = path.split('/').pop() as string;
    assert.ok(name === LOCK_NAME || parseTempName(name) !== null, `${round}: unexpected file ${path}`);
  }
  return { updated };
}

const kill = suite('--update-golden under SIGKILL and concurrency');

kill.before(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  dir = mkdtempSync(join(tmpdir(), 'probe-run-kill-'));
  goldenDir = join(dir, 'golden');
  cpSync(join(REPO, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  cpSync(join(REPO, 'golden'), goldenDir, { recursive: true });
  for (const path of goldenTree()) if (!isHidden(path)) fresh.set(path, readFileSync(join(goldenDir, path), 'utf8'));
});

kill.after(() => {
  rmSync(dir, { recursive: true, force: true });
});

kill(`killed at ${ROUNDS} random points (seed ${SEED}), every golden is the old or the new one; the next update finishes the job`, async () => {
  makeStale();
  const calibration = runToEnd('--update-golden');
  assert.is(calibration.status, 0, calibration.stderr + calibration.stdout.slice(-500));
  assert.equal(checkGoldens('calibration'), { updated: fresh.size });
  const random = mulberry32(SEED);
  const seen: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    makeStale();
    const child = update();
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let delay: number;
    if (round % 2 === 1) {
      // Anywhere in the run: before the lock, while running scenarios, while writing.
      delay = random() * calibration.ms;
    } else {
      // Right in the writing phase: wait for the first golden to change, then a few milliseconds more.
      const first = Object.keys(Object.fromEntries(fresh))[0];
      const deadline = performance.now() + 20_000;
      while (performance.now() < deadline && child.exitCode === null && readFileSync(join(goldenDir, first), 'utf8') !== fresh.get(first)) {
        await new Promise((done) => setTimeout(done, 2));
      }
      delay = random() * 40;
    }
    await new Promise((done) => setTimeout(done, delay));
    child.kill('SIGKILL');
    const code = await exited;
    const { updated } = checkGoldens(`round ${round}`);
    seen.push(`${round}: ${code === null ? 'killed' : `exit ${code}`} at +${delay.toFixed(0)} ms, ${updated}/${fresh.size} updated`);
  }
  // A plain run after a kill: leftovers are never listed as goldens (only the planted obsolete one is).
  const plain = runToEnd();
  assert.ok(plain.status === 0 || plain.status === 1, plain.stderr);
  const obsolete = [...plain.stdout.matchAll(/^OBSOLETE (\S+)/gm)].map((match) => match[1]);
  assert.equal(obsolete, existsSync(join(goldenDir, OBSOLETE)) ? [`golden/${OBSOLETE}`] : [], plain.stdout.slice(-2000));
  // The next update takes over a lock the killed run left, removes its temporary files and completes.
  const lockLeft = existsSync(join(goldenDir, LOCK_NAME));
  const tempsLeft = goldenTree().filter((path) => parseTempName(path.split('/').pop() as string) !== null).length;
  makeStale();
  const last = runToEnd('--update-golden');
  assert.is(last.status, 0, last.stderr);
  if (lockLeft) assert.match(last.stderr, /took over the stale lock golden\/\.probe-run\.lock \(pid \d+ is not running\)/);
  if (tempsLeft > 0) assert.match(last.stderr, new RegExp(`removed ${tempsLeft} temporary files? left by an interrupted run`));
  assert.equal(checkGoldens('after the last update'), { updated: fresh.size });
  assert.equal(goldenTree().filter(isHidden), [], 'no lock and no temporary file remain');
  assert.is(runToEnd().status, 0);
  assert.is(seen.length, ROUNDS);
});

kill('a second update while one runs: exit 2 naming the lock and the pid, and the goldens end whole', async () => {
  makeStale();
  // Hold the lock as a live process (this test's own pid) would.
  writeFileSync(join(goldenDir, LOCK_NAME), `${process.pid}\n`);
  const refused = runToEnd('--update-golden');
  assert.is(refused.status, 2);
  assert.is(refused.stderr, `probe-run: golden/${LOCK_NAME} is held by another probe-run --update-golden (pid ${process.pid}); wait for it to finish (or, if pid ${process.pid} is not probe-run, remove golden/${LOCK_NAME})\n`);
  assert.is(refused.stdout, '');
  checkGoldens('refused');
  assert.is(readFileSync(join(goldenDir, LOCK_NAME), 'utf8'), `${process.pid}\n`, 'the holder keeps its lock');
  rmSync(join(goldenDir, LOCK_NAME));
  // Two at once: whichever gets the lock updates everything; the other is refused, or runs after it.
  const runs = [update(), update()];
  const results = await Promise.all(
    runs.map(
      (child) =>
        new Promise<{ code: number | null; stderr: string }>((done) => {
          let stderr = '';
          child.stderr.on('data', (chunk) => (stderr += chunk));
          child.on('close', (code) => done({ code, stderr }));
        }),
    ),
  );
  for (const { code, stderr } of results) assert.ok(code === 0 || (code === 2 && /is held by another probe-run --update-golden \(pid \d+\)/.test(stderr)), `${code} ${stderr}`);
  assert.ok(results.some(({ code }) => code === 0));
  assert.equal(checkGoldens('concurrent'), { updated: fresh.size });
  assert.equal(goldenTree().filter(isHidden), []);
});

kill.run();
