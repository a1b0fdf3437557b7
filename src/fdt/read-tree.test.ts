import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type BuildNode, buildFdt, cells, strings } from '../../test/support/fdt-builder.js';
import { countTree } from './count-tree.js';
import type { DeviceTreeNode } from './device-tree.js';
import { isValidNodeName, isValidPropertyName } from './device-tree-names.js';
import { findProperty } from './find-property.js';
import { indexNodes } from './index-nodes.js';
import { parseFdt } from './parse-fdt.js';
import { phandleTable } from './phandle-table.js';
import { propertyCells } from './property-cells.js';
import { propertyStrings } from './property-strings.js';
import { symbolLabels } from './symbol-labels.js';
import { walkTree } from './walk-tree.js';

function tree(root: BuildNode): DeviceTreeNode {
  const result = parseFdt(buildFdt(root).bytes);
  if (!result.ok) throw new Error(`test tree did not parse: ${JSON.stringify(result.diagnostics)}`);
  return result.tree;
}

const node = (name: string, properties: Record<string, Uint8Array> = {}, children: BuildNode[] = []): BuildNode => ({
  name,
  properties: Object.entries(properties).map(([key, value]) => ({ name: key, value })),
  children,
});

const values = suite('propertyStrings and propertyCells');

values('a string list splits at NULs, empty strings included', () => {
  assert.equal(propertyStrings(strings('acme,uart', 'ns16550a')), ['acme,uart', 'ns16550a']);
  assert.equal(propertyStrings(strings('a', '', 'b')), ['a', '', 'b']);
  assert.equal(propertyStrings(strings('')), ['']);
});

values('not a string list: empty, no final NUL, bad UTF-8', () => {
  assert.is(propertyStrings(new Uint8Array(0)), null);
  assert.is(propertyStrings(new TextEncoder().encode('abc')), null);
  assert.is(propertyStrings(Uint8Array.of(0xff, 0xfe, 0)), null);
});

values('cells are big-endian 32-bit words; a length not a multiple of 4 is not cells', () => {
  assert.equal(propertyCells(Uint8Array.of(0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff)), [1, 0xffffffff]);
  assert.equal(propertyCells(new Uint8Array(0)), []);
  assert.is(propertyCells(Uint8Array.of(0, 0, 1)), null);
  const inside = Uint8Array.of(9, 0, 0, 0, 7).subarray(1);
  assert.equal(propertyCells(inside), [7]);
});

values.run();

const names = suite('isValidNodeName and isValidPropertyName');

names('node names: letters, digits , . _ + - and one @unit-address', () => {
  for (const name of ['cpus', 'cpu@0', 'serial@fe650000', 'pmic@20', 'regulator-vdd_1v8', 'opp-1800000000', '__symbols__', 'i2c@0,1']) assert.ok(isValidNodeName(name), name);
  for (const name of ['', '@1', 'a@', 'a/b', 'a b', 'a@1@2', 'a#b', 'a\0']) assert.not.ok(isValidNodeName(name), name);
});

names('property names also allow ? and #, not @ or /', () => {
  for (const name of ['#address-cells', 'linux,phandle', 'pinctrl-0', 'vin-supply', 'what?']) assert.ok(isValidPropertyName(name), name);
  for (const name of ['', 'a@b', 'a/b', 'a b']) assert.not.ok(isValidPropertyName(name), name);
});

names.run();

const walk = suite('walkTree, countTree, indexNodes, findProperty');

const SAMPLE = node('', { model: strings('m') }, [node('a', { x: cells(1), y: cells(2) }, [node('c')]), node('b', { z: cells(3) })]);

walk('walks parents before children, in document order', () => {
  assert.equal(walkTree(tree(SAMPLE)).map((n) => n.path), ['/', '/a', '/a/c', '/b']);
});

walk('counts nodes with the root and every property', () => {
  assert.equal(countTree(tree(SAMPLE)), { nodes: 4, properties: 4 });
});

walk('indexes nodes by path and finds properties by name', () => {
  const byPath = indexNodes(tree(SAMPLE));
  assert.equal([...byPath.keys()], ['/', '/a', '/a/c', '/b']);
  const a = byPath.get('/a') as DeviceTreeNode;
  assert.equal(propertyCells((findProperty(a, 'y') as { value: Uint8Array }).value), [2]);
  assert.is(findProperty(a, 'z'), undefined);
});

walk.run();

const phandles = suite('phandleTable');

phandles('maps phandle and linux,phandle values to their nodes', () => {
  const root = tree(node('', {}, [node('clk', { phandle: cells(1) }), node('old', { 'linux,phandle': cells(7) }), node('both', { phandle: cells(9), 'linux,phandle': cells(9) })]));
  const table = phandleTable(root);
  assert.equal(table.diagnostics, []);
  assert.equal([...table.byPhandle].map(([value, n]) => [value, n.path]), [[1, '/clk'], [7, '/old'], [9, '/both']]);
});

phandles('a phandle two nodes claim stays with the first; bad values are refused', () => {
  const root = tree(node('', {}, [node('a', { phandle: cells(1) }), node('b', { phandle: cells(1) }), node('c', { phandle: cells(0) }), node('d', { phandle: cells(0xffffffff) }), node('e', { phandle: cells(1, 2) }), node('f', { phandle: cells(5), 'linux,phandle': cells(6) })]));
  const table = phandleTable(root);
  assert.equal([...table.byPhandle].map(([value, n]) => [value, n.path]), [[1, '/a'], [5, '/f']]);
  const offsetOf = (path: string, name: string): number | null => (findProperty(indexNodes(root).get(path) as DeviceTreeNode, name) as { offset: number | null }).offset;
  assert.equal(table.diagnostics.map((d) => [d.code, d.path, d.offset]), [
    ['duplicate-phandle', '/b', offsetOf('/b', 'phandle')],
    ['bad-phandle', '/c', offsetOf('/c', 'phandle')],
    ['bad-phandle', '/d', offsetOf('/d', 'phandle')],
    ['bad-phandle', '/e', offsetOf('/e', 'phandle')],
    ['bad-phandle', '/f', offsetOf('/f', 'linux,phandle')],
  ]);
});

phandles.run();

const symbols = suite('symbolLabels');

symbols('reads labels by path, several labels for one node in order', () => {
  const root = tree(node('', {}, [node('soc', {}, [node('uart@1000')]), node('__symbols__', { uart0: strings('/soc/uart@1000'), soc: strings('/soc'), console: strings('/soc/uart@1000') })]));
  const labels = symbolLabels(root);
  assert.equal(labels.diagnostics, []);
  assert.equal([...labels.byPath], [['/soc/uart@1000', ['uart0', 'console']], ['/soc', ['soc']]]);
});

symbols('no __symbols__ node gives no labels', () => {
  assert.equal(symbolLabels(tree(SAMPLE)), { byPath: new Map(), diagnostics: [] });
});

symbols('a label to a path not in the tree, or not one string, is a warning and skipped', () => {
  const root = tree(node('', {}, [node('a'), node('__symbols__', { gone: strings('/b'), two: strings('/a', '/a'), raw: cells(1), fine: strings('/a') })]));
  const labels = symbolLabels(root);
  assert.equal([...labels.byPath], [['/a', ['fine']]]);
  assert.equal(labels.diagnostics.map((d) => [d.code, d.severity, d.message.split(' ')[1]]), [['bad-symbol', 'warning', 'gone'], ['bad-symbol', 'warning', 'two'], ['bad-symbol', 'warning', 'raw']]);
});

symbols.run();
