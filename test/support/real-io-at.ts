/** An Io on the real file system rooted at `cwd`, with stdout and stderr captured, for tests that need real files. */
import type { Io } from '../../cli/io.js';
import { processAlive, realFileSystem } from '../../cli/real-io.js';

export function realIoAt(cwd: string, env: Record<string, string | undefined> = {}): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env,
    cwd,
    stdoutIsTTY: false,
    stdinIsTTY: false,
    fs: realFileSystem(cwd),
    pid: process.pid,
    processAlive,
    now: () => 0,
    out: () => out,
    err: () => err,
  };
}
