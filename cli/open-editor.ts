/** The TUI's `e`: the user's editor on a scenario file, at a line, in this terminal. */
import { spawnSync } from 'node:child_process';

/** The editor command the user chose: `$VISUAL`, then `$EDITOR`, then `vi` (git's order). */
export function editorCommand(env: Readonly<Record<string, string | undefined>>): string {
  for (const name of ['VISUAL', 'EDITOR'] as const) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return 'vi';
}

/**
 * The argv that runs `editor` on `file` at 1-based `line` with the `+LINE file` convention (vi, vim,
 * nano, emacs, micro, kak, code -g… accept it). The editor string goes through the shell, as git
 * does with core.editor, so `EDITOR='code --wait'` works; the file name is passed as an argument,
 * never spliced into the command.
 */
export function editorArgv(editor: string, file: string, line: number): string[] {
  return ['/bin/sh', '-c', `${editor} "$@"`, editor, `+${line}`, file];
}

/**
 * Runs the editor in the foreground on this process's terminal and returns when it exits (the TUI
 * has released the terminal before calling this); throws an Error for the user when it cannot be
 * started or exits with a failure.
 */
export async function openEditor(env: Readonly<Record<string, string | undefined>>, cwd: string, file: string, line: number): Promise<void> {
  const editor = editorCommand(env);
  const [command, ...args] = editorArgv(editor, file, line);
  const outcome = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...env } });
  if (outcome.error) throw new Error(`cannot start the editor (${editor}): ${outcome.error.message}`);
  if (outcome.status === 127) throw new Error(`the editor '${editor}' was not found; set VISUAL or EDITOR`);
  if (outcome.status !== 0) throw new Error(`the editor (${editor}) exited with ${outcome.status === null ? `signal ${outcome.signal}` : `code ${outcome.status}`}; the scenario was not re-run`);
}
