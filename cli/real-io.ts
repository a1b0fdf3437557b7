/** The Io of a real process: node:fs, process streams and environment. */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, watch, type FSWatcher } from 'node:fs';
import { resolve, sep } from 'node:path';
import { FileTooLargeError, IoError, type DirEntry, type FileSystem, type Io, type Stoppable } from './io.js';
import { tempSiblingOf } from './temp-name.js';

function code(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function ioError(action: string, path: string, error: unknown): IoError {
  const reason = error instanceof Error ? error.message : String(error);
  return new IoError(`cannot ${action} ${path}: ${reason}`);
}

/** A fresh temporary sibling of `target` (see temp-name.ts). */
function tempFor(target: string): string {
  return tempSiblingOf(target, process.pid, randomBytes(4).toString('hex'));
}

/** Writes `text` to a new file `path` and flushes it to disk. */
async function writeNew(path: string, text: string): Promise<void> {
  const handle = await fs.open(path, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes through a temporary sibling and a rename, so the target is never half written. */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const temp = tempFor(target);
  try {
    await writeNew(temp, text);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates `target` holding `text` only if nothing is there: the text goes to a temporary sibling
 * first and is hard-linked into place (link fails when the target exists), so a reader never sees
 * the file empty or half written. Returns false when something is already there.
 */
export async function createExclusive(target: string, text: string): Promise<boolean> {
  const temp = tempFor(target);
  try {
    await writeNew(temp, text);
    await fs.link(temp, target);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    if (code(error) !== 'EPERM' && code(error) !== 'ENOTSUP' && code(error) !== 'EOPNOTSUPP') throw error;
    // No hard links on this file system: an exclusive create, whose content appears a moment later.
    try {
      await writeNew(target, text);
      return true;
    } catch (fallback) {
      if (code(fallback) === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

/**
 * Removes `target` only if it still holds `expected`. The file is first renamed away (only one
 * process can win that), checked, and linked back if it changed meanwhile.
 */
export async function removeIf(target: string, expected: string): Promise<boolean> {
  const temp = tempFor(target);
  try {
    await fs.rename(target, temp);
  } catch (error) {
    if (code(error) === 'ENOENT') return false;
    throw error;
  }
  const text = await fs.readFile(temp, 'utf8').catch(() => null);
  if (text === expected) {
    await fs.rm(temp, { force: true });
    return true;
  }
  await fs.link(temp, target).catch(() => undefined);
  await fs.rm(temp, { force: true });
  return false;
}

/** A regular file's text; a FIFO or device is refused (opened without blocking), and so is a file over `maxBytes`. */
async function readRegular(path: string, shown: string, maxBytes: number | undefined): Promise<string> {
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new IoError(`cannot read ${shown}: not a regular file`);
    if (maxBytes !== undefined && stat.size > maxBytes) {
      throw new FileTooLargeError(`${shown} is ${stat.size} bytes; the limit is ${maxBytes} (it was not read)`, stat.size);
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** node:fs behind the FileSystem interface, with paths resolved against `cwd`. */
export function realFileSystem(cwd: string): FileSystem {
  const at = (path: string) => resolve(cwd, path);
  return {
    async readText(path, maxBytes) {
      try {
        return await readRegular(at(path), path, maxBytes);
      } catch (error) {
        if (code(error) === 'ENOENT') return null;
        if (error instanceof IoError) throw error;
        throw ioError('read', path, error);
      }
    },
    async kind(path) {
      try {
        const stat = await fs.lstat(at(path));
        if (stat.isSymbolicLink()) {
          // A link named on the command line is followed; links met while walking are not.
          const target = await fs.stat(at(path));
          return target.isFile() ? 'file' : target.isDirectory() ? 'dir' : 'other';
        }
        return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other';
      } catch (error) {
        if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return null;
        throw ioError('read', path, error);
      }
    },
    async list(path) {
      try {
        const entries = await fs.readdir(at(path), { withFileTypes: true });
        return entries.map((entry): DirEntry => ({ name: entry.name, kind: entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other' }));
      } catch (error) {
        throw ioError('list', path, error);
      }
    },
    async writeAtomic(path, text) {
      try {
        await writeFileAtomic(at(path), text);
      } catch (error) {
        throw ioError('write', path, error);
      }
    },
    async mkdirp(path) {
      try {
        await fs.mkdir(at(path), { recursive: true });
      } catch (error) {
        throw ioError('create', path, error);
      }
    },
    async remove(path) {
      try {
        await fs.rm(at(path), { force: true });
      } catch (error) {
        throw ioError('remove', path, error);
      }
    },
    async createExclusive(path, text) {
      try {
        return await createExclusive(at(path), text);
      } catch (error) {
        throw ioError('create', path, error);
      }
    },
    async removeIf(path, expected) {
      try {
        return await removeIf(at(path), expected);
      } catch (error) {
        throw ioError('remove', path, error);
      }
    },
    async isSymlink(path) {
      try {
        return (await fs.lstat(at(path))).isSymbolicLink();
      } catch (error) {
        if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return false;
        throw ioError('read', path, error);
      }
    },
  };
}

/** Whether a process with this id exists (signal 0 checks without sending anything; EPERM means it exists). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}

/** Whether a path below a watched folder is one the scenario walk skips: hidden (.probe-run, .git, editor files) or installed packages. */
function skipped(below: string): boolean {
  return below.split('/').some((segment) => segment.startsWith('.') || segment === 'node_modules');
}

/**
 * Io.watch with node:fs watch, one recursive watcher per folder (Node 20 watches below a folder on
 * Linux, macOS and Windows), paths resolved against `cwd`.
 */
export function watchFolders(cwd: string): NonNullable<Io['watch']> {
  return (folders, onChange, onError) => {
    const watchers: FSWatcher[] = [];
    let closed = false;
    const close = () => {
      closed = true;
      for (const watcher of watchers.splice(0)) watcher.close();
    };
    for (const folder of folders) {
      let watcher: FSWatcher;
      try {
        watcher = watch(resolve(cwd, folder), { recursive: true });
      } catch (error) {
        close();
        throw ioError('watch', folder, error);
      }
      watcher.on('change', (_event, name) => {
        if (closed) return;
        const below = name === null ? '' : String(name).split(sep).join('/');
        if (skipped(below)) return;
        onChange(below === '' ? folder : folder === '.' ? below : `${folder}/${below}`);
      });
      watcher.on('error', (error) => {
        if (closed) return;
        close();
        onError(ioError('watch', folder, error));
      });
      watchers.push(watcher);
    }
    return { close };
  };
}

/** Io.onInterrupt on this process's SIGINT. */
export function onInterrupt(handler: () => void): Stoppable {
  const listener = () => handler();
  process.on('SIGINT', listener);
  return { close: () => void process.off('SIGINT', listener) };
}

/** The Io of this process. */
export function realIo(): Io {
  const cwd = process.cwd();
  // `probe-run | head` closes the pipe early: stop quietly instead of dying on an EPIPE stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    fs: realFileSystem(cwd),
    pid: process.pid,
    processAlive,
    now: () => performance.now(),
    watch: watchFolders(cwd),
    onInterrupt,
    terminal: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  };
}
