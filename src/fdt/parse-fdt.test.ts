import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assembleFdt, type BuildNode, type BuildToken, buildFdt, cells, strings, treeTokens, withHeaderField } from '../../test/support/fdt-builder.js';
import { deepTree } from '../../test/support/fdt-fuzz-cases.js';
import type { FdtDiagnostic } from './fdt-diagnostic.js';
import { FDT_HEADER_FIELDS, FDT_TOKEN } from './fdt-format.js';
import { type FdtParseResult, parseFdt } from './parse-fdt.js';

const BOARD: BuildNode = {
  name: '',
  properties: [
    { name: 'compatible', value: strings('acme,board', 'acme,soc') },
    { name: '#address-cells', value: cells(1) },
  ],
  children: [
    {
      name: 'soc',
      properties: [{ name: 'compatible', value: strings('simple-bus') }],
      children: [
        { name: 'serial@1000', properties: [{ name: 'compatible', value: strings('acme,uart') }, { name: 'clocks', value: cells(1, 3) }, { name: 'dma-coherent', value: new Uint8Array(0) }] },
        { name: 'clock-controller@2000', properties: [{ name: '#clock-cells', value: cells(1) }, { name: 'phandle', value: cells(1) }] },
      ],
    },
  ],
};

const END: BuildToken = { kind: 'end' };
const ROOT: BuildToken = { kind: 'begin', name: '' };
const CLOSE: BuildToken = { kind: 'end-node' };
const prop = (name: string, value: Uint8Array = cells(1)): BuildToken => ({ kind: 'prop', name, value });

/** The diagnostics of a rejected parse, as [code, offset] pairs. */
function rejected(result: FdtParseResult): Array<[string, number | null]> {
  assert.ok(!result.ok, 'expected the blob to be rejected');
  return (result as { diagnostics: FdtDiagnostic[] }).diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.offset]);
}

/** The warnings of an accepted parse, as [code, offset] pairs. */
function warned(result: FdtParseResult): Array<[string, number | null]> {
  if (!result.ok) assert.unreachable(`expected a tree, got ${JSON.stringify(result.diagnostics)}`);
  return result.ok ? result.warnings.map((diagnostic) => [diagnostic.code, diagnostic.offset]) : [];
}

const valid = suite('parseFdt: valid blobs');

valid('reads nodes, paths, properties, values and token offsets', () => {
  const built = buildFdt(BOARD, { reservations: [[0x80000000n, 0x10000n]], bootCpuidPhys: 2 });
  const result = parseFdt(built.bytes);
  if (!result.ok) return assert.unreachable(JSON.stringify(result.diagnostics));
  assert.equal(result.warnings, []);
  assert.equal(result.reservations, [{ address: 0x80000000n, size: 0x10000n }]);
  assert.equal(result.header, { version: 17, lastCompVersion: 16, bootCpuidPhys: 2, totalSize: built.bytes.length });
  const { tree } = result;
  assert.is(tree.name, '');
  assert.is(tree.path, '/');
  assert.is(tree.offset, built.structOffset);
  assert.equal(tree.properties.map((p) => p.name), ['compatible', '#address-cells']);
  assert.equal([...tree.properties[0].value], [...strings('acme,board', 'acme,soc')]);
  assert.is(tree.properties[0].offset, built.tokenOffsets[1]);
  const soc = tree.children[0];
  assert.is(soc.path, '/soc');
  assert.equal(soc.children.map((child) => child.path), ['/soc/serial@1000', '/soc/clock-controller@2000']);
  const serial = soc.children[0];
  assert.equal(serial.properties.map((p) => [p.name, p.value.length]), [['compatible', 10], ['clocks', 8], ['dma-coherent', 0]]);
});

valid('values are copies: changing the input later does not change the tree', () => {
  const built = buildFdt(BOARD);
  const result = parseFdt(built.bytes);
  if (!result.ok) return assert.unreachable();
  const value = result.tree.properties[1].value;
  built.bytes.fill(0);
  assert.equal([...value], [0, 0, 0, 1]);
});

valid('FDT_NOP tokens anywhere are skipped', () => {
  const nop: BuildToken = { kind: 'nop' };
  const built = assembleFdt([nop, ROOT, nop, prop('a'), nop, { kind: 'begin', name: 'x' }, nop, CLOSE, nop, CLOSE, nop, END]);
  const result = parseFdt(built.bytes);
  assert.equal(warned(result), []);
  if (result.ok) assert.equal(result.tree.children.map((child) => child.name), ['x']);
});

