/**
 * `probe-run collect-script` and the script it prints (SPEC section 7), run with dash and with busybox
 * ash (busybox applets only on PATH) on a fake sysfs/procfs tree: every file of the dump, the reader's
 * observations of it, shellcheck, and nothing written outside the output folder.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COLLECT_SCRIPT } from '../src/board-dump/collect-script.js';
import { readBoardDump } from '../src/board-dump/read-board-dump.js';
import { makeFakeIo } from '../test/support/fake-io.js';
import { main } from './main.js';

const RELEASE = '6.12.117-probe-run-test';
const FDT = Buffer.from([0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 0x48, 0, 0, 0, 0x38, 0x0a, 0x09]);
const CONFIG = '#\n# Linux/arm64 6.12.117 Kernel Configuration\n#\nCONFIG_MODULES=y\nCONFIG_ARM_SMMU=m\n';
const MODINFO = 'acme_dpu.alias=of:N*T*Cacme,dpu\0acme_dpu.file=drivers/gpu/acme\0';
const DMESG = [
  '[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd083]',
  "[    0.300000] platform 1000.dpu: bus: 'platform': __driver_probe_device: matched device with driver acme-dpu",
  '[    0.300100] acme-dpu 1000.dpu: device is behind an iommu',
  "[    0.300200] acme-dpu 1000.dpu: bus: 'platform': really_probe: bound device to driver acme-dpu",
  '[    0.500000] Run /init as init process',
  '',
].join('\n');

/** A file tree: a string or bytes is a file, `{ link }` a symbolic link, `{}` an empty folder. */
type Tree = Record<string, string | Buffer | { link: string } | Record<string, never>>;

function build(root: string, tree: Tree): void {
  for (const [path, entry] of Object.entries(tree)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) writeFileSync(full, entry);
    else if ('link' in entry) symlinkSync(entry.link, full);
    else mkdirSync(full, { recursive: true });
  }
}

/**
 * A board's /sys, /proc, /lib/modules and /boot under one folder: two platform devices with of_nodes
 * (1000.dpu bound, in IOMMU group 3; 2000.smmu unbound and deferred), one without (serial8250), an I2C
 * adapter (skipped) and an I2C client, one device link.
 */
