/** Constants of the flattened device-tree format (Devicetree Specification v0.4, chapter 5). */

/** The header's first word (5.2). */
export const FDT_MAGIC = 0xd00dfeed;

/** Size of the version 17 header in bytes: ten big-endian 32-bit words (5.2). */
export const FDT_HEADER_SIZE = 40;

/** The header version this parser reads; a blob must be at least this and compatible with it (5.2). */
export const FDT_VERSION = 17;

/** Byte offsets of the header fields (5.2). */
export const FDT_HEADER_FIELDS = {
  magic: 0,
  totalsize: 4,
  off_dt_struct: 8,
  off_dt_strings: 12,
  off_mem_rsvmap: 16,
  version: 20,
  last_comp_version: 24,
  boot_cpuid_phys: 28,
  size_dt_strings: 32,
  size_dt_struct: 36,
} as const;

/** A header field name. */
export type FdtHeaderField = keyof typeof FDT_HEADER_FIELDS;

/** The structure block's tokens (5.4.1). */
export const FDT_TOKEN = {
  BEGIN_NODE: 1,
  END_NODE: 2,
  PROP: 3,
  NOP: 4,
  END: 9,
} as const;