valid('a blob inside a larger buffer (a subarray at an odd offset) reads the same', () => {
  const built = buildFdt(BOARD);
  const buffer = new Uint8Array(built.bytes.length + 3);
  buffer.set(built.bytes, 3);
  const result = parseFdt(buffer.subarray(3));
  const direct = parseFdt(built.bytes);
  assert.equal(result, direct);
});

valid('a later version that stays compatible with 17 is read', () => {
  assert.equal(warned(parseFdt(buildFdt(BOARD, { version: 18, lastCompVersion: 17 }).bytes)), []);
});

valid('depth up to the limit is accepted', () => {
  assert.equal(warned(parseFdt(buildFdt(deepTree(64)).bytes)), []);
});

valid.run();

const header = suite('parseFdt: header and blocks');

header('an input over maxBytes is refused before it is read', () => {
  const built = buildFdt(BOARD);
  assert.equal(rejected(parseFdt(built.bytes, { maxBytes: built.bytes.length - 1 })), [['too-large', 0]]);
});

header('a totalsize over maxBytes is refused at the totalsize field', () => {
  const built = buildFdt(BOARD);
  const bytes = withHeaderField(built.bytes, 'totalsize', built.bytes.length + 64);
  assert.equal(rejected(parseFdt(bytes, { maxBytes: built.bytes.length })), [['too-large', FDT_HEADER_FIELDS.totalsize]]);
});

header('inputs shorter than the magic, the header, or totalsize are truncated at their end', () => {
  const built = buildFdt(BOARD);
  assert.equal(rejected(parseFdt(new Uint8Array(0))), [['truncated', 0]]);
  assert.equal(rejected(parseFdt(built.bytes.slice(0, 3))), [['truncated', 3]]);
  assert.equal(rejected(parseFdt(built.bytes.slice(0, 20))), [['truncated', 20]]);
  assert.equal(rejected(parseFdt(built.bytes.slice(0, built.bytes.length - 5))), [['truncated', built.bytes.length - 5]]);
});

header('a wrong magic is refused, and a byte-swapped one is named so', () => {
  const built = buildFdt(BOARD);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'magic', 0x12345678))), [['bad-magic', 0]]);
  const swapped = parseFdt(withHeaderField(built.bytes, 'magic', 0xedfe0dd0));
  assert.equal(rejected(swapped), [['bad-magic', 0]]);
  if (!swapped.ok) assert.match(swapped.diagnostics[0].message, 'little-endian');
  assert.equal(rejected(parseFdt(new TextEncoder().encode('/dts-v1/; / { };'))), [['bad-magic', 0]]);
});

header('versions before 17, and last_comp_version after 17, are unsupported', () => {
  const built = buildFdt(BOARD);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'version', 16))), [['unsupported-version', FDT_HEADER_FIELDS.version]]);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'last_comp_version', 18))), [['unsupported-version', FDT_HEADER_FIELDS.last_comp_version]]);
});

header('bytes after totalsize are a warning at totalsize', () => {
  const built = buildFdt(BOARD);
  const longer = new Uint8Array(built.bytes.length + 8);
  longer.set(built.bytes);
  assert.equal(warned(parseFdt(longer)), [['trailing-bytes', built.bytes.length]]);
});

header('a totalsize smaller than the header, or a block beyond totalsize, is outside', () => {
  const built = buildFdt(BOARD);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'totalsize', 39))), [['block-outside', FDT_HEADER_FIELDS.totalsize]]);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'size_dt_struct', 0xfffffffc))), [['block-outside', FDT_HEADER_FIELDS.off_dt_struct]]);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'size_dt_strings', built.stringsSize + 1))), [['block-outside', FDT_HEADER_FIELDS.off_dt_strings]]);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'off_dt_strings', 0xffffffff))), [['block-outside', FDT_HEADER_FIELDS.off_dt_strings]]);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'off_mem_rsvmap', (built.bytes.length + 7) & ~7))), [['block-outside', FDT_HEADER_FIELDS.off_mem_rsvmap]]);
});