function fakeBoard(): Tree {
  const dev = (path: string, node: string | null, driver: string | null, group: string | null): Tree => ({
    [`sys/devices/${path}/uevent`]: '',
    ...(node === null ? {} : { [`sys/devices/${path}/of_node`]: { link: `${'../'.repeat(path.split('/').length + 1)}firmware/devicetree/base${node}` } }),
    ...(driver === null ? {} : { [`sys/devices/${path}/driver`]: { link: `${'../'.repeat(path.split('/').length + 1)}bus/${driver}` } }),
    ...(group === null ? {} : { [`sys/devices/${path}/iommu_group`]: { link: `${'../'.repeat(path.split('/').length + 1)}kernel/iommu_groups/${group}` } }),
  });
  return {
    'sys/firmware/fdt': FDT,
    'sys/firmware/devicetree/base/soc/dpu@1000/name': 'dpu\0',
    'sys/firmware/devicetree/base/soc/smmu@2000/name': 'smmu\0',
    'sys/firmware/devicetree/base/soc/i2c@3000/eeprom@50/name': 'eeprom\0',
    'sys/bus/platform/drivers/acme-dpu/uevent': '',
    'sys/bus/platform/drivers/serial8250/uevent': '',
    'sys/bus/i2c/drivers/at24/uevent': '',
    'sys/kernel/iommu_groups/3/type': 'DMA\n',
    ...dev('platform/soc/1000.dpu', '/soc/dpu@1000', 'platform/drivers/acme-dpu', '3'),
    ...dev('platform/soc/2000.smmu', '/soc/smmu@2000', null, null),
    ...dev('platform/serial8250', null, 'platform/drivers/serial8250', null),
    ...dev('platform/soc/3000.i2c/i2c-0', '/soc/i2c@3000', null, null),
    'sys/devices/platform/soc/3000.i2c/i2c-0/new_device': '',
    ...dev('platform/soc/3000.i2c/i2c-0/0-0050', '/soc/i2c@3000/eeprom@50', 'i2c/drivers/at24', null),
    'sys/bus/platform/devices/1000.dpu': { link: '../../../devices/platform/soc/1000.dpu' },
    'sys/bus/platform/devices/2000.smmu': { link: '../../../devices/platform/soc/2000.smmu' },
    'sys/bus/platform/devices/serial8250': { link: '../../../devices/platform/serial8250' },
    'sys/bus/amba/devices': {},
    'sys/bus/i2c/devices/i2c-0': { link: '../../../devices/platform/soc/3000.i2c/i2c-0' },
    'sys/bus/i2c/devices/0-0050': { link: '../../../devices/platform/soc/3000.i2c/i2c-0/0-0050' },
    'sys/kernel/debug/devices_deferred': '2000.smmu\tacme-smmu: clock not ready\n',
    'sys/class/devlink/platform:1000.dpu--platform:2000.smmu/supplier': { link: '../../../devices/platform/soc/1000.dpu' },
    'sys/class/devlink/platform:1000.dpu--platform:2000.smmu/consumer': { link: '../../../devices/platform/soc/2000.smmu' },
    'sys/class/devlink/platform:1000.dpu--platform:2000.smmu/status': 'available\n',
    'sys/class/devlink/platform:1000.dpu--platform:2000.smmu/sync_state_only': '0\n',
    'proc/cmdline': 'console=ttyAMA0 fw_devlink=on\n',
    'proc/config.gz': gzipSync(CONFIG),
    'proc/modules': 'acme_smmu 16384 0 - Live 0xffff800000a00000\n',
    'proc/mounts': 'proc /proc proc rw 0 0\nsysfs /sys sysfs rw 0 0\n',
    [`lib/modules/${RELEASE}/modules.builtin`]: 'kernel/drivers/gpu/acme/acme_dpu.ko\n',
    [`lib/modules/${RELEASE}/modules.builtin.modinfo`]: MODINFO,
    [`lib/modules/${RELEASE}/modules.alias`]: 'alias of:N*T*Cacme,smmuC* acme_smmu\n',
  };
}

/** Executables put first on PATH: uname and dmesg of the fake board; mount and umount that log and fake a debugfs. */
function fakeBin(dir: string, log: string, dmesgFails: boolean): void {
  const script = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  mkdirSync(dir, { recursive: true });
  script('uname', `case $1 in -r) echo ${RELEASE} ;; -n) echo testboard ;; *) echo Linux ;; esac`);
  script('dmesg', dmesgFails ? 'echo "dmesg: read kernel buffer failed: Operation not permitted" >&2; exit 1' : `cat '${join(dir, 'dmesg.txt')}'`);
  writeFileSync(join(dir, 'dmesg.txt'), DMESG);
  script('mount', `echo "mount $*" >>'${log}'\ncase $1 in -t) printf '2000.smmu\\t\\n' >"$4/devices_deferred" ;; esac`);
  script('umount', `echo "umount $*" >>'${log}'\nrm -f "$2/devices_deferred"`);
}

