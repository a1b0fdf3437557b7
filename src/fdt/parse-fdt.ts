/**
 * Reads a flattened device tree (`.dtb`, Devicetree Specification v0.4 chapter 5) into a DeviceTreeNode
 * tree. The input is untrusted: every offset and size is checked against the blob before it is used,
 * depth, counts and name lengths are bounded (FdtLimits), and every problem is a diagnostic value.
 */
import { childPath } from './child-path.js';
import { isValidNodeName, isValidPropertyName } from './device-tree-names.js';
import type { DeviceTreeNode, DeviceTreeProperty, MemoryReservation } from './device-tree.js';
import type { FdtDiagnostic, FdtDiagnosticCode } from './fdt-diagnostic.js';
import { FDT_HEADER_FIELDS, FDT_HEADER_SIZE, FDT_MAGIC, FDT_TOKEN, FDT_VERSION } from './fdt-format.js';
import { DEFAULT_FDT_LIMITS, type FdtLimits } from './fdt-limits.js';

/** The header fields a caller may want besides the tree. */
export interface FdtHeader {
  version: number;
  lastCompVersion: number;
  bootCpuidPhys: number;
  totalSize: number;
}

/** A tree (with any warnings), or the diagnostics that stopped it (errors first by offset, warnings too). */
export type FdtParseResult =
  | { ok: true; tree: DeviceTreeNode; reservations: MemoryReservation[]; header: FdtHeader; warnings: FdtDiagnostic[] }
  | { ok: false; diagnostics: FdtDiagnostic[] };

/** Thrown inside the parser only to stop at the first problem that makes the rest unreadable. */
class StopParsing {}

const TOKEN_NAMES: Record<number, string> = {
  [FDT_TOKEN.BEGIN_NODE]: 'FDT_BEGIN_NODE',
  [FDT_TOKEN.END_NODE]: 'FDT_END_NODE',
  [FDT_TOKEN.PROP]: 'FDT_PROP',
  [FDT_TOKEN.NOP]: 'FDT_NOP',
  [FDT_TOKEN.END]: 'FDT_END',
};