header('blocks inside the header or overlapping each other are refused where the overlap starts', () => {
  const built = buildFdt(BOARD, { reservations: [[0x1000n, 0x1000n], [0x3000n, 0x1000n]] });
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'off_dt_struct', 16))), [['block-overlap', FDT_HEADER_FIELDS.off_dt_struct]]);
  const stringsInStruct = built.structOffset + 4;
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'off_dt_strings', stringsInStruct))), [['block-overlap', stringsInStruct]]);
  // The reservation block is 48 bytes here (two entries and the end); a structure block starting 16 bytes early overlaps it.
  const earlyStruct = withHeaderField(built.bytes, 'off_dt_struct', built.structOffset - 16);
  assert.equal(rejected(parseFdt(earlyStruct)), [['block-overlap', built.structOffset - 16]]);
});

header('misaligned blocks are refused at their offset field', () => {
  const built = buildFdt(BOARD);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'off_dt_struct', built.structOffset + 2))), [['misaligned', FDT_HEADER_FIELDS.off_dt_struct]]);
  assert.equal(rejected(parseFdt(withHeaderField(built.bytes, 'off_mem_rsvmap', 44))), [['misaligned', FDT_HEADER_FIELDS.off_mem_rsvmap]]);
});

header('a reservation block without its (0, 0) entry runs out at totalsize', () => {
  // Appends 16 non-zero bytes and points the reservation block at them.
  const built = buildFdt(BOARD);
  const start = (built.bytes.length + 7) & ~7;
  const bytes = new Uint8Array(start + 16).fill(0xaa);
  bytes.set(built.bytes);
  const patched = withHeaderField(withHeaderField(bytes, 'totalsize', bytes.length), 'off_mem_rsvmap', start);
  assert.equal(rejected(parseFdt(patched)), [['rsvmap-unterminated', start + 16]]);
});

header('more reservations than maxReservations are refused at the first one over', () => {
  const built = buildFdt(BOARD, { reservations: [[0x1000n, 1n], [0x2000n, 1n], [0x3000n, 1n]] });
  assert.equal(rejected(parseFdt(built.bytes, { maxReservations: 2 })), [['too-many', built.rsvmapOffset + 32]]);
});

header.run();

const struct = suite('parseFdt: structure block');

struct('an unknown token is refused at its offset', () => {
  const built = assembleFdt([ROOT, { kind: 'word', value: 7 }, CLOSE, END]);
  assert.equal(rejected(parseFdt(built.bytes)), [['bad-token', built.tokenOffsets[1]]]);
});

struct('tokens out of place: END_NODE or PROP before the root, a second root, PROP or END_NODE after it, END first', () => {
  const cases: BuildToken[][] = [
    [CLOSE, END],
    [prop('a'), ROOT, CLOSE, END],
    [ROOT, CLOSE, { kind: 'begin', name: 'again' }, CLOSE, END],
    [ROOT, CLOSE, prop('late'), END],
    [ROOT, CLOSE, CLOSE, END],
    [END],
  ];
  const where = [0, 0, 2, 2, 2, 0];
  cases.forEach((tokens, index) => {
    const built = assembleFdt(tokens);
    assert.equal(rejected(parseFdt(built.bytes)), [['unexpected-token', built.tokenOffsets[where[index]]]], `case ${index}`);
  });
});

struct('a structure block that ends without FDT_END is refused at its end', () => {
  const built = assembleFdt([ROOT, prop('a'), CLOSE]);
  assert.equal(rejected(parseFdt(built.bytes)), [['missing-end', built.structOffset + built.structSize]]);
  const empty = assembleFdt([]);
  assert.equal(rejected(parseFdt(empty.bytes)), [['missing-end', empty.structOffset]]);
});

struct('FDT_END with a node still open is refused at the FDT_END, naming the node', () => {
  const built = assembleFdt([ROOT, { kind: 'begin', name: 'a' }, CLOSE, END]);
  const result = parseFdt(built.bytes);
  assert.equal(rejected(result), [['unclosed-node', built.tokenOffsets[3]]]);
  if (!result.ok) assert.is(result.diagnostics[0].path, '/');
});

struct('tokens after FDT_END are a warning', () => {
  const built = assembleFdt([ROOT, CLOSE, END, { kind: 'nop' }]);
  assert.equal(warned(parseFdt(built.bytes)), [['data-after-end', built.tokenOffsets[3]]]);
});

struct('a node name without a NUL before the end of the block is unterminated', () => {
  const built = assembleFdt([ROOT, { kind: 'word', value: FDT_TOKEN.BEGIN_NODE }, { kind: 'word', value: 0x61626364 }]);
  assert.equal(rejected(parseFdt(built.bytes)), [['unterminated-name', built.tokenOffsets[2]]]);
});

