import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeviceTreeNode } from '../src/fdt/device-tree.js';
import { parseFdt } from '../src/fdt/parse-fdt.js';
import { type BuildNode, buildFdt, cells, strings } from '../test/support/fdt-builder.js';
import { writeDeviceTreeFolder } from '../test/support/write-device-tree-folder.js';
import { readDeviceTreeFolder } from './read-device-tree-folder.js';

const BOARD: BuildNode = {
  name: '',
  properties: [{ name: 'model', value: strings('Acme board') }, { name: 'compatible', value: strings('acme,board') }, { name: '#address-cells', value: cells(1) }],
  children: [
    { name: 'soc', properties: [{ name: 'compatible', value: strings('simple-bus') }], children: [{ name: 'serial@1000', properties: [{ name: 'dma-coherent', value: new Uint8Array(0) }, { name: 'clocks', value: cells(1, 3) }] }] },
    { name: 'cpus', children: [{ name: 'cpu@1' }, { name: 'cpu@0' }] },
  ],
};

/** The tree as plain data, properties and children sorted by name as a folder gives them. */
function sortedShape(node: DeviceTreeNode, keepOffsets = true): unknown {
  const byName = <T extends { name: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    name: node.name,
    path: node.path,
    offset: keepOffsets ? node.offset : null,
    properties: byName(node.properties).map((p) => [p.name, [...p.value], keepOffsets ? p.offset : null]),
    children: byName(node.children).map((child) => sortedShape(child, keepOffsets)),
  };
}

let scratch = '';
const folder = suite('readDeviceTreeFolder');
folder.before.each(() => {
  scratch = mkdtempSync(join(tmpdir(), 'probe-run-dt-'));
});
folder.after.each(() => {
  rmSync(scratch, { recursive: true, force: true });
});

folder('reads the same tree as the blob of it, sorted by name, with no offsets', async () => {
  writeDeviceTreeFolder(join(scratch, 'base'), BOARD);
  const result = await readDeviceTreeFolder(join(scratch, 'base'));
  if (!result.ok) return assert.unreachable(JSON.stringify(result.errors));
  const blob = parseFdt(buildFdt(BOARD).bytes);
  if (!blob.ok) return assert.unreachable();
  assert.equal(sortedShape(result.tree), sortedShape(blob.tree, false));
  assert.equal(result.tree.children.map((child) => child.path), ['/cpus', '/soc']);
  assert.equal(result.tree.children[0].children.map((child) => child.name), ['cpu@0', 'cpu@1']);
  assert.equal(result.tree.properties.map((p) => p.name), ['#address-cells', 'compatible', 'model']);
});

folder('the folder given may be a link, as /proc/device-tree is', async () => {
  writeDeviceTreeFolder(join(scratch, 'base'), BOARD);
  symlinkSync(join(scratch, 'base'), join(scratch, 'device-tree'));
  const result = await readDeviceTreeFolder(join(scratch, 'device-tree'));
  assert.ok(result.ok);
  if (result.ok) assert.is(result.tree.children.length, 2);
});

folder('a link to a file inside is read; links outside, to folders, or dangling are errors naming the path', async () => {
  const base = join(scratch, 'base');
  writeDeviceTreeFolder(base, BOARD);
  writeFileSync(join(scratch, 'secret'), 'outside');
  symlinkSync(join(base, 'model'), join(base, 'soc', 'label'));
  const inside = await readDeviceTreeFolder(base);
  if (!inside.ok) return assert.unreachable(JSON.stringify(inside.errors));
  const soc = inside.tree.children[1];
  assert.equal(new TextDecoder().decode(soc.properties.find((p) => p.name === 'label')?.value), 'Acme board\0');

  symlinkSync(join(scratch, 'secret'), join(base, 'stolen'));
  symlinkSync(join(base, 'soc'), join(base, 'cpus', 'loop'));
  symlinkSync(join(base, 'nothing-here'), join(base, 'dangling'));
  const result = await readDeviceTreeFolder(base);
  if (result.ok) return assert.unreachable('links were followed');
  assert.equal(result.errors.map((e) => [e.code, e.file]), [
    ['io', join(base, 'dangling')],
    ['link-outside', join(base, 'stolen')],
    ['link-not-file', join(base, 'cpus', 'loop')],
  ]);
});

folder('a FIFO is reported and never opened (opening it would block)', async () => {
  const base = join(scratch, 'base');
  writeDeviceTreeFolder(base, BOARD);
  execFileSync('mkfifo', [join(base, 'soc', 'pipe')]);
  const result = await readDeviceTreeFolder(base);
  assert.equal(result.ok ? [] : result.errors.map((e) => [e.code, e.file]), [['special-file', join(base, 'soc', 'pipe')]]);
});

folder('bad node and property names are errors, all of them reported', async () => {
  const base = join(scratch, 'base');
  writeDeviceTreeFolder(base, BOARD);
  mkdirSync(join(base, 'a@1@2'));
  writeFileSync(join(base, 'soc', 'bad name'), '');
  const result = await readDeviceTreeFolder(base);
  assert.equal(result.ok ? [] : result.errors.map((e) => [e.code, e.file]), [['bad-name', join(base, 'a@1@2')], ['bad-name', join(base, 'soc', 'bad name')]]);
});

folder('limits: total bytes, depth and node count stop the reading', async () => {
  const base = join(scratch, 'base');
  writeDeviceTreeFolder(base, BOARD);
  const codes = async (limits: Parameters<typeof readDeviceTreeFolder>[1]): Promise<string[]> => {
    const result = await readDeviceTreeFolder(base, limits);
    return result.ok ? [] : result.errors.map((e) => e.code);
  };
  // All property values together: 4 + 11 + 11 (root), 11 (soc), 0 + 8 (serial) = 45 bytes.
  assert.equal(await codes({ maxBytes: 44 }), ['too-large']);
  assert.equal(await codes({ maxBytes: 45 }), []);
  assert.equal(await codes({ maxDepth: 2 }), ['too-deep']);
  assert.equal(await codes({ maxNodes: 3 }), ['too-many']);
  assert.equal(await codes({ maxProperties: 3 }), ['too-many']);
});

folder('a folder with more entries than the limits allow is refused while it is listed', async () => {
  const base = join(scratch, 'wide');
  mkdirSync(base);
  for (let index = 0; index < 50; index += 1) writeFileSync(join(base, `p${index}`), '');
  const result = await readDeviceTreeFolder(base, { maxNodes: 1, maxProperties: 10 });
  assert.equal(result.ok ? [] : result.errors.map((e) => [e.code, e.file]), [['too-many', base]]);
  assert.ok((await readDeviceTreeFolder(base, { maxNodes: 1, maxProperties: 50 })).ok);
});

folder('a file, or nothing, where the folder should be', async () => {
  writeFileSync(join(scratch, 'file.dtb'), '');
  const file = await readDeviceTreeFolder(join(scratch, 'file.dtb'));
  assert.equal(file.ok ? [] : file.errors.map((e) => e.code), ['not-a-folder']);
  const missing = await readDeviceTreeFolder(join(scratch, 'missing'));
  assert.equal(missing.ok ? [] : missing.errors.map((e) => [e.code, e.message]), [['io', 'cannot read the folder: ENOENT']]);
});

folder.run();
