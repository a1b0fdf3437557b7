/** A problem found in a device tree: a value with a code, never an exception. */

/** The closed set of device-tree diagnostic codes. */
export const FDT_DIAGNOSTIC_CODES = [
  // The blob as a whole and its header.
  'too-large',
  'truncated',
  'bad-magic',
  'unsupported-version',
  'trailing-bytes',
  'block-outside',
  'block-overlap',
  'misaligned',
  // The memory reservation block.
  'rsvmap-unterminated',
  // The structure block.
  'bad-token',
  'unexpected-token',
  'missing-end',
  'unclosed-node',
  'data-after-end',
  'unterminated-name',
  'name-too-long',
  'bad-name',
  'property-too-long',
  'bad-string-offset',
  'unterminated-string',
  'duplicate-node',
  'duplicate-property',
  'property-after-child',
  'too-deep',
  'too-many',
  // Reading properties of a parsed tree.
  'bad-phandle',
  'duplicate-phandle',
  'bad-symbol',
] as const;

/** One of FDT_DIAGNOSTIC_CODES. */
export type FdtDiagnosticCode = (typeof FDT_DIAGNOSTIC_CODES)[number];

/** What is wrong, where (byte offset in the blob, node path when known) and what was expected. */
export interface FdtDiagnostic {
  code: FdtDiagnosticCode;
  /** An error rejects the tree; a warning is reported beside a tree that is still returned. */
  severity: 'error' | 'warning';
  /** Byte offset in the blob of the offending field or token; null when the tree was not read from a blob. */
  offset: number | null;
  /** The node the problem belongs to, when one is known. */
  path?: string;
  /** What was found. */
  message: string;
  /** What the format asks for instead. */
  expected: string;
}