struct('names longer than maxNameLength are refused, node and property', () => {
  const node = assembleFdt([ROOT, { kind: 'begin', name: 'abcdefghijk' }, CLOSE, CLOSE, END]);
  assert.equal(rejected(parseFdt(node.bytes, { maxNameLength: 8 })), [['name-too-long', node.tokenOffsets[1] + 4]]);
  const property = assembleFdt([ROOT, prop('abcdefghijk'), CLOSE, END]);
  assert.equal(rejected(parseFdt(property.bytes, { maxNameLength: 8 })), [['name-too-long', property.stringsOffset]]);
  assert.equal(warned(parseFdt(property.bytes, { maxNameLength: 11 })), []);
});

struct('bad names: a slash, a space, an empty child, two @, a named root, a property with a space', () => {
  for (const name of ['a/b', 'a b', '', 'a@1@2', 'caf\u00e9']) {
    const built = assembleFdt([ROOT, { kind: 'begin', name }, CLOSE, CLOSE, END]);
    assert.equal(rejected(parseFdt(built.bytes)), [['bad-name', built.tokenOffsets[1] + 4]], JSON.stringify(name));
  }
  const root = assembleFdt([{ kind: 'begin', name: 'root' }, CLOSE, END]);
  assert.equal(rejected(parseFdt(root.bytes)), [['bad-name', root.tokenOffsets[0] + 4]]);
  const property = assembleFdt([ROOT, prop('ok'), prop('not ok'), CLOSE, END]);
  assert.equal(rejected(parseFdt(property.bytes)), [['bad-name', property.stringsOffset + (property.stringOffsets.get('not ok') ?? -1)]]);
});

struct('a property value longer than what is left of the block is refused at its length field', () => {
  for (const length of [0x7fffffff, 0xffffffff, 13]) {
    const built = assembleFdt([ROOT, { kind: 'prop', name: 'a', value: cells(1), length }, CLOSE, END]);
    const left = built.structOffset + built.structSize - (built.tokenOffsets[1] + 12);
    assert.ok(length > left);
    assert.equal(rejected(parseFdt(built.bytes)), [['property-too-long', built.tokenOffsets[1] + 4]], `length ${length}`);
  }
});

struct('FDT_PROP cut off before its length and name offset is truncated', () => {
  const built = assembleFdt([ROOT, { kind: 'word', value: FDT_TOKEN.PROP }, { kind: 'word', value: 4 }]);
  assert.equal(rejected(parseFdt(built.bytes)), [['truncated', built.tokenOffsets[1] + 4]]);
});

struct('a name offset outside the strings block is refused at the nameoff field; the parse goes on', () => {
  const built = assembleFdt([ROOT, prop('a'), { kind: 'prop', name: 'b', value: cells(1), nameOffset: 0xfffffff0 }, prop('c'), { kind: 'prop', name: 'd', value: cells(1), nameOffset: 0x10000 }, CLOSE, END]);
  assert.equal(rejected(parseFdt(built.bytes)), [
    ['bad-string-offset', built.tokenOffsets[2] + 8],
    ['bad-string-offset', built.tokenOffsets[4] + 8],
  ]);
});

struct('a name offset equal to the strings size is outside; one pointing into a name is its tail', () => {
  const built = assembleFdt([ROOT, prop('status'), { kind: 'prop', name: 'x', value: cells(1), nameOffset: 2 }, CLOSE, END]);
  const result = parseFdt(built.bytes);
  if (!result.ok) return assert.unreachable();
  assert.equal(result.tree.properties.map((p) => p.name), ['status', 'atus']);
  const outside = withHeaderField(built.bytes, 'size_dt_strings', 2);
  assert.equal(rejected(parseFdt(outside)), [['unterminated-string', built.stringsOffset], ['bad-string-offset', built.tokenOffsets[2] + 8]]);
});

struct('a property name without a NUL inside the strings block is unterminated', () => {
  const built = assembleFdt([ROOT, prop('first'), prop('last'), CLOSE, END]);
  const cut = withHeaderField(built.bytes, 'size_dt_strings', built.stringsSize - 1);
  assert.equal(rejected(parseFdt(cut)), [['unterminated-string', built.stringsOffset + (built.stringOffsets.get('last') ?? -1)]]);
});