const hex = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`;
const align4 = (offset: number): number => (offset + 3) & ~3;

/** Parses `bytes` as a flattened device tree; never throws on any input. */
export function parseFdt(bytes: Uint8Array, limits: Partial<FdtLimits> = {}): FdtParseResult {
  const parser = new FdtParser(bytes, { ...DEFAULT_FDT_LIMITS, ...limits });
  return parser.parse();
}

/** Open node state while its tokens are read. */
interface OpenNode {
  node: DeviceTreeNode;
  childNames: Set<string>;
  propertyNames: Set<string>;
}

class FdtParser {
  private readonly view: DataView;
  private readonly diagnostics: FdtDiagnostic[] = [];
  private errors = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: FdtLimits,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  parse(): FdtParseResult {
    try {
      const result = this.read();
      if (this.errors === 0 && result !== null) return { ok: true, ...result, warnings: this.diagnostics };
    } catch (error) {
      if (!(error instanceof StopParsing)) throw error;
    }
    return { ok: false, diagnostics: this.diagnostics };
  }

  private report(severity: 'error' | 'warning', code: FdtDiagnosticCode, offset: number, message: string, expected: string, path?: string): void {
    const room = Math.max(1, this.limits.maxDiagnostics);
    if (this.diagnostics.length >= room - 1) {
      // The last place is an error, so a blob with only warnings past the cap is still refused, not half read.
      this.diagnostics.push({ code: 'too-many', severity: 'error', offset, message: `more than ${room - 1} problems; reading stopped here`, expected: `at most ${room - 1} problems` });
      this.errors += 1;
      throw new StopParsing();
    }
    this.diagnostics.push(path === undefined ? { code, severity, offset, message, expected } : { code, severity, offset, path, message, expected });
    if (severity === 'error') this.errors += 1;
  }

  /** Reports an error and stops: the rest of the blob cannot be read reliably. */
  private fail(code: FdtDiagnosticCode, offset: number, message: string, expected: string, path?: string): never {
    this.report('error', code, offset, message, expected, path);
    throw new StopParsing();
  }

  private u32(offset: number): number {
    return this.view.getUint32(offset, false);
  }

  private read(): { tree: DeviceTreeNode; reservations: MemoryReservation[]; header: FdtHeader } | null {
    const length = this.bytes.byteLength;
    const { maxBytes } = this.limits;
    if (length > maxBytes) this.fail('too-large', 0, `the input is ${length} bytes`, `at most ${maxBytes} bytes`);
    if (length < 4) this.fail('truncated', length, `the input ends after ${length} bytes`, `a ${FDT_HEADER_SIZE}-byte header starting with magic ${hex(FDT_MAGIC)}`);
    const magic = this.u32(FDT_HEADER_FIELDS.magic);
    if (magic !== FDT_MAGIC) {
      const swapped = this.view.getUint32(0, true) === FDT_MAGIC ? ' (the blob is little-endian: byte-swapped)' : '';
      this.fail('bad-magic', 0, `magic is ${hex(magic)}${swapped}`, `magic ${hex(FDT_MAGIC)}, big-endian`);
    }
    if (length < FDT_HEADER_SIZE) this.fail('truncated', length, `the input ends after ${length} bytes, inside the header`, `a ${FDT_HEADER_SIZE}-byte header`);

    const field = (name: keyof typeof FDT_HEADER_FIELDS): number => this.u32(FDT_HEADER_FIELDS[name]);
    const version = field('version');
    const lastCompVersion = field('last_comp_version');
    if (version < FDT_VERSION) this.report('error', 'unsupported-version', FDT_HEADER_FIELDS.version, `version is ${version}`, `version ${FDT_VERSION} or later`);
    if (lastCompVersion > FDT_VERSION) {
      this.report('error', 'unsupported-version', FDT_HEADER_FIELDS.last_comp_version, `last_comp_version is ${lastCompVersion}: only readers of version ${lastCompVersion} or later may read it`, `last_comp_version ${FDT_VERSION} or lower`);
    }
    if (this.errors > 0) return null;

    const totalSize = field('totalsize');
    if (totalSize > maxBytes) this.fail('too-large', FDT_HEADER_FIELDS.totalsize, `totalsize is ${totalSize} bytes`, `at most ${maxBytes} bytes`);
    if (totalSize < FDT_HEADER_SIZE) this.fail('block-outside', FDT_HEADER_FIELDS.totalsize, `totalsize is ${totalSize}, smaller than the header`, `totalsize of at least ${FDT_HEADER_SIZE}`);
    if (totalSize > length) this.fail('truncated', length, `the input ends after ${length} bytes but totalsize is ${totalSize}`, `${totalSize} bytes, as totalsize says`);
    if (length > totalSize) this.report('warning', 'trailing-bytes', totalSize, `${length - totalSize} bytes after totalsize (${totalSize}) are ignored`, `the input to end at totalsize`);

    const structStart = field('off_dt_struct');
    const structSize = field('size_dt_struct');
    const stringsStart = field('off_dt_strings');
    const stringsSize = field('size_dt_strings');
    const rsvmapStart = field('off_mem_rsvmap');
    this.checkBlock('structure block', FDT_HEADER_FIELDS.off_dt_struct, structStart, structSize, totalSize, 4);
    this.checkBlock('strings block', FDT_HEADER_FIELDS.off_dt_strings, stringsStart, stringsSize, totalSize, 1);
    this.checkBlock('memory reservation block', FDT_HEADER_FIELDS.off_mem_rsvmap, rsvmapStart, 16, totalSize, 8);
    if (this.errors > 0) return null;
    this.checkOverlap('structure block', structStart, structSize, 'strings block', stringsStart, stringsSize);
    if (this.errors > 0) return null;

    const reservations = this.readReservations(rsvmapStart, totalSize);
    const rsvmapSize = (reservations.length + 1) * 16;
    this.checkOverlap('memory reservation block', rsvmapStart, rsvmapSize, 'structure block', structStart, structSize);
    this.checkOverlap('memory reservation block', rsvmapStart, rsvmapSize, 'strings block', stringsStart, stringsSize);
    if (this.errors > 0) return null;

    const tree = new StructReader(this, this.bytes, this.limits, structStart, structSize, stringsStart, stringsSize).read();
    return { tree, reservations, header: { version, lastCompVersion, bootCpuidPhys: field('boot_cpuid_phys'), totalSize } };
  }

  /** A block must start after the header, be aligned, and end inside totalsize. */
  private checkBlock(what: string, fieldOffset: number, start: number, size: number, totalSize: number, alignment: number): void {
    if (start < FDT_HEADER_SIZE) {
      this.report('error', 'block-overlap', fieldOffset, `the ${what} starts at ${start}, inside the header`, `an offset of at least ${FDT_HEADER_SIZE}`);
    } else if (start % alignment !== 0) {
      this.report('error', 'misaligned', fieldOffset, `the ${what} starts at ${start}`, `an offset that is a multiple of ${alignment}`);
    } else if (start + size > totalSize) {
      this.report('error', 'block-outside', fieldOffset, `the ${what} (${start}, ${size} bytes) ends at ${start + size}, beyond totalsize ${totalSize}`, `the block inside the blob's ${totalSize} bytes`);
    }
  }

  private checkOverlap(first: string, firstStart: number, firstSize: number, second: string, secondStart: number, secondSize: number): void {
    if (firstSize === 0 || secondSize === 0) return;
    if (firstStart < secondStart + secondSize && secondStart < firstStart + firstSize) {
      this.report('error', 'block-overlap', Math.max(firstStart, secondStart), `the ${first} (${firstStart}..${firstStart + firstSize}) overlaps the ${second} (${secondStart}..${secondStart + secondSize})`, 'blocks that do not overlap');
    }
  }

  /** Entries of 2 big-endian 64-bit words up to the (0, 0) entry, which must lie inside totalsize (5.3). */
  private readReservations(start: number, totalSize: number): MemoryReservation[] {
    const reservations: MemoryReservation[] = [];
    for (let offset = start; ; offset += 16) {
      if (offset + 16 > totalSize) this.fail('rsvmap-unterminated', offset, 'the memory reservation block runs to the end of the blob', 'an entry of address 0 and size 0 to end it');
      const address = this.view.getBigUint64(offset, false);
      const size = this.view.getBigUint64(offset + 8, false);
      if (address === 0n && size === 0n) return reservations;
      if (reservations.length >= this.limits.maxReservations) this.fail('too-many', offset, `more than ${this.limits.maxReservations} memory reservations`, `at most ${this.limits.maxReservations}`);
      reservations.push({ address, size });
    }
  }

  /** Lets the structure reader add diagnostics. */
  add(severity: 'error' | 'warning', code: FdtDiagnosticCode, offset: number, message: string, expected: string, path?: string): void {
    this.report(severity, code, offset, message, expected, path);
  }

  /** Lets the structure reader stop. */
  stop(code: FdtDiagnosticCode, offset: number, message: string, expected: string, path?: string): never {
    this.fail(code, offset, message, expected, path);
  }
}

