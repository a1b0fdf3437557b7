/** Bounds a device-tree reader enforces, so a hostile input costs bounded time and memory. */
export interface FdtLimits {
  /** Largest input (the blob, or all property files of a folder together), in bytes. */
  maxBytes: number;
  /** Deepest node; the root is depth 1. */
  maxDepth: number;
  /** Most nodes, the root included. */
  maxNodes: number;
  /** Most properties in the whole tree. */
  maxProperties: number;
  /** Longest node or property name, in bytes (the specification asks for at most 31). */
  maxNameLength: number;
  /** Most entries in the memory reservation block. */
  maxReservations: number;
  /** Most diagnostics collected before reading stops. */
  maxDiagnostics: number;
}

/** The default limits: far above real boards (3,000 nodes, 130 KB) and far below what would hurt. */
export const DEFAULT_FDT_LIMITS: Readonly<FdtLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 64,
  maxNodes: 100_000,
  maxProperties: 1_000_000,
  maxNameLength: 1024,
  maxReservations: 1024,
  maxDiagnostics: 100,
});
