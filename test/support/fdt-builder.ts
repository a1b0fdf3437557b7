/**
 * Test-only writer of flattened device trees: valid blobs from a small tree, and broken ones from a
 * raw token list, with the offsets of every piece so a test can assert where a diagnostic points.
 * Not product code: nothing under src/ or cli/ imports it.
 */
import { FDT_HEADER_FIELDS, FDT_HEADER_SIZE, FDT_MAGIC, FDT_TOKEN, type FdtHeaderField } from '../../src/fdt/fdt-format.js';

/** One structure-block token as the builder writes it; `word` is any raw 32-bit value. */
export type BuildToken =
  | { kind: 'begin'; name: string }
  | { kind: 'end-node' }
  | { kind: 'prop'; name: string; value: Uint8Array; nameOffset?: number; length?: number }
  | { kind: 'nop' }
  | { kind: 'end' }
  | { kind: 'word'; value: number };

/** A node to write; DeviceTreeNode fits it, so a parsed tree can be written back. */
export interface BuildNode {
  name: string;
  properties?: ReadonlyArray<{ name: string; value: Uint8Array }>;
  children?: readonly BuildNode[];
}

/** Header and layout choices; the defaults are what dtc writes. */
export interface BuildOptions {
  reservations?: ReadonlyArray<readonly [bigint, bigint]>;
  version?: number;
  lastCompVersion?: number;
  bootCpuidPhys?: number;
}

/** A written blob and where its parts are. */
export interface BuiltFdt {
  bytes: Uint8Array;
  rsvmapOffset: number;
  structOffset: number;
  structSize: number;
  stringsOffset: number;
  stringsSize: number;
  /** The offset of each token, in the order given. */
  tokenOffsets: number[];
  /** Offset of each property name in the strings block. */
  stringOffsets: Map<string, number>;
}

const encoder = new TextEncoder();

/** A `<u32 ...>` value. */
export function cells(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, index) => view.setUint32(index * 4, value >>> 0, false));
  return bytes;
}

/** A `"a", "b"` string-list value. */
export function strings(...values: string[]): Uint8Array {
  return encoder.encode(values.map((value) => `${value}\0`).join(''));
}

/** The tokens of a tree, root first, without the final FDT_END. */
export function treeTokens(root: BuildNode, tokens: BuildToken[] = []): BuildToken[] {
  tokens.push({ kind: 'begin', name: root.name });
  for (const property of root.properties ?? []) tokens.push({ kind: 'prop', name: property.name, value: property.value });
  for (const child of root.children ?? []) treeTokens(child, tokens);
  tokens.push({ kind: 'end-node' });
  return tokens;
}

/** A valid blob of the tree. */
export function buildFdt(root: BuildNode, options: BuildOptions = {}): BuiltFdt {
  return assembleFdt([...treeTokens(root), { kind: 'end' }], options);
}

/** A blob laid out as dtc does (header, reservations, structure, strings) from any token list, valid or not. */
export function assembleFdt(tokens: readonly BuildToken[], options: BuildOptions = {}): BuiltFdt {
  const stringOffsets = new Map<string, number>();
  const stringBytes: number[] = [];
  const nameOffset = (name: string): number => {
    const known = stringOffsets.get(name);
    if (known !== undefined) return known;
    const offset = stringBytes.length;
    stringOffsets.set(name, offset);
    stringBytes.push(...encoder.encode(name), 0);
    return offset;
  };
  const struct: number[] = [];
  const word = (value: number): void => {
    struct.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  };
  const pad = (): void => {
    while (struct.length % 4 !== 0) struct.push(0);
  };
  const reservations = options.reservations ?? [];
  const rsvmapOffset = FDT_HEADER_SIZE;
  const structOffset = rsvmapOffset + (reservations.length + 1) * 16;
  const tokenOffsets: number[] = [];
  for (const token of tokens) {
    tokenOffsets.push(structOffset + struct.length);
    switch (token.kind) {
      case 'begin':
        word(FDT_TOKEN.BEGIN_NODE);
        struct.push(...encoder.encode(token.name), 0);
        pad();
        break;
      case 'end-node':
        word(FDT_TOKEN.END_NODE);
        break;
      case 'prop':
        word(FDT_TOKEN.PROP);
        word(token.length ?? token.value.length);
        word(token.nameOffset ?? nameOffset(token.name));
        for (const byte of token.value) struct.push(byte);
        pad();
        break;
      case 'nop':
        word(FDT_TOKEN.NOP);
        break;
      case 'end':
        word(FDT_TOKEN.END);
        break;
      case 'word':
        word(token.value);
        break;
    }
  }
  const stringsOffset = structOffset + struct.length;
  const totalSize = stringsOffset + stringBytes.length;
  const bytes = new Uint8Array(totalSize);
  const view = new DataView(bytes.buffer);
  const header: Record<FdtHeaderField, number> = {
    magic: FDT_MAGIC,
    totalsize: totalSize,
    off_dt_struct: structOffset,
    off_dt_strings: stringsOffset,
    off_mem_rsvmap: rsvmapOffset,
    version: options.version ?? 17,
    last_comp_version: options.lastCompVersion ?? 16,
    boot_cpuid_phys: options.bootCpuidPhys ?? 0,
    size_dt_strings: stringBytes.length,
    size_dt_struct: struct.length,
  };
  for (const [field, value] of Object.entries(header)) view.setUint32(FDT_HEADER_FIELDS[field as FdtHeaderField], value >>> 0, false);
  reservations.forEach(([address, size], index) => {
    view.setBigUint64(rsvmapOffset + index * 16, address, false);
    view.setBigUint64(rsvmapOffset + index * 16 + 8, size, false);
  });
  bytes.set(struct, structOffset);
  bytes.set(stringBytes, stringsOffset);
  return { bytes, rsvmapOffset, structOffset, structSize: struct.length, stringsOffset, stringsSize: stringBytes.length, tokenOffsets, stringOffsets };
}

/** A copy of the blob with one header field set. */
export function withHeaderField(bytes: Uint8Array, field: FdtHeaderField, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(FDT_HEADER_FIELDS[field], value >>> 0, false);
  return copy;
}

/** A header field's value. */
export function headerField(bytes: Uint8Array, field: FdtHeaderField): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(FDT_HEADER_FIELDS[field], false);
}