/** Reads the structure block's token stream (5.4) with an explicit stack: no recursion, bounded depth. */
class StructReader {
  private readonly view: DataView;
  private readonly structEnd: number;
  private readonly stringsEnd: number;
  private readonly names = new Map<number, string | null>();
  private nodes = 0;
  private properties = 0;

  constructor(
    private readonly parser: FdtParser,
    private readonly bytes: Uint8Array,
    private readonly limits: FdtLimits,
    private readonly structStart: number,
    structSize: number,
    private readonly stringsStart: number,
    stringsSize: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.structEnd = structStart + structSize;
    this.stringsEnd = stringsStart + stringsSize;
  }

  read(): DeviceTreeNode {
    const stack: OpenNode[] = [];
    let root: DeviceTreeNode | null = null;
    let offset = this.structStart;
    while (offset + 4 <= this.structEnd) {
      const tokenOffset = offset;
      const token = this.view.getUint32(offset, false);
      offset += 4;
      const open = stack.length > 0 ? stack[stack.length - 1] : null;
      switch (token) {
        case FDT_TOKEN.BEGIN_NODE: {
          if (root !== null && open === null) this.parser.stop('unexpected-token', tokenOffset, 'FDT_BEGIN_NODE after the root node was closed: a second root', 'FDT_END (or FDT_NOP)');
          const node = this.beginNode(tokenOffset, offset, open, stack.length + 1);
          offset = align4(offset + node.nameLength + 1);
          if (open === null) root = node.node;
          else open.node.children.push(node.node);
          stack.push({ node: node.node, childNames: new Set(), propertyNames: new Set() });
          break;
        }
        case FDT_TOKEN.END_NODE:
          if (open === null) this.parser.stop('unexpected-token', tokenOffset, 'FDT_END_NODE with no node open', root === null ? 'FDT_BEGIN_NODE of the root' : 'FDT_END');
          stack.pop();
          break;
        case FDT_TOKEN.PROP:
          if (open === null) this.parser.stop('unexpected-token', tokenOffset, root === null ? 'FDT_PROP before the root node' : 'FDT_PROP after the root node was closed', root === null ? 'FDT_BEGIN_NODE of the root' : 'FDT_END');
          offset = this.property(tokenOffset, offset, open);
          break;
        case FDT_TOKEN.NOP:
          break;
        case FDT_TOKEN.END:
          if (open !== null) this.parser.stop('unclosed-node', tokenOffset, `FDT_END while ${stack.length} node(s) are open, the innermost ${open.node.path}`, `FDT_END_NODE for ${open.node.path}`, open.node.path);
          if (root === null) this.parser.stop('unexpected-token', tokenOffset, 'FDT_END before any node', 'FDT_BEGIN_NODE of the root');
          if (offset < this.structEnd) this.parser.add('warning', 'data-after-end', offset, `${this.structEnd - offset} bytes of the structure block follow FDT_END`, 'FDT_END as the last token of the structure block');
          return root;
        default:
          this.parser.stop('bad-token', tokenOffset, `token ${hex(token)}`, open === null && root === null ? 'FDT_BEGIN_NODE (1) or FDT_NOP (4)' : 'FDT_BEGIN_NODE (1), FDT_END_NODE (2), FDT_PROP (3), FDT_NOP (4) or FDT_END (9)', open?.node.path);
      }
    }
    const innermost = stack.length > 0 ? stack[stack.length - 1].node.path : undefined;
    const expected = stack.length > 0 ? `FDT_END_NODE for ${innermost}, then FDT_END` : root === null ? 'FDT_BEGIN_NODE of the root' : 'FDT_END';
    return this.parser.stop('missing-end', Math.min(offset, this.structEnd), `the structure block ends (at ${this.structEnd}) without FDT_END`, expected, innermost);
  }

