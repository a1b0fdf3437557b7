/** The exact command lines printed to accept a mismatch (the TypeScript baselines' habit, STYLE). */
import type { CliOptions } from './parse-args.js';

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function base(options: CliOptions): string[] {
  const words = ['npx', 'probe-run', '--update-golden'];
  if (options.goldenDir !== undefined) words.push('--golden-dir', options.goldenDir);
  if (options.profile !== undefined) words.push('--profile', options.profile);
  if (options.stepBound !== undefined) words.push('--step-bound', String(options.stepBound));
  return words;
}

/** The command that accepts one scenario file's output, with the run's golden dir, profile and bound. */
export function acceptOneCommand(options: CliOptions, file: string): string {
  return [...base(options), file].map(shellQuote).join(' ');
}

/** The command that accepts every mismatch of this run: the same paths and filters. */
export function acceptAllCommand(options: CliOptions): string {
  const words = base(options);
  for (const filter of options.filters) words.push('--filter', filter);
  words.push(...options.paths);
  return words.map(shellQuote).join(' ');
}
