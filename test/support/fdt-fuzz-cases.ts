/**
 * Test-only fuzz inputs for parseFdt: seeded random valid trees, the blobs the builder writes for them,
 * and mutations of those blobs (truncation, header fields, overlapping blocks, bad tokens, huge
 * lengths, string offsets out of range, deep and wide nesting), plus the invariant every parse must
 * keep. The uvu property test and tools/fuzz/fuzz-fdt.ts both use it.
 */
import { countTree } from '../../src/fdt/count-tree.js';
import type { DeviceTreeNode } from '../../src/fdt/device-tree.js';
import { FDT_DIAGNOSTIC_CODES } from '../../src/fdt/fdt-diagnostic.js';
import { FDT_HEADER_FIELDS, FDT_TOKEN, type FdtHeaderField } from '../../src/fdt/fdt-format.js';
import type { FdtLimits } from '../../src/fdt/fdt-limits.js';
import { type FdtParseResult, parseFdt } from '../../src/fdt/parse-fdt.js';
import { walkTree } from '../../src/fdt/walk-tree.js';
import { mulberry32 } from '../../src/engine/shuffle.js';
import { assembleFdt, type BuildNode, type BuildToken, type BuiltFdt, cells, strings, treeTokens } from './fdt-builder.js';

/** A seeded source of random choices. */
export interface Random {
  /** A whole number in [0, n). */
  below(n: number): number;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
}

/** A Random from a 32-bit seed (mulberry32, as the engine's shuffle uses). */
export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    below: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

const NODE_NAMES = ['soc', 'cpus', 'cpu@0', 'serial@fe650000', 'clock-controller@1000', 'gpio-keys', 'i2c@ff110000', 'pmic@20', 'regulators', 'ports', 'port@1', 'endpoint'];
const PROPERTY_NAMES = ['compatible', 'reg', 'status', '#address-cells', '#size-cells', 'clocks', 'interrupts', 'phandle', 'pinctrl-0', 'vin-supply', 'dma-coherent', 'label', 'linux,code'];

function randomValue(random: Random): Uint8Array {
  switch (random.below(4)) {
    case 0:
      return strings(...Array.from({ length: 1 + random.below(3) }, () => random.pick(['acme,uart', 'simple-bus', 'okay', 'disabled', ''])));
    case 1:
      return cells(...Array.from({ length: random.below(6) }, () => random.below(0x10000)));
    case 2:
      return new Uint8Array(0);
    default:
      return Uint8Array.from({ length: random.below(9) }, () => random.below(256));
  }
}

/** A random valid tree: unique sibling names, unique property names, bounded size. */
export function randomTree(random: Random, maxDepth = 5, maxChildren = 4): BuildNode {
  const node = (name: string, depth: number): BuildNode => {
    const propertyNames = [...new Set(Array.from({ length: random.below(5) }, () => random.pick(PROPERTY_NAMES)))];
    const childNames = depth >= maxDepth ? [] : [...new Set(Array.from({ length: random.below(maxChildren + 1) }, () => random.pick(NODE_NAMES)))];
    return {
      name,
      properties: propertyNames.map((property) => ({ name: property, value: randomValue(random) })),
      children: childNames.map((child) => node(child, depth + 1)),
    };
  };
  return node('', 1);
}

/** A chain of `depth` nested nodes under the root. */
export function deepTree(depth: number): BuildNode {
  let node: BuildNode = { name: 'leaf', properties: [{ name: 'compatible', value: strings('leaf') }] };
  for (let level = depth - 1; level > 1; level -= 1) node = { name: `n${level}`, children: [node] };
  return { name: '', children: depth > 1 ? [node] : [] };
}

/** One fuzz input: how it was made and its bytes. */
export interface FdtFuzzCase {
  kind: string;
  bytes: Uint8Array;
}

const INTERESTING = [0, 1, 3, 4, 8, 16, 39, 40, 0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffffc, 0xffffffff];
const HEADER_FIELDS = Object.keys(FDT_HEADER_FIELDS) as FdtHeaderField[];

function setWord(bytes: Uint8Array, offset: number, value: number): void {
  if (offset >= 0 && offset + 4 <= bytes.length) new DataView(bytes.buffer, bytes.byteOffset).setUint32(offset, value >>> 0, false);
}

