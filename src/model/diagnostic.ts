/** A problem found in a user's scenario: a value, never an exception (SPEC section 6). */
import type { SourceRange } from './scenario.js';

/** The closed set of diagnostic codes. */
export const DIAGNOSTIC_CODES = [
  'yaml-syntax',
  'duplicate-key',
  'schema',
  'unknown-key',
  'wrong-type',
  'missing-key',
  'bad-value',
  'unknown-label',
  'wrong-arg-count',
  'not-a-provider',
  'duplicate-label',
  'unknown-driver',
  'unmatched-driver',
  'not-a-module',
  'not-hotplug',
  'unknown-node',
  'unsupported-yaml',
  'too-large',
  'io',
  'internal-error',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  /** Path as given on the command line (relative), used in the printed `file:line:col`. */
  file: string;
  /** Where in the source text; absent when the problem has no place (an unreadable file). */
  range?: SourceRange;
}
