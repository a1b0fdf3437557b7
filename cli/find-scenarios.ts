/** From command-line paths to scenario files with their ids, walked in sorted order (SPEC section 5). */
import { posix } from 'node:path';
import { SCENARIO_EXT } from '../src/golden/golden-paths.js';
import type { DirEntry, FileSystem } from './io.js';

/** The folder name that marks a scenario root when a path inside one is given. */
export const SCENARIO_ROOT_NAME = 'scenarios';

/** One scenario file to run. */
export interface FoundScenario {
  /** Relative to cwd, `/` separators. */
  file: string;
  /** Path below the scenario root without `.yaml`. */
  id: string;
  /** The scenario root the id is relative to. */
  root: string;
}

/** The scenarios found, and the roots that were walked whole (so obsolete goldens can be looked for). */
export type FoundScenarios = { ok: true; scenarios: FoundScenario[]; fullRoots: string[] } | { ok: false; message: string };

/** Compares strings by Unicode code point (plain `<` compares UTF-16 units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (char) => char.codePointAt(0) ?? 0);
  const right = Array.from(b, (char) => char.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return left.length - right.length;
}

/** A path as typed, made relative to cwd with `/` separators (`.` for cwd itself). */
export function normalizePath(path: string, cwd: string): string {
  const relative = posix.relative(cwd, posix.resolve(cwd, path.replaceAll('\\', '/')));
  return relative === '' ? '.' : relative;
}

/**
 * The scenario root of a path: the nearest enclosing folder named `scenarios` (the path itself when
 * it is one); else the folder given, or a file's own folder.
 */
export function scenarioRootOf(path: string, kind: 'file' | 'dir'): string {
  const segments = path.split('/');
  const last = kind === 'file' ? segments.length - 2 : segments.length - 1;
  for (let index = last; index >= 0; index -= 1) {
    if (segments[index] === SCENARIO_ROOT_NAME) return segments.slice(0, index + 1).join('/');
  }
  return kind === 'dir' ? path : posix.dirname(path);
}

function idOf(file: string, root: string): string {
  const below = root === '.' ? file : file.slice(root.length + 1);
  return below.slice(0, -SCENARIO_EXT.length);
}

/** The name an entry sorts by: a scenario file without `.yaml`, so `board` comes before `board-variant`. */
function sortKey(entry: DirEntry): string {
  return entry.kind === 'file' && entry.name.endsWith(SCENARIO_EXT) ? entry.name.slice(0, -SCENARIO_EXT.length) : entry.name;
}

/** Entries in code-point order of their sort keys (ids); `board.yaml` comes before the folder `board/`. */
export function sortEntries(entries: DirEntry[]): DirEntry[] {
  const rank = (entry: DirEntry) => (entry.kind === 'file' ? 0 : 1);
  return entries.sort((a, b) => compareCodePoints(sortKey(a), sortKey(b)) || rank(a) - rank(b) || compareCodePoints(a.name, b.name));
}

async function walk(fs: FileSystem, dir: string, into: string[]): Promise<void> {
  const entries = sortEntries(await fs.list(dir));
  for (const entry of entries) {
    // Hidden files and folders (.git, editor backups) and installed packages are not scenarios; links are not followed.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (entry.kind === 'dir') await walk(fs, path, into);
    else if (entry.kind === 'file' && entry.name.endsWith(SCENARIO_EXT)) into.push(path);
  }
}

/** Finds the scenario files named by `paths` (already normalized), in argument order, each folder sorted. */
export async function findScenarios(fs: FileSystem, paths: readonly string[]): Promise<FoundScenarios> {
  const scenarios: FoundScenario[] = [];
  const seen = new Set<string>();
  const fullRoots: string[] = [];
  for (const path of paths) {
    const kind = await fs.kind(path);
    if (kind === null) return { ok: false, message: `no such file or folder: ${path}` };
    if (kind === 'other') return { ok: false, message: `not a file or folder: ${path}` };
    const root = scenarioRootOf(path, kind);
    let files: string[];
    if (kind === 'file') {
      if (!path.endsWith(SCENARIO_EXT)) return { ok: false, message: `not a scenario file (expected ${SCENARIO_EXT}): ${path}` };
      files = [path];
    } else {
      files = [];
      await walk(fs, path, files);
      if (files.length === 0) return { ok: false, message: `no ${SCENARIO_EXT} scenario files in ${path}` };
      if (path === root && !fullRoots.includes(root)) fullRoots.push(root);
    }
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      scenarios.push({ file, id: idOf(file, root), root });
    }
  }
  return { ok: true, scenarios, fullRoots };
}
