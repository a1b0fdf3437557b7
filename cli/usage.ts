/** Printing a user mistake: one line on stderr, a pointer to --help, exit code 2, no stack trace. */
import { EXIT_USAGE } from '../src/report/exit-code.js';
import type { Io } from './io.js';

/** Prints `probe-run: <message>` (and a pointer to --help when `hint`) and returns the usage exit code. */
export function usageError(io: Io, message: string, hint = true): number {
  io.stderr(`probe-run: ${message}\n`);
  if (hint) io.stderr(`Run 'probe-run --help' for usage.\n`);
  return EXIT_USAGE;
}