  private beginNode(tokenOffset: number, nameOffset: number, parent: OpenNode | null, depth: number): { node: DeviceTreeNode; nameLength: number } {
    const nameLength = this.nulTerminated(nameOffset, this.structEnd);
    if (nameLength === null) this.parser.stop('unterminated-name', nameOffset, 'the node name has no NUL before the end of the structure block', 'a NUL-terminated node name', parent?.node.path);
    if (nameLength < 0) this.parser.stop('name-too-long', nameOffset, `the node name is longer than ${this.limits.maxNameLength} bytes`, `at most ${this.limits.maxNameLength} bytes`, parent?.node.path);
    const name = ascii(this.bytes, nameOffset, nameLength);
    if (depth > this.limits.maxDepth) this.parser.stop('too-deep', tokenOffset, `a node at depth ${depth}`, `at most ${this.limits.maxDepth} levels of nodes`, parent?.node.path);
    this.nodes += 1;
    if (this.nodes > this.limits.maxNodes) this.parser.stop('too-many', tokenOffset, `more than ${this.limits.maxNodes} nodes`, `at most ${this.limits.maxNodes} nodes`, parent?.node.path);
    if (parent === null) {
      // 5.4.1: the root node's name is empty.
      if (name !== '') this.parser.add('error', 'bad-name', nameOffset, `the root node is named ${JSON.stringify(name)}`, 'an empty name for the root node', '/');
      return { node: { name: '', path: '/', offset: tokenOffset, properties: [], children: [] }, nameLength };
    }
    const path = childPath(parent.node.path, name);
    if (!isValidNodeName(name)) {
      this.parser.add('error', 'bad-name', nameOffset, `node name ${JSON.stringify(name)}`, 'a node name of 0-9 a-z A-Z , . _ + - with an optional @unit-address', parent.node.path);
    } else if (parent.childNames.has(name)) {
      this.parser.add('error', 'duplicate-node', tokenOffset, `a second node ${path}`, 'node names unique among siblings', path);
    }
    parent.childNames.add(name);
    return { node: { name, path, offset: tokenOffset, properties: [], children: [] }, nameLength };
  }

