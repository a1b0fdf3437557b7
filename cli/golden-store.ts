/** Golden and actual files on disk: the one write path shared by `--update-golden` and the TUI. */
import { locateResult } from './locate-result.js';
import { posix } from 'node:path';
import { joinPath } from '../src/golden/golden-paths.js';
import { planAccept, type GoldenWrite } from '../src/golden/plan-accept.js';
import type { ScenarioResult } from '../src/model/result.js';
import { compareCodePoints } from './find-scenarios.js';
import type { FileSystem, Io } from './io.js';

/**
 * Whether `CI` counts as set: any value but empty, `0` or `false` (some CI systems export `CI=false`
 * to mean "not CI").
 */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** The message for a refused golden write under CI, or null when writing is allowed. */
export function ciRefusal(env: Readonly<Record<string, string | undefined>>, force: boolean): string | null {
  if (force || !isCi(env)) return null;
  return `refusing to write golden files: CI is set (CI=${env.CI}). Goldens are reviewed changes, not CI output; run the update on your machine, or pass --force to write anyway.`;
}

/**
 * Why writing `path` could land outside `root`, or null when it cannot: the path must lie below the
 * root without `.` or `..` segments, and neither a folder between them nor the file itself may be a
 * symbolic link (a link inside the golden tree could point anywhere).
 */
export async function outsideRoot(fs: FileSystem, root: string, path: string): Promise<string | null> {
  const prefix = root === '.' ? '' : `${root}/`;
  const below = path.startsWith(prefix) && !(root === '.' && path.startsWith('/')) ? path.slice(prefix.length) : null;
  if (below === null || below.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return `refusing to write ${path}: it is not inside ${root}`;
  }
  let current = root;
  for (const segment of below.split('/')) {
    current = joinPath(current, segment);
    if (await fs.isSymlink(current)) return `refusing to write ${path}: ${current} is a symbolic link, and probe-run writes inside ${root} only, never through links`;
  }
  return null;
}

/** Writes one file atomically, creating its folder first. */
export async function writeFile(fs: FileSystem, path: string, text: string): Promise<void> {
  await fs.mkdirp(posix.dirname(path));
  await fs.writeAtomic(path, text);
}

/** Writes a planned golden (temp file + rename, through io.fs.writeAtomic). */
export async function writeGolden(fs: FileSystem, write: GoldenWrite): Promise<void> {
  await writeFile(fs, write.path, write.text);
}

/** Options of acceptGolden. */
export interface AcceptOptions {
  /** Write even when CI is set (`--force`). */
  force?: boolean;
}

/**
 * Accepts one result's actual output as its golden: the same rule (planAccept) and the same atomic
 * write as `--update-golden`. Resolves to the path written; rejects with an Error whose message is
 * for the user when CI refuses, the result cannot be accepted, or there is nothing to accept.
 */
export async function acceptGolden(result: ScenarioResult, io: Io, options: AcceptOptions = {}): Promise<string> {
  const refusal = ciRefusal(io.env, options.force ?? false);
  if (refusal !== null) throw new Error(refusal);
  const plan = planAccept(result);
  if (plan === null) throw new Error(`nothing to accept: ${result.id} already matches ${result.goldenPath}`);
  if ('refused' in plan) throw new Error(plan.refused);
  const outside = await outsideRoot(io.fs, locateResult(result).goldenRoot, plan.path);
  if (outside !== null) throw new Error(outside);
  await writeGolden(io.fs, plan);
  return plan.path;
}

/** Every file below `root` (paths relative to it, sorted by code point); none when root is missing. */
export async function listFilesBelow(fs: FileSystem, root: string): Promise<string[]> {
  if ((await fs.kind(root)) !== 'dir') return [];
  const files: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = (await fs.list(dir)).sort((a, b) => compareCodePoints(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (entry.kind === 'dir') await walk(`${dir}/${entry.name}`, `${prefix}${entry.name}/`);
      else if (entry.kind === 'file') files.push(`${prefix}${entry.name}`);
    }
  };
  await walk(root, '');
  return files;
}
