#!/usr/bin/env node
// Boot one scenario on a real kernel under QEMU and capture its board dump (SPEC section 7).
//
// Usage: node oracle/boot.mjs SCENARIO [--kernel 6.12|6.1] [--out DIR] [--time-limit SECONDS] [--fixture]
//
// export-dts -> dtc -> initramfs (static /init, renamed copies of probe-run-mod.ko) ->
// qemu-system-aarch64 -icount shift=0,sleep=off (a hard wall-clock limit) -> the dump that /init
// prints between markers, decoded into DIR (default oracle/work/<scenario id>/<kernel>/): devices.tsv,
// devices_deferred, devlinks.tsv, dmesg, fdt, release, cmdline, config, modules, plus console.log,
// case.dts and case.dtb. Kernels come from oracle/build-kernel.sh (cached); so does /init.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const cache = process.env.PROBE_RUN_ORACLE_CACHE ?? '/work/.oracle-cache';
const MODULE_COPIES = 16;
const FIXTURE_FILES = ['devices.tsv', 'devices_deferred', 'devlinks.tsv', 'dmesg', 'modules', 'release', 'cmdline', 'case.dts'];

function fail(message) {
  process.stderr.write(`boot.mjs: ${message}\n`);
  process.exit(2);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: options.encoding ?? 'utf8', maxBuffer: 256 << 20, ...options });
  if (result.error) fail(`${command}: ${result.error.message}`);
  if (result.status !== 0 && !options.allowFailure) fail(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return result;
}

function parseArgs(argv) {
  const options = { kernel: '6.12', out: undefined, timeLimit: 120, scenario: undefined, fixture: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--kernel') options.kernel = argv[++i];
    else if (arg === '--out') options.out = argv[++i];
    else if (arg === '--time-limit') options.timeLimit = Number(argv[++i]);
    else if (arg === '--fixture') options.fixture = true;
    else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else if (options.scenario === undefined) options.scenario = arg;
    else fail(`one scenario at a time (got ${arg} too)`);
  }
  if (options.scenario === undefined) fail('usage: node oracle/boot.mjs SCENARIO [--kernel 6.12|6.1] [--out DIR] [--time-limit SECONDS] [--fixture]');
  if (!['6.12', '6.1'].includes(options.kernel)) fail(`--kernel must be 6.12 or 6.1 (got ${options.kernel})`);
  if (!(options.timeLimit > 0)) fail('--time-limit must be a positive number of seconds');
  return options;
}

function sha(data) {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

/** The static aarch64 /init, compiled once per source. */
function buildInit() {
  const source = join(here, 'init', 'init.c');
  const out = join(cache, 'init', sha(readFileSync(source)), 'init');
  if (!existsSync(out)) {
    mkdirSync(dirname(out), { recursive: true });
    run('aarch64-linux-gnu-gcc', ['-static', '-O2', '-Wall', '-Wno-format-truncation', '-o', `${out}.tmp`, source]);
    run('mv', [`${out}.tmp`, out]);
  }
  return out;
}

/** `probe_run_mod` renamed `probe_run_mNN` (same length): one module per modprobe of a boot. */
function moduleCopies(ko, dir) {
  const original = readFileSync(ko);
  const name = Buffer.from('probe_run_mod');
  const copies = [];
  for (let n = 0; n < MODULE_COPIES; n++) {
    const copy = Buffer.from(original);
    const renamed = Buffer.from(`probe_run_m${String(n).padStart(2, '0')}`);
    for (let at = copy.indexOf(name); at >= 0; at = copy.indexOf(name, at + 1)) renamed.copy(copy, at);
    const file = join(dir, `probe-run-m${String(n).padStart(2, '0')}.ko`);
    writeFileSync(file, copy);
    copies.push(file);
  }
  return copies;
}

/** The files /init printed between the dump markers, decoded. */
function parseDump(consoleText) {
  const text = consoleText.replace(/\r/g, '');
  const begin = text.indexOf('@@probe-run-dump-begin@@\n');
  const end = text.indexOf('@@probe-run-dump-end@@', begin);
  if (begin < 0 || end < 0) return null;
  const files = new Map();
  const lines = text.slice(begin, end).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^@@probe-run-file (\S+) (\d+)@@$/.exec(lines[i]);
    if (head === null) continue;
    const chunks = [];
    for (i++; i < lines.length && lines[i] !== `@@probe-run-end ${head[1]}@@`; i++) chunks.push(lines[i]);
    const data = Buffer.from(chunks.join(''), 'base64');
    if (data.length !== Number(head[2])) fail(`dump file ${head[1]}: ${data.length} bytes, expected ${head[2]}`);
    files.set(head[1], data);
  }
  return files;
}

