/** The Io of a real process: node:fs, process streams and environment. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { IoError, type DirEntry, type FileSystem, type Io } from './io.js';

function code(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function ioError(action: string, path: string, error: unknown): IoError {
  const reason = error instanceof Error ? error.message : String(error);
  return new IoError(`cannot ${action} ${path}: ${reason}`);
}

/** Writes through a temporary sibling and a rename, so the target is never half written. */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** node:fs behind the FileSystem interface, with paths resolved against `cwd`. */
export function realFileSystem(cwd: string): FileSystem {
  const at = (path: string) => resolve(cwd, path);
  return {
    async readText(path) {
      try {
        return await fs.readFile(at(path), 'utf8');
      } catch (error) {
        if (code(error) === 'ENOENT') return null;
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
  };
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
    terminal: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  };
}
