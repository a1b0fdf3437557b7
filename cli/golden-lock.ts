/**
 * The lock `--update-golden` holds on each golden root it writes, so two updates at once cannot
 * interleave: `<golden-root>/.probe-run.lock`, created exclusively, holding the owner's pid.
 */
import { joinPath } from '../src/golden/golden-paths.js';
import { compareCodePoints } from './find-scenarios.js';
import type { Io } from './io.js';
import { parseTempName } from './temp-name.js';

/** The lock file's name inside a golden root (hidden, so it is never taken for a golden). */
export const LOCK_NAME = '.probe-run.lock';

/** Locks held on some golden roots, and what was noticed while taking them. */
export interface HeldLocks {
  /** Lines for stderr: stale locks taken over, stale temporary files removed. */
  notes: string[];
  /** Removes the locks (only those still holding this process's pid). */
  release(): Promise<void>;
}

/** The held locks, or a message naming the lock and the pid holding it. */
export type LockOutcome = ({ ok: true } & HeldLocks) | { ok: false; message: string };

/** The pid a lock file holds, or null when it holds anything else. */
function pidIn(text: string): number | null {
  const match = /^([1-9][0-9]{0,9})\n?$/.exec(text);
  return match === null ? null : Number(match[1]);
}

/** Takes one lock; a lock whose pid is not running (or that holds no pid) is stale and taken over. */
async function acquire(io: Io, path: string, notes: string[]): Promise<string | null> {
  const mine = `${io.pid}\n`;
  for (let round = 0; round < 5; round++) {
    if (await io.fs.createExclusive(path, mine)) return null;
    const held = await io.fs.readText(path);
    if (held === null) continue; // released between our two looks: try again
    const pid = pidIn(held);
    if (pid !== null && pid !== io.pid && io.processAlive(pid)) {
      return `${path} is held by another probe-run --update-golden (pid ${pid}); wait for it to finish (or, if pid ${pid} is not probe-run, remove ${path})`;
    }
    // removeIf leaves a lock that changed meanwhile (another run took it over first) for the next round.
    if (await io.fs.removeIf(path, held)) {
      const why = pid === null ? 'it held no pid' : pid === io.pid ? `it held this process's own pid ${pid}, left by an earlier process` : `pid ${pid} is not running`;
      notes.push(`took over the stale lock ${path} (${why})`);
    }
  }
  return `could not take the lock ${path}: other runs keep taking it`;
}

/**
 * Locks every golden root (in code-point order, created if missing) for `--update-golden`, then
 * removes temporary files that killed runs left there. Nothing is locked when any root is held.
 */
export async function lockGoldenRoots(io: Io, roots: readonly string[]): Promise<LockOutcome> {
  const notes: string[] = [];
  const held: string[] = [];
  const release = async () => {
    for (const path of held.splice(0).reverse()) await io.fs.removeIf(path, `${io.pid}\n`);
  };
  for (const root of [...new Set(roots)].sort(compareCodePoints)) {
    await io.fs.mkdirp(root);
    const path = joinPath(root, LOCK_NAME);
    const refusal = await acquire(io, path, notes);
    if (refusal !== null) {
      await release();
      return { ok: false, message: refusal };
    }
    held.push(path);
  }
  for (const root of roots) {
    const removed = await removeStaleTemps(io, root);
    if (removed.length > 0) notes.push(`removed ${removed.length} temporary file${removed.length === 1 ? '' : 's'} left by an interrupted run: ${removed.join(' ')}`);
  }
  return { ok: true, notes, release };
}

/**
 * Removes the temporary files of atomic writes (`.<name>.<pid>.<hex>.tmp`) whose writer is no longer
 * running, anywhere below `root` (symbolic links not followed); returns their paths.
 */
export async function removeStaleTemps(io: Io, root: string): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await io.fs.list(dir)).sort((a, b) => compareCodePoints(a.name, b.name));
    for (const entry of entries) {
      const path = joinPath(dir, entry.name);
      if (entry.kind === 'dir' && !entry.name.startsWith('.')) await walk(path);
      if (entry.kind !== 'file') continue;
      const temp = parseTempName(entry.name);
      // Our own pid cannot have a write in flight yet: such a file is from an earlier process with the same pid.
      if (temp === null || (temp.pid !== io.pid && io.processAlive(temp.pid))) continue;
      await io.fs.remove(path);
      removed.push(path);
    }
  };
  if ((await io.fs.kind(root)) === 'dir') await walk(root);
  return removed;
}