  /** Reads one FDT_PROP after its token; returns the offset of the next token. */
  private property(tokenOffset: number, offset: number, open: OpenNode): number {
    const path = open.node.path;
    if (offset + 8 > this.structEnd) this.parser.stop('truncated', offset, 'FDT_PROP without room for its length and name offset', '8 bytes (len, nameoff) inside the structure block', path);
    const length = this.view.getUint32(offset, false);
    const nameOffset = this.view.getUint32(offset + 4, false);
    const valueStart = offset + 8;
    if (length > this.structEnd - valueStart) {
      this.parser.stop('property-too-long', offset, `a property value of ${length} bytes; ${this.structEnd - valueStart} bytes are left in the structure block`, 'a value that ends inside the structure block', path);
    }
    this.properties += 1;
    if (this.properties > this.limits.maxProperties) this.parser.stop('too-many', tokenOffset, `more than ${this.limits.maxProperties} properties`, `at most ${this.limits.maxProperties} properties`, path);
    const name = this.propertyName(nameOffset, offset + 4, path);
    if (name !== null) {
      if (open.propertyNames.has(name)) this.parser.add('error', 'duplicate-property', tokenOffset, `a second property ${name}`, 'property names unique within a node', path);
      else if (open.node.children.length > 0) this.parser.add('warning', 'property-after-child', tokenOffset, `property ${name} after a child node`, 'all properties of a node before its first child (5.4.2)', path);
      open.propertyNames.add(name);
      const property: DeviceTreeProperty = { name, value: this.bytes.slice(valueStart, valueStart + length), offset: tokenOffset };
      open.node.properties.push(property);
    }
    return align4(valueStart + length);
  }

  /** The property name at `nameOffset` in the strings block; null (and a diagnostic) when it is not a valid one. */
  private propertyName(nameOffset: number, fieldOffset: number, path: string): string | null {
    const known = this.names.get(nameOffset);
    if (known !== undefined) return known;
    const name = this.readPropertyName(nameOffset, fieldOffset, path);
    this.names.set(nameOffset, name);
    return name;
  }

  private readPropertyName(nameOffset: number, fieldOffset: number, path: string): string | null {
    const stringsSize = this.stringsEnd - this.stringsStart;
    if (nameOffset >= stringsSize) {
      this.parser.add('error', 'bad-string-offset', fieldOffset, `name offset ${nameOffset} is outside the strings block (${stringsSize} bytes)`, `a name offset below ${stringsSize}`, path);
      return null;
    }
    const start = this.stringsStart + nameOffset;
    const length = this.nulTerminated(start, this.stringsEnd);
    if (length === null) {
      this.parser.add('error', 'unterminated-string', start, `the name at strings offset ${nameOffset} has no NUL before the end of the strings block`, 'a NUL-terminated property name', path);
      return null;
    }
    if (length < 0) {
      this.parser.add('error', 'name-too-long', start, `the name at strings offset ${nameOffset} is longer than ${this.limits.maxNameLength} bytes`, `at most ${this.limits.maxNameLength} bytes`, path);
      return null;
    }
    const name = ascii(this.bytes, start, length);
    if (!isValidPropertyName(name)) {
      this.parser.add('error', 'bad-name', start, `property name ${JSON.stringify(name)}`, 'a property name of 0-9 a-z A-Z , . _ + ? # -', path);
      return null;
    }
    return name;
  }

  /** Length of the NUL-terminated string at `start` before `end`: null without a NUL, -1 when over maxNameLength. */
  private nulTerminated(start: number, end: number): number | null {
    const searchEnd = Math.min(end, start + this.limits.maxNameLength + 1);
    const nul = this.bytes.subarray(start, searchEnd).indexOf(0);
    if (nul !== -1) return nul;
    return searchEnd < end ? -1 : null;
  }
}

/** The bytes as one char each, for error messages and for names (which the name rules limit to ASCII). */
function ascii(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let index = start; index < start + length; index += 1) text += String.fromCharCode(bytes[index]);
  return text;
}
