/** What main() may touch of the outside world; tests pass an in-memory one (test/support/fake-io.ts). */

/** One entry of a folder listing. Symbolic links and special files are `other` and never walked. */
export interface DirEntry {
  name: string;
  kind: 'file' | 'dir' | 'other';
}

/** A file-system failure that is not a bug: a missing permission, a full disk. Printed, exit 2. */
export class IoError extends Error {
  override name = 'IoError';
}

/** readText refused a file larger than its limit without reading it. */
export class FileTooLargeError extends IoError {
  override name = 'FileTooLargeError';
  constructor(
    message: string,
    /** The file's size in bytes. */
    readonly size: number,
  ) {
    super(message);
  }
}

/**
 * File access by path: relative paths (with `/`) are resolved against `Io.cwd`. Every method throws
 * IoError for anything but the expected "not there" answers.
 */
export interface FileSystem {
  /**
   * The file's UTF-8 text, or null when there is no such file. With `maxBytes`, a larger file is
   * refused from its size before any of it is read (FileTooLargeError).
   */
  readText(path: string, maxBytes?: number): Promise<string | null>;
  /** What is at `path`, or null when nothing is. */
  kind(path: string): Promise<'file' | 'dir' | 'other' | null>;
  /** The entries of a folder, in no particular order (callers sort). */
  list(path: string): Promise<DirEntry[]>;
  /** Writes a file so that a reader sees the old or the new content, never a part: temp file in the same folder, then rename. */
  writeAtomic(path: string, text: string): Promise<void>;
  /** Creates a folder and its parents; no error when it exists. */
  mkdirp(path: string): Promise<void>;
  /** Removes a file; no error when it is already gone. */
  remove(path: string): Promise<void>;
  /** Creates a file holding `text` only if nothing is at `path`, atomically (it appears complete or not at all); false when something is there. */
  createExclusive(path: string, text: string): Promise<boolean>;
  /** Removes the file only if it still holds exactly `expected` (false when it changed or is gone): how a stale lock is taken over. */
  removeIf(path: string, expected: string): Promise<boolean>;
  /** Whether `path` itself is a symbolic link (not followed). */
  isSymlink(path: string): Promise<boolean>;
}

/** Something running that can be stopped: a file watcher, an interrupt listener. */
export interface Stoppable {
  close(): void;
}

/** The process seen by main(). */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Absolute working directory. */
  cwd: string;
  /** Whether standard output is a terminal (colour, TUI). */
  stdoutIsTTY: boolean;
  /** Whether standard input is a terminal (TUI). */
  stdinIsTTY: boolean;
  fs: FileSystem;
  /** This process's id, written into the golden lock. */
  pid: number;
  /** Whether a process with this id is running (for telling a stale golden lock from a held one). */
  processAlive(pid: number): boolean;
  /** A monotonic clock in milliseconds, for the times of the JUnit report (a fake io fixes it). */
  now(): number;
  /**
   * Watches folders (relative paths, each with everything below it) and calls `onChange` with the
   * path (relative to cwd, `/`) of each file or folder that may have changed. Events come in bursts
   * and repeat (callers debounce); hidden entries and node_modules below a watched folder are not
   * reported. After `onError` (an IoError) nothing more is reported. Absent where files cannot be watched.
   */
  watch?(folders: readonly string[], onChange: (path: string) => void, onError: (error: IoError) => void): Stoppable;
  /** Calls `handler` on Ctrl-C (SIGINT) instead of ending the process, until closed (for `--watch`). */
  onInterrupt?(handler: () => void): Stoppable;
  /** The real terminal streams, for the TUI; absent in tests that use a fake io. */
  terminal?: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream };
}
