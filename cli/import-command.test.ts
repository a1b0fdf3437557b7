/** `probe-run import` through main(): every kind of source, the kernel folder, and bad input (exit 2, nothing written). */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildFdt, cells, strings } from '../test/support/fdt-builder.js';
import { writeDeviceTreeFolder } from '../test/support/write-device-tree-folder.js';
import { parseFdt } from '../src/fdt/parse-fdt.js';
import { main } from './main.js';
import { realIoAt } from '../test/support/real-io-at.js';

const BOARD = buildFdt({
  name: '',
  children: [
    { name: 'clk', properties: [{ name: 'compatible', value: strings('acme,clk') }, { name: '#clock-cells', value: cells(1) }, { name: 'phandle', value: cells(1) }] },
    { name: 'uart@1000', properties: [{ name: 'compatible', value: strings('acme,uart') }, { name: 'clocks', value: cells(1, 7) }] },
  ],
}).bytes;

const Import = suite('probe-run import');
let dir = '';
Import.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'probe-run-import-'));
});
Import.after.each(() => rmSync(dir, { recursive: true, force: true }));

Import('a .dtb to -o FILE: the scenario is written, runs, and the figures go to stderr', async () => {
  writeFileSync(join(dir, 'board.dtb'), BOARD);
  const io = realIoAt(dir);
  assert.is(await main(['import', 'board.dtb', '-o', 'scenarios/boards/board.yaml'], io), 0, io.err());
  const text = readFileSync(join(dir, 'scenarios/boards/board.yaml'), 'utf8');
  assert.match(text, /^# yaml-language-server: \$schema=/);
  assert.match(text, /clocks: \[clk 7\]/);
  assert.match(io.err(), /imported board\.dtb into scenarios\/boards\/board\.yaml: 2 nodes/);
  const run = realIoAt(dir);
  assert.is(await main(['scenarios/boards/board.yaml', '--update-golden'], run), 0, run.err());
});

Import('a /proc/device-tree-style folder and a board dump (fdt plus its module lists as the kernel build)', async () => {
  const parsed = parseFdt(BOARD);
  if (!parsed.ok) throw new Error('fixture');
  writeDeviceTreeFolder(join(dir, 'base'), parsed.tree);
  const io = realIoAt(dir);
  assert.is(await main(['import', 'base'], io), 0, io.err());
  assert.match(io.out(), /path: "\/uart@1000"/);
  mkdirSync(join(dir, 'dump'));
  writeFileSync(join(dir, 'dump', 'fdt'), BOARD);
  writeFileSync(join(dir, 'dump', 'config'), '# Linux/arm64 6.12.9 Kernel Configuration\nCONFIG_MODULES=y\n');
  writeFileSync(join(dir, 'dump', 'modules.alias'), 'alias of:N*T*Cacme,uartC* acme_uart\n');
  const dump = realIoAt(dir);
  assert.is(await main(['import', 'dump'], dump), 0, dump.err());
  assert.match(dump.out(), /"acme_uart": \{ compatible: \["acme,uart"\], build: module \}  # module \(modules\.alias\)/);
  assert.match(dump.out(), /profile: v6\.12  # kernel 6\.12\.9/);
});

Import('a damaged blob: the diagnostic with its byte offset, exit 2, nothing written', async () => {
  writeFileSync(join(dir, 'bad.dtb'), BOARD.subarray(0, 60));
  const io = realIoAt(dir);
  assert.is(await main(['import', 'bad.dtb', '-o', 'out.yaml'], io), 2);
  assert.match(io.err(), /bad\.dtb: error truncated at byte 0x3c \(60\)/);
  assert.match(io.err(), /nothing written/);
  assert.not.ok(existsSync(join(dir, 'out.yaml')));
});

Import('a .dts without dtc on PATH names the package and the alternatives', async () => {
  writeFileSync(join(dir, 'board.dts'), '/dts-v1/;\n/ { };\n');
  const io = realIoAt(dir, { PATH: join(dir, 'no-such-bin') });
  assert.is(await main(['import', 'board.dts'], io), 2);
  assert.match(io.err(), /dtc is not on PATH/);
  assert.match(io.err(), /device-tree-compiler/);
  assert.match(io.err(), /cpp -nostdinc/);
});

Import('usage: one source; --kernel must be a folder with kernel files; --kernel and -o only with import', async () => {
  copyFileSync(new URL('../test/fixtures/dtb/corstone1000-mps3.dtb', import.meta.url), join(dir, 'c.dtb'));
  const cases: [string[], RegExp][] = [
    [['import'], /takes one source/],
    [['import', 'c.dtb', 'd.dtb'], /takes one source/],
    [['import', 'c.dtb', '--kernel', 'nowhere'], /--kernel nowhere: not a folder/],
    [['import', 'c.dtb', '--kernel', '.'], /no \.config, modules\.builtin\.modinfo/],
    [['scenarios/', '-o', 'x.yaml'], /--output only goes with 'probe-run import'/],
    [['import', 'missing.dtb'], /missing\.dtb: no such file or folder/],
  ];
  for (const [argv, message] of cases) {
    const io = realIoAt(dir);
    assert.is(await main(argv, io), 2, argv.join(' '));
    assert.match(io.err(), message, argv.join(' '));
  }
});

Import.run();