function interesting(random: Random, near: number): number {
  return random.below(3) === 0 ? random.pick(INTERESTING) : Math.max(0, near + random.below(33) - 16);
}

/** Offsets of the FDT_PROP tokens among the built tokens. */
function propOffsets(built: BuiltFdt, tokens: readonly BuildToken[]): number[] {
  return tokens.flatMap((token, index) => (token.kind === 'prop' ? [built.tokenOffsets[index]] : []));
}

type Mutation = (random: Random, built: BuiltFdt, tokens: readonly BuildToken[]) => Uint8Array;

/** The mutations, by name; each returns a new array and leaves `built` as it was. */
export const FDT_MUTATIONS: Record<string, Mutation> = {
  none: (_random, built) => built.bytes.slice(),
  truncate: (random, built) => built.bytes.slice(0, random.below(built.bytes.length)),
  'header-field': (random, built) => {
    const bytes = built.bytes.slice();
    const field = random.pick(HEADER_FIELDS);
    setWord(bytes, FDT_HEADER_FIELDS[field], interesting(random, new DataView(bytes.buffer).getUint32(FDT_HEADER_FIELDS[field], false)));
    return bytes;
  },
  'overlap-blocks': (random, built) => {
    const bytes = built.bytes.slice();
    const [field, target] = random.pick([
      ['off_dt_strings', built.structOffset + 4 * random.below(1 + built.structSize / 4)],
      ['off_dt_struct', built.rsvmapOffset + 4 * random.below(8)],
      ['off_mem_rsvmap', built.structOffset + 8 * random.below(1 + built.structSize / 8)],
      ['off_dt_struct', built.stringsOffset - 4 * random.below(4)],
    ] as const);
    setWord(bytes, FDT_HEADER_FIELDS[field], target);
    return bytes;
  },
  'bad-token': (random, built) => {
    const bytes = built.bytes.slice();
    const words = built.structSize / 4;
    setWord(bytes, built.structOffset + 4 * random.below(words), random.pick([0, 5, 6, 7, 8, 10, 0x100, 0xffffffff, FDT_TOKEN.END, FDT_TOKEN.END_NODE, FDT_TOKEN.BEGIN_NODE, FDT_TOKEN.PROP]));
    return bytes;
  },
  'huge-length': (random, built, tokens) => {
    const bytes = built.bytes.slice();
    const props = propOffsets(built, tokens);
    if (props.length > 0) setWord(bytes, random.pick(props) + 4, random.pick([built.structSize, built.structSize + 1, 0x7fffffff, 0xffffffff, 0xfffffffc]));
    return bytes;
  },
  'string-offset': (random, built, tokens) => {
    const bytes = built.bytes.slice();
    const props = propOffsets(built, tokens);
    if (props.length > 0) setWord(bytes, random.pick(props) + 8, random.pick([built.stringsSize, built.stringsSize - 1, built.stringsSize + 7, 0x7fffffff, 0xffffffff]));
    return bytes;
  },
  'strings-unterminated': (random, built) => {
    const bytes = built.bytes.slice();
    if (built.stringsSize > 0) bytes[built.stringsOffset + built.stringsSize - 1] = 0x61 + random.below(26);
    return bytes;
  },
  'flip-bytes': (random, built) => {
    const bytes = built.bytes.slice();
    for (let count = 1 + random.below(8); count > 0; count -= 1) bytes[random.below(bytes.length)] ^= 1 << random.below(8);
    return bytes;
  },
  'cut-struct': (random, built) => {
    // Removes a 4-byte-aligned run of the structure block: tokens lose their ends, nodes their closes.
    const start = built.structOffset + 4 * random.below(built.structSize / 4);
    const length = 4 * (1 + random.below(4));
    const bytes = new Uint8Array(built.bytes.length);
    bytes.set(built.bytes.subarray(0, start));
    bytes.set(built.bytes.subarray(Math.min(built.bytes.length, start + length)), start);
    return bytes;
  },
};