const options = parseArgs(process.argv.slice(2));
const scenarioPath = resolve(options.scenario);
const id = relative(join(repo, 'scenarios'), scenarioPath).replace(/\.yaml$/, '');
const out = resolve(options.out ?? join(here, 'work', id, options.kernel));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const started = Date.now();
const dts = run(process.execPath, ['--import', 'tsx', join(repo, 'cli', 'bin.ts'), 'export-dts', scenarioPath], { cwd: repo }).stdout;
writeFileSync(join(out, 'case.dts'), dts);
run('dtc', ['-I', 'dts', '-O', 'dtb', '-o', join(out, 'case.dtb'), join(out, 'case.dts')]);
const flavour = /probe-run,modules = "off"/.test(dts) ? 'nomodules' : 'modules';
const kernelLines = run('sh', [join(here, 'build-kernel.sh'), options.kernel, flavour], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout.trim().split('\n');
const kernel = kernelLines[kernelLines.length - 1];
const init = buildInit();

const ramfs = join(out, 'initramfs');
mkdirSync(ramfs, { recursive: true });
const list = ['dir /dev 0755 0 0', 'nod /dev/console 0600 0 0 c 5 1', 'dir /proc 0755 0 0', 'dir /sys 0755 0 0', `file /init ${init} 0755 0 0`];
if (flavour === 'modules') {
  list.push('dir /lib 0755 0 0', 'dir /lib/modules 0755 0 0');
  for (const copy of moduleCopies(join(kernel, 'probe-run-mod.ko'), ramfs)) list.push(`file /lib/modules/${copy.slice(ramfs.length + 1)} ${copy} 0644 0 0`);
}
writeFileSync(join(ramfs, 'list'), `${list.join('\n')}\n`);
// gen_init_cpio stores each file's own mtime (-t covers only the other entries): fix them too.
for (const entry of list) if (entry.startsWith('file ')) utimesSync(entry.split(' ')[2], 0, 0);
const cpio = run(join(kernel, 'gen_init_cpio'), ['-t', '0', join(ramfs, 'list')], { encoding: 'buffer' }).stdout;
writeFileSync(join(ramfs, 'initramfs.cpio'), cpio);
run('gzip', ['-n', '-9', '-f', join(ramfs, 'initramfs.cpio')]);

const bootStarted = Date.now();
const qemu = spawnSync(
  'qemu-system-aarch64',
  // The console goes to a file: a pipe that fills up would stall the UART and shift guest times.
  ['-M', 'virt', '-cpu', 'cortex-a57', '-m', '256', '-smp', '1', '-icount', 'shift=0,sleep=off', '-nographic', '-nodefaults', '-serial', `file:${join(out, 'console.log')}`, '-monitor', 'none', '-no-reboot',
    '-kernel', join(kernel, 'Image'), '-initrd', join(ramfs, 'initramfs.cpio.gz'), '-dtb', join(out, 'case.dtb')],
  { encoding: 'utf8', maxBuffer: 256 << 20, timeout: options.timeLimit * 1000, killSignal: 'SIGKILL', stdio: ['ignore', 'pipe', 'pipe'] },
);
const bootSeconds = (Date.now() - bootStarted) / 1000;
const consoleText = existsSync(join(out, 'console.log')) ? readFileSync(join(out, 'console.log'), 'utf8') : '';
if (qemu.error?.code === 'ETIMEDOUT' || qemu.signal === 'SIGKILL') fail(`QEMU ran past the ${options.timeLimit} s limit; console in ${join(out, 'console.log')}`);
if (qemu.status !== 0) fail(`QEMU exited ${qemu.status}: ${qemu.stderr}`);

const files = parseDump(consoleText);
if (files === null) fail(`no board dump on the console; see ${join(out, 'console.log')}`);
for (const [name, data] of files) {
  if (name === 'config.gz') writeFileSync(join(out, 'config'), gunzipSync(data));
  else writeFileSync(join(out, name), data);
}
if (options.fixture) {
  const fixture = join(here, 'fixtures', options.kernel, id);
  rmSync(fixture, { recursive: true, force: true });
  mkdirSync(fixture, { recursive: true });
  for (const name of FIXTURE_FILES) if (existsSync(join(out, name))) writeFileSync(join(fixture, name), readFileSync(join(out, name)));
}
process.stderr.write(`boot.mjs: ${id} on ${readFileSync(join(kernel, 'release'), 'utf8').trim()}: QEMU ${bootSeconds.toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s; dump in ${out}\n`);
process.stdout.write(`${out}\n`);
