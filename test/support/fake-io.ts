/** An in-memory Io for tests: files in a Map, output captured, every write recorded. */
import { posix } from 'node:path';
import { FileTooLargeError, IoError, type DirEntry, type FileSystem, type Io } from '../../cli/io.js';

/** A fake io and what the code under test did with it. */
export interface FakeIo extends Io {
  /** File contents by normalized absolute path. */
  files: Map<string, string>;
  /** Everything written to stdout / stderr. */
  out: () => string;
  err: () => string;
  /** Each file-system mutation in order: `atomic <path>`, `mkdir <path>`, `remove <path>`, `create <path>` (paths relative to cwd). */
  log: string[];
  /** Reports file changes (paths relative to cwd) to the watchers whose folders hold them, as one burst of events. */
  change(...paths: string[]): void;
  /** Fails every open watcher with this message, as a watched folder that disappears does. */
  failWatch(message: string): void;
  /** Presses Ctrl-C: calls the interrupt handlers that are listening. */
  interrupt(): void;
  /** The folders being watched now (empty once every watcher is closed). */
  watched(): string[];
  /** How many interrupt handlers are listening now. */
  interruptListeners(): number;
}

/** Options for makeFakeIo. */
export interface FakeIoOptions {
  /** Files by path relative to cwd. */
  files?: Record<string, string>;
  env?: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  stdinIsTTY?: boolean;
  /** Paths (relative) whose writes fail with an IoError, to test failure handling. */
  failWrites?: string[];
  /** Paths (relative) that are symbolic links (for the golden write guard); they still read as what they hold. */
  symlinks?: string[];
  /** This process's pid (default 4242). */
  pid?: number;
  /** Pids processAlive says are running, besides this process's own. */
  alivePids?: number[];
  /** The clock `now()` reads, in milliseconds (default: always 0). */
  now?: () => number;
  /** Whether the io can watch files (default true); false leaves `watch` and `onInterrupt` out. */
  watch?: boolean;
}

/** Builds a fake io rooted at `/work`. */
export function makeFakeIo(options: FakeIoOptions = {}): FakeIo {
  const cwd = '/work';
  const files = new Map<string, string>();
  const dirs = new Set<string>(['/', cwd]);
  const at = (path: string) => posix.resolve(cwd, path);
  const relative = (path: string) => posix.relative(cwd, at(path)) || '.';
  const addParents = (path: string) => {
    for (let dir = posix.dirname(path); !dirs.has(dir); dir = posix.dirname(dir)) dirs.add(dir);
  };
  for (const [path, text] of Object.entries(options.files ?? {})) {
    files.set(at(path), text);
    addParents(at(path));
  }
  const failing = new Set((options.failWrites ?? []).map(at));
  const symlinks = new Set((options.symlinks ?? []).map(at));
  const pid = options.pid ?? 4242;
  const alive = new Set([pid, ...(options.alivePids ?? [])]);
  let out = '';
  let err = '';
  const log: string[] = [];
  const fs: FileSystem = {
    async readText(path, maxBytes) {
      const text = files.get(at(path)) ?? null;
      const size = text === null ? 0 : Buffer.byteLength(text, 'utf8');
      if (maxBytes !== undefined && size > maxBytes) throw new FileTooLargeError(`${relative(path)} is ${size} bytes; the limit is ${maxBytes} (it was not read)`, size);
      return text;
    },
    async kind(path) {
      if (files.has(at(path))) return 'file';
      return dirs.has(at(path)) ? 'dir' : null;
    },
    async list(path) {
      const dir = at(path);
      if (!dirs.has(dir)) throw new IoError(`cannot list ${path}: no such folder`);
      const entries: DirEntry[] = [];
      for (const file of files.keys()) if (posix.dirname(file) === dir) entries.push({ name: posix.basename(file), kind: 'file' });
      for (const sub of dirs) if (sub !== dir && posix.dirname(sub) === dir) entries.push({ name: posix.basename(sub), kind: 'dir' });
      // Reverse order on purpose: callers must sort.
      return entries.sort((a, b) => (a.name < b.name ? 1 : -1));
    },
    async writeAtomic(path, text) {
      if (failing.has(at(path))) throw new IoError(`cannot write ${relative(path)}: injected failure`);
      if (!dirs.has(posix.dirname(at(path)))) throw new IoError(`cannot write ${relative(path)}: no such folder`);
      log.push(`atomic ${relative(path)}`);
      files.set(at(path), text);
    },
    async mkdirp(path) {
      log.push(`mkdir ${relative(path)}`);
      dirs.add(at(path));
      addParents(at(path));
    },
    async remove(path) {
      if (files.delete(at(path))) log.push(`remove ${relative(path)}`);
    },
    async createExclusive(path, text) {
      if (files.has(at(path)) || dirs.has(at(path))) return false;
      if (!dirs.has(posix.dirname(at(path)))) throw new IoError(`cannot create ${relative(path)}: no such folder`);
      log.push(`create ${relative(path)}`);
      files.set(at(path), text);
      return true;
    },
    async removeIf(path, expected) {
      if (files.get(at(path)) !== expected) return false;
      files.delete(at(path));
      log.push(`remove ${relative(path)}`);
      return true;
    },
    async isSymlink(path) {
      return symlinks.has(at(path));
    },
  };
  const watchers = new Set<{ folders: readonly string[]; onChange: (path: string) => void; onError: (error: IoError) => void }>();
  const interrupts = new Set<() => void>();
  const below = (folder: string, path: string) => folder === '.' || path === folder || path.startsWith(`${folder}/`);
  const watching: Pick<Io, 'watch' | 'onInterrupt'> =
    options.watch === false
      ? {}
      : {
          watch(folders, onChange, onError) {
            const watcher = { folders: folders.map(relative), onChange, onError };
            watchers.add(watcher);
            return { close: () => void watchers.delete(watcher) };
          },
          onInterrupt(handler) {
            const listener = () => handler();
            interrupts.add(listener);
            return { close: () => void interrupts.delete(listener) };
          },
        };
  return {
    ...watching,
    change: (...paths) => {
      for (const watcher of [...watchers]) {
        for (const path of paths.map(relative)) if (watcher.folders.some((folder) => below(folder, path))) watcher.onChange(path);
      }
    },
    failWatch: (message) => {
      for (const watcher of [...watchers]) {
        watchers.delete(watcher);
        watcher.onError(new IoError(message));
      }
    },
    interrupt: () => {
      for (const handler of [...interrupts]) handler();
    },
    watched: () => [...watchers].flatMap((watcher) => watcher.folders),
    interruptListeners: () => interrupts.size,
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env: options.env ?? {},
    cwd,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stdinIsTTY: options.stdinIsTTY ?? false,
    fs,
    pid,
    processAlive: (other) => alive.has(other),
    now: options.now ?? (() => 0),
    files,
    out: () => out,
    err: () => err,
    log,
  };
}