/** The deterministic fuzz case number `index` of `seed`. */
export function fdtFuzzCase(seed: number, index: number): FdtFuzzCase {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const shape = random.below(10);
  if (shape === 0) {
    // Deep nesting around the depth limit (64), well-formed or cut.
    const depth = random.pick([63, 64, 65, 100, 1000]);
    const tokens = [...treeTokens(deepTree(depth)), { kind: 'end' } as const];
    const built = assembleFdt(tokens);
    const mutation = random.pick(['none', 'truncate', 'bad-token']);
    return { kind: `deep-${depth}+${mutation}`, bytes: FDT_MUTATIONS[mutation](random, built, tokens) };
  }
  const tree = shape === 1 ? randomTree(random, 8, 2) : randomTree(random, 4, 3);
  const reservations = Array.from({ length: random.below(3) }, () => [BigInt(random.below(0x10000)) << 12n, 0x1000n] as const);
  const tokens = [...treeTokens(tree), { kind: 'end' } as const];
  const built = assembleFdt(tokens, { reservations });
  const names = Object.keys(FDT_MUTATIONS);
  const first = random.pick(names);
  let bytes = FDT_MUTATIONS[first](random, built, tokens);
  let kind = first;
  if (random.below(4) === 0 && bytes.length === built.bytes.length) {
    // A second mutation on top of the first, from the same layout.
    const second = random.pick(names);
    const again = FDT_MUTATIONS[second](random, { ...built, bytes }, tokens);
    bytes = again;
    kind = `${first}+${second}`;
  }
  return { kind, bytes };
}

/** Whether a diagnostic offset points inside the input (or is absent). */
function offsetInside(offset: number | null, length: number): boolean {
  return offset === null || (Number.isSafeInteger(offset) && offset >= 0 && offset <= length);
}

/**
 * Parses `bytes` and checks what must hold for any input: no exception, a tree or at least one error,
 * known codes, offsets inside the input, trees within the limits, values inside the input. Returns
 * the parse result, or a failure reason.
 */
export function checkParse(bytes: Uint8Array, limits: FdtLimits): { ok: true; result: FdtParseResult } | { ok: false; reason: string } {
  let result: FdtParseResult;
  try {
    result = parseFdt(bytes, limits);
  } catch (error) {
    return { ok: false, reason: `parseFdt threw: ${error instanceof Error ? error.stack : String(error)}` };
  }
  const diagnostics = result.ok ? result.warnings : result.diagnostics;
  if (diagnostics.length > limits.maxDiagnostics) return { ok: false, reason: `${diagnostics.length} diagnostics, over the limit ${limits.maxDiagnostics}` };
  for (const diagnostic of diagnostics) {
    if (!(FDT_DIAGNOSTIC_CODES as readonly string[]).includes(diagnostic.code)) return { ok: false, reason: `unknown code ${diagnostic.code}` };
    if (!offsetInside(diagnostic.offset, bytes.length)) return { ok: false, reason: `${diagnostic.code} at offset ${diagnostic.offset}, outside ${bytes.length} bytes` };
    if (diagnostic.message === '' || diagnostic.expected === '') return { ok: false, reason: `${diagnostic.code} without a message or an expectation` };
  }
  if (!result.ok) {
    if (!result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return { ok: false, reason: 'rejected without an error' };
    return { ok: true, result };
  }
  if (result.warnings.some((diagnostic) => diagnostic.severity === 'error')) return { ok: false, reason: 'a tree returned with an error' };
  const counts = countTree(result.tree);
  if (counts.nodes > limits.maxNodes || counts.properties > limits.maxProperties) return { ok: false, reason: `tree of ${counts.nodes} nodes, ${counts.properties} properties is over the limits` };
  let depthOk = true;
  const depthOf = (node: DeviceTreeNode): number => (node.path === '/' ? 1 : node.path.split('/').length);
  for (const node of walkTree(result.tree)) {
    if (depthOf(node) > limits.maxDepth) depthOk = false;
    if (!offsetInside(node.offset, bytes.length)) return { ok: false, reason: `node ${node.path} at offset ${node.offset}` };
    for (const property of node.properties) {
      if (!offsetInside(property.offset, bytes.length) || property.value.length > bytes.length) return { ok: false, reason: `property ${node.path}:${property.name} outside the input` };
    }
  }
  if (!depthOk) return { ok: false, reason: 'a node deeper than maxDepth' };
  return { ok: true, result };
}