struct('two siblings with one name, or two properties with one name, are duplicates', () => {
  const nodes = assembleFdt([ROOT, { kind: 'begin', name: 'a' }, CLOSE, { kind: 'begin', name: 'a' }, CLOSE, CLOSE, END]);
  const result = parseFdt(nodes.bytes);
  assert.equal(rejected(result), [['duplicate-node', nodes.tokenOffsets[3]]]);
  if (!result.ok) assert.is(result.diagnostics[0].path, '/a');
  const properties = assembleFdt([ROOT, prop('a'), prop('b'), prop('a'), CLOSE, END]);
  assert.equal(rejected(parseFdt(properties.bytes)), [['duplicate-property', properties.tokenOffsets[3]]]);
  const cousins = assembleFdt([ROOT, { kind: 'begin', name: 'x' }, { kind: 'begin', name: 'a' }, CLOSE, CLOSE, { kind: 'begin', name: 'y' }, { kind: 'begin', name: 'a' }, CLOSE, CLOSE, CLOSE, END]);
  assert.equal(warned(parseFdt(cousins.bytes)), []);
});

struct('a property after a child node is a warning, and the property is kept', () => {
  const built = assembleFdt([ROOT, { kind: 'begin', name: 'a' }, CLOSE, prop('late'), CLOSE, END]);
  const result = parseFdt(built.bytes);
  assert.equal(warned(result), [['property-after-child', built.tokenOffsets[3]]]);
  if (result.ok) assert.equal(result.tree.properties.map((p) => p.name), ['late']);
});

struct('nodes deeper than maxDepth are refused at the first one too deep', () => {
  const built = assembleFdt([...treeTokens(deepTree(65)), END]);
  assert.equal(rejected(parseFdt(built.bytes)), [['too-deep', built.tokenOffsets[64]]]);
  const shallow = assembleFdt([...treeTokens(deepTree(5)), END]);
  assert.equal(rejected(parseFdt(shallow.bytes, { maxDepth: 3 })), [['too-deep', shallow.tokenOffsets[3]]]);
});

struct('a 100,000-deep blob is refused without recursion', () => {
  const tokens: BuildToken[] = [ROOT];
  for (let depth = 0; depth < 100_000; depth += 1) tokens.push({ kind: 'begin', name: 'n' });
  const built = assembleFdt(tokens);
  assert.equal(rejected(parseFdt(built.bytes)), [['too-deep', built.tokenOffsets[64]]]);
});

struct('more nodes or properties than the limits are refused at the first one over', () => {
  const built = assembleFdt([ROOT, prop('a'), prop('b'), { kind: 'begin', name: 'x' }, CLOSE, { kind: 'begin', name: 'y' }, CLOSE, CLOSE, END]);
  assert.equal(rejected(parseFdt(built.bytes, { maxNodes: 2 })), [['too-many', built.tokenOffsets[5]]]);
  assert.equal(rejected(parseFdt(built.bytes, { maxProperties: 1 })), [['too-many', built.tokenOffsets[2]]]);
  assert.equal(warned(parseFdt(built.bytes, { maxNodes: 3, maxProperties: 2 })), []);
});

struct('diagnostics stop at maxDiagnostics, the last one saying so where reading stopped', () => {
  const tokens: BuildToken[] = [ROOT];
  for (let index = 0; index < 500; index += 1) tokens.push({ kind: 'prop', name: 'x', value: cells(index), nameOffset: 0x100000 + index });
  tokens.push(CLOSE, END);
  const built = assembleFdt(tokens);
  const found = rejected(parseFdt(built.bytes, { maxDiagnostics: 100 }));
  assert.is(found.length, 100);
  assert.equal(found[98], ['bad-string-offset', built.tokenOffsets[99] + 8]);
  assert.equal(found[99], ['too-many', built.tokenOffsets[100] + 8]);
});

struct('a blob with more warnings than maxDiagnostics is refused, not half read', () => {
  const tokens: BuildToken[] = [ROOT, { kind: 'begin', name: 'child' }, CLOSE];
  for (let index = 0; index < 10; index += 1) tokens.push(prop(`late${index}`));
  tokens.push(CLOSE, END);
  const built = assembleFdt(tokens);
  assert.is(warned(parseFdt(built.bytes, { maxDiagnostics: 11 })).length, 10);
  const found = rejected(parseFdt(built.bytes, { maxDiagnostics: 5 }));
  assert.equal(found.map(([code]) => code), ['property-after-child', 'property-after-child', 'property-after-child', 'property-after-child', 'too-many']);
  assert.equal(found[4], ['too-many', built.tokenOffsets[7]]);
});

struct.run();
