import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countTree } from './count-tree.js';
import type { DeviceTreeNode } from './device-tree.js';
import { findProperty } from './find-property.js';
import { indexNodes } from './index-nodes.js';
import { parseFdt } from './parse-fdt.js';
import { phandleTable } from './phandle-table.js';
import { propertyCells } from './property-cells.js';
import { propertyStrings } from './property-strings.js';
import { symbolLabels } from './symbol-labels.js';

// Test code may read files; the parser under test does not.
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../test/fixtures/dtb/${name}`, import.meta.url)));

function parsed(name: string): DeviceTreeNode {
  const result = parseFdt(fixture(name));
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.diagnostics)}`);
  assert.equal(result.warnings, [], `${name} has warnings`);
  assert.equal(result.reservations, []);
  assert.equal(result.header.version, 17);
  return result.tree;
}

const strings = (node: DeviceTreeNode | undefined, name: string): string[] | null => {
  const property = node === undefined ? undefined : findProperty(node, name);
  return property === undefined ? null : propertyStrings(property.value);
};
const cellsOf = (node: DeviceTreeNode | undefined, name: string): number[] | null => {
  const property = node === undefined ? undefined : findProperty(node, name);
  return property === undefined ? null : propertyCells(property.value);
};

const real = suite('parseFdt: real DTBs from Debian linux-image-6.1.0-57-arm64');

real('corstone1000-mps3: the node and property counts of dtc, the compatible, phandles as dtc numbered them', () => {
  const tree = parsed('corstone1000-mps3.dtb');
  assert.equal(countTree(tree), { nodes: 22, properties: 100 });
  assert.equal(strings(tree, 'compatible'), ['arm,corstone1000-mps3']);
  assert.equal(strings(tree, 'model'), ['ARM Corstone1000 FPGA MPS3 board']);
  const nodes = indexNodes(tree);
  const serial = nodes.get('/soc/serial@1a510000');
  assert.equal(strings(serial, 'compatible'), ['arm,pl011', 'arm,primecell']);
  const { byPhandle, diagnostics } = phandleTable(tree);
  assert.equal(diagnostics, []);
  assert.equal([...byPhandle].map(([value, node]) => [value, node.path]).sort((a, b) => Number(a[0]) - Number(b[0])), [
    [1, '/interrupt-controller@1c000000'],
    [2, '/l2-cache0'],
    [3, '/uartclk'],
    [4, '/refclk100mhz'],
  ]);
  // clocks = <&uartclk>, <&refclk100mhz>, resolved through the phandle table.
  assert.equal(cellsOf(serial, 'clocks')?.map((phandle) => byPhandle.get(phandle)?.path), ['/uartclk', '/refclk100mhz']);
  assert.equal(strings(nodes.get('/soc/mailbox@1b820000'), 'status'), ['disabled']);
  assert.equal(symbolLabels(tree).byPath.size, 0);
});

real('zynqmp-sm-k26-revA: counts, the compatible list, a phandle reference, and __symbols__ labels', () => {
  const tree = parsed('zynqmp-sm-k26-revA.dtb');
  assert.equal(countTree(tree), { nodes: 130, properties: 963 });
  assert.equal(strings(tree, 'compatible'), ['xlnx,zynqmp-sm-k26-rev1', 'xlnx,zynqmp-sm-k26-revB', 'xlnx,zynqmp-sm-k26-revA', 'xlnx,zynqmp-sm-k26', 'xlnx,zynqmp']);
  const nodes = indexNodes(tree);
  const { byPhandle, diagnostics } = phandleTable(tree);
  assert.equal(diagnostics, []);
  assert.is(byPhandle.size, 88);
  assert.is(byPhandle.get(4)?.path, '/axi/interrupt-controller@f9010000');
  // uart1: clocks = <&zynqmp_clk UART1_REF>, <&zynqmp_clk LPD_LSBUS>: phandle 3 with one argument cell each.
  const uart1 = nodes.get('/axi/serial@ff010000');
  assert.equal(cellsOf(uart1, 'clocks'), [3, 0x39, 3, 0x1f]);
  assert.is(byPhandle.get(3)?.path, '/firmware/zynqmp-firmware/clock-controller');
  const labels = symbolLabels(tree);
  assert.equal(labels.diagnostics, []);
  assert.is([...labels.byPath.values()].flat().length, 88);
  assert.equal(labels.byPath.get('/axi/interrupt-controller@f9010000'), ['gic']);
  assert.equal(labels.byPath.get('/axi/serial@ff010000'), ['uart1']);
  assert.equal(labels.byPath.get('/firmware/zynqmp-firmware/clock-controller'), ['zynqmp_clk']);
});

real.run();