/** The shells to run the script with: dash with the system's tools, busybox ash with busybox's applets only. */
function shells(scratch: string): { name: string; command: string[]; path: string }[] {
  const found: { name: string; command: string[]; path: string }[] = [];
  const which = (name: string) => {
    const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    return result.status === 0 ? result.stdout.trim() : null;
  };
  const dash = which('dash') ?? which('sh');
  if (dash !== null) found.push({ name: 'dash', command: [dash], path: '/usr/bin:/bin' });
  const busybox = which('busybox');
  if (busybox !== null) {
    const applets = join(scratch, 'busybox-bin');
    mkdirSync(applets, { recursive: true });
    const list = spawnSync(busybox, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter((name) => name !== '');
    for (const applet of list) symlinkSync(busybox, join(applets, applet));
    found.push({ name: 'busybox ash', command: [busybox, 'sh'], path: applets });
  } else {
    console.log('collect-script: busybox is not on PATH; the script runs with dash only (apt-get install busybox)');
  }
  return found;
}

/** Every entry below root: type, mode, size, mtime, link target and content hash. */
function snapshot(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const info = lstatSync(full);
      const what = info.isSymbolicLink()
        ? `link ${readlinkSync(full)}`
        : info.isDirectory()
          ? 'folder'
          : `file ${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
      entries.set(full.slice(root.length), `${what} ${info.mode} ${info.size} ${info.mtimeMs}`);
      if (info.isDirectory()) walk(full);
    }
  };
  walk(root);
  return entries;
}

interface Run {
  status: number | null;
  stderr: string;
  dump: string;
  read: (name: string) => string | undefined;
  /** What fake mount and umount were called with. */
  mounts: string[];
  /** The entries of the working folder after the run. */
  cwdEntries: string[];
  /** The entries of the dump folder. */
  entries: string[];
}

/** Writes the script, builds the board and runs the script in a fresh working folder. */
function collect(shell: { command: string[]; path: string }, options: { board?: (tree: Tree) => Tree; dmesgFails?: boolean; folderArgument?: boolean } = {}): Run {
  const scratch = mkdtempSync(join(tmpdir(), 'probe-run-collect-'));
  try {
    const board = join(scratch, 'board');
    const bin = join(scratch, 'bin');
    const cwd = join(scratch, 'cwd');
    const log = join(scratch, 'mount.log');
    mkdirSync(board);
    build(board, (options.board ?? ((tree) => tree))(fakeBoard()));
    fakeBin(bin, log, options.dmesgFails ?? false);
    mkdirSync(cwd);
    writeFileSync(join(scratch, 'collect.sh'), COLLECT_SCRIPT);
    const before = snapshot(board);
    const dump = options.folderArgument === false ? join(cwd, 'probe-run-dump-testboard') : join(cwd, 'the dump');
    const result = spawnSync(shell.command[0], [...shell.command.slice(1), join(scratch, 'collect.sh'), ...(options.folderArgument === false ? [] : [dump])], {
      cwd,
      encoding: 'utf8',
      env: {
        PATH: `${bin}:${shell.path}`,
        PROBE_RUN_SYSFS: join(board, 'sys'),
        PROBE_RUN_PROCFS: join(board, 'proc'),
        PROBE_RUN_LIBMODULES: join(board, 'lib/modules'),
        PROBE_RUN_BOOT: join(board, 'boot'),
      },
    });
    assert.equal([...snapshot(board)], [...before], 'the board tree is unchanged');
    const files = new Map<string, string>();
    const entries = existsSync(dump) ? readdirSync(dump).sort() : [];
    for (const name of entries) if (lstatSync(join(dump, name)).isFile()) files.set(name, readFileSync(join(dump, name), 'latin1'));
    return {
      status: result.status,
      stderr: result.stderr,
      dump,
      read: (name) => files.get(name),
      mounts: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [],
      cwdEntries: readdirSync(cwd).sort(),
      entries,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const scratchRoot = mkdtempSync(join(tmpdir(), 'probe-run-collect-shells-'));
const SHELLS = shells(scratchRoot);
const collectScript = suite('probe-run collect-script');

collectScript.after(() => rmSync(scratchRoot, { recursive: true, force: true }));

collectScript('prints the script, exit 0; takes no arguments and no options', async () => {
  const fake = makeFakeIo();
  assert.is(await main(['collect-script'], fake), 0);
  assert.is(fake.out(), COLLECT_SCRIPT);
  assert.ok(COLLECT_SCRIPT.startsWith('#!/bin/sh\n'));
  assert.is(fake.err(), '');
  for (const argv of [['collect-script', 'dump'], ['collect-script', '--reporter', 'json'], ['collect-script', '-o', 'x.sh']]) {
    const wrong = makeFakeIo();
    assert.is(await main(argv, wrong), 2, argv.join(' '));
    assert.is(wrong.out(), '');
  }
});

for (const shell of SHELLS) {
  collectScript(`${shell.name}: every file of the dump from the fake board, and nothing written outside it`, () => {
    const run = collect(shell);
    assert.is(run.status, 0, run.stderr);
    assert.equal(run.cwdEntries, ['the dump']);
    assert.ok(Buffer.from(run.read('fdt') ?? '', 'latin1').equals(FDT), 'fdt is a byte copy');
    assert.is(run.read('release'), `${RELEASE}\n`);
    assert.is(run.read('cmdline'), 'console=ttyAMA0 fw_devlink=on\n');
    assert.is(run.read('config'), CONFIG);
    assert.is(
      run.read('devices.tsv'),
      [
        'platform\t1000.dpu\t/soc/dpu@1000\tacme-dpu\t3',
        'platform\t2000.smmu\t/soc/smmu@2000\t-\t-',
        'platform\tserial8250\t-\tserial8250\t-',
        'i2c\t0-0050\t/soc/i2c@3000/eeprom@50\tat24\t-',
        '',
      ].join('\n'),
    );
    assert.is(run.read('devices_deferred'), '2000.smmu\tacme-smmu: clock not ready\n');
    assert.is(run.read('devlinks.tsv'), '1000.dpu\t2000.smmu\tavailable\t0\n');
    assert.is(run.read('dmesg'), DMESG);
    assert.is(run.read('modules'), 'acme_smmu 16384 0 - Live 0xffff800000a00000\n');
    assert.is(run.read('modules.builtin'), 'kernel/drivers/gpu/acme/acme_dpu.ko\n');
    assert.is(run.read('modules.builtin.modinfo'), MODINFO);
    assert.is(run.read('modules.alias'), 'alias of:N*T*Cacme,smmuC* acme_smmu\n');
    assert.is(run.read('modules.order'), undefined);
    assert.equal(run.mounts, [], 'debugfs was found, not mounted');
    assert.match(run.stderr, /modules\.order: no .*\/lib\/modules\/6\.12\.117-probe-run-test\/modules\.order; skipped/);
    assert.match(run.stderr, /^probe-run-collect: skipped: modules\.order$/m);
    assert.equal(run.entries, ['cmdline', 'config', 'devices.tsv', 'devices_deferred', 'devlinks.tsv', 'dmesg', 'fdt', 'modules', 'modules.alias', 'modules.builtin', 'modules.builtin.modinfo', 'release']);

    const observed = readBoardDump({ devicesTsv: run.read('devices.tsv'), devicesDeferred: run.read('devices_deferred'), dmesg: run.read('dmesg') });
    assert.equal(observed.missing, []);
    assert.equal(observed.badLines, []);
    assert.equal(observed.unmapped, ['platform serial8250']);
    assert.is(observed.initTime, 0.5);
    assert.equal(
      observed.nodes.map((node) => [node.path, node.device, node.bus, node.state, node.driver, node.dma, node.iommuGroup, node.attempts, node.boundTime, node.bindOrder, node.deferredReason]),
      [
        ['/soc/dpu@1000', '1000.dpu', 'platform', 'bound', 'acme-dpu', 'iommu', '3', 1, -0.1998, 0, null],
        ['/soc/i2c@3000/eeprom@50', '0-0050', 'i2c', 'bound', 'at24', null, null, 0, null, null, null],
        ['/soc/smmu@2000', '2000.smmu', 'platform', 'pending', null, null, null, 0, null, null, 'acme-smmu: clock not ready'],
      ],
    );
  });

  collectScript(`${shell.name}: debugfs mounted for a moment inside the folder, /boot's config, no dmesg, no modules: skipped with notes`, () => {
    const run = collect(shell, {
      dmesgFails: true,
      folderArgument: false,
      board: (tree) => {
        const changed: Tree = { ...tree, 'sys/kernel/debug': {}, [`boot/config-${RELEASE}`]: CONFIG };
        for (const gone of ['sys/kernel/debug/devices_deferred', 'proc/config.gz', 'proc/modules', 'sys/firmware/fdt', 'sys/class/devlink/platform:1000.dpu--platform:2000.smmu/supplier']) delete changed[gone];
        for (const path of Object.keys(changed)) if (path.startsWith('lib/')) delete changed[path];
        return changed;
      },
    });
    assert.is(run.status, 0, run.stderr);
    assert.equal(run.cwdEntries, ['probe-run-dump-testboard'], 'the default folder is named after uname -n');
    const mountPoint = './probe-run-dump-testboard/.debugfs';
    assert.equal(run.mounts, [`mount -t debugfs none ${mountPoint}`, `mount -o remount,bind,ro ${mountPoint}`, `umount -- ${mountPoint}`]);
    assert.not.ok(run.entries.includes('.debugfs'), 'no debugfs mount point left behind');
    assert.is(run.read('devices_deferred'), '2000.smmu\t\n');
    assert.is(run.read('config'), CONFIG);
    assert.is(run.read('devlinks.tsv'), '-\t2000.smmu\tavailable\t0\n');
    for (const name of ['fdt', 'dmesg', 'modules', 'modules.builtin', 'modules.builtin.modinfo', 'modules.order', 'modules.alias']) {
      assert.is(run.read(name), undefined, name);
      assert.match(run.stderr, new RegExp(`^probe-run-collect: ${name.replace(/\./g, '\\.')}: .*; skipped$`, 'm'));
    }
    assert.match(run.stderr, /^probe-run-collect: wrote \.\/probe-run-dump-testboard: release cmdline config devices\.tsv devices_deferred devlinks\.tsv$/m);
    const observed = readBoardDump({ devicesTsv: run.read('devices.tsv'), devicesDeferred: run.read('devices_deferred'), dmesg: run.read('dmesg') });
    assert.equal(observed.missing, ['dmesg']);
    assert.equal(
      observed.nodes.map((node) => [node.path, node.state]),
      [
        ['/soc/dpu@1000', 'bound'],
        ['/soc/i2c@3000/eeprom@50', 'bound'],
        ['/soc/smmu@2000', 'pending'],
      ],
    );
  });

  collectScript(`${shell.name}: no sysfs, no procfs: nothing but the release, exit 0; an output folder that cannot be made: exit 1`, () => {
    const run = collect(shell, { board: () => ({}), dmesgFails: true });
    assert.is(run.status, 0, run.stderr);
    assert.equal(run.mounts, []);
    assert.is(run.read('release'), `${RELEASE}\n`);
    for (const name of ['fdt', 'cmdline', 'config', 'devices.tsv', 'devices_deferred', 'devlinks.tsv', 'dmesg', 'modules']) {
      assert.is(run.read(name), undefined, name);
      assert.match(run.stderr, new RegExp(`^probe-run-collect: ${name.replace(/\./g, '\\.')}: .*; skipped$`, 'm'));
    }

    const scratch = mkdtempSync(join(tmpdir(), 'probe-run-collect-'));
    try {
      writeFileSync(join(scratch, 'collect.sh'), COLLECT_SCRIPT);
      writeFileSync(join(scratch, 'a file'), '');
      const result = spawnSync(shell.command[0], [...shell.command.slice(1), join(scratch, 'collect.sh'), join(scratch, 'a file', 'dump')], { encoding: 'utf8', env: { PATH: shell.path } });
      assert.is(result.status, 1);
      assert.match(result.stderr, /cannot create or write the folder/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}

collectScript('shellcheck finds nothing (POSIX sh)', () => {
  const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  if (version.error !== undefined || version.status !== 0) {
    console.log('collect-script: shellcheck is not on PATH; not checked (apt-get install shellcheck)');
    return;
  }
  const result = spawnSync('shellcheck', ['--shell=sh', '-'], { input: COLLECT_SCRIPT, encoding: 'utf8' });
  assert.is(result.status, 0, result.stdout + result.stderr);
});

collectScript.run();
