/**
 * Cross-checks parseFdt on real device trees against dtc (apt: device-tree-compiler). Not part of
 * `npm test`: it needs the DTBs of a Debian arm64 kernel package, unpacked outside the repository.
 *
 *   node --import tsx tools/check-real-dtbs.ts [DIR] [--folder-sample N]
 *
 * For every `.dtb` / `.dtbo` under DIR (default /work/dtbs), sorted:
 * - parseFdt must accept it; its node and property counts must equal those of `dtc -I dtb -O dts`;
 * - the offsets of every node and property must be the FDT_BEGIN_NODE / FDT_PROP offsets `fdtdump -d` prints;
 * - the tree written back to a blob (test/support/fdt-builder.ts) must decompile to the same DTS text,
 *   byte for byte (names, order, every value, the memory reservations);
 * - phandleTable and symbolLabels must report nothing.
 * With --folder-sample N, every N-th tree is also written as a folder and read back with
 * cli/read-device-tree-folder.ts, and must equal the parsed tree with names sorted.
 * Prints the figures and every mismatch; exit 1 when there is any.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { readDeviceTreeFolder } from '../cli/read-device-tree-folder.js';
import { countTree } from '../src/fdt/count-tree.js';
import type { DeviceTreeNode } from '../src/fdt/device-tree.js';
import { parseFdt } from '../src/fdt/parse-fdt.js';
import { phandleTable } from '../src/fdt/phandle-table.js';
import { symbolLabels } from '../src/fdt/symbol-labels.js';
import { walkTree } from '../src/fdt/walk-tree.js';
import { buildFdt } from '../test/support/fdt-builder.js';
import { writeDeviceTreeFolder } from '../test/support/write-device-tree-folder.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'folder-sample': { type: 'string', default: '0' } } });
const root = positionals[0] ?? '/work/dtbs';
const folderSample = Number(values['folder-sample']);

function findBlobs(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findBlobs(path));
    else if (entry.isFile() && /\.dtbo?$/.test(entry.name)) found.push(path);
  }
  return found;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Nodes and properties of dtc's DTS output: a node line ends with `{`, a property line with `;` (not `};`). */
function countDts(dts: string): { nodes: number; properties: number } {
  let nodes = 0;
  let properties = 0;
  for (const raw of dts.split('\n')) {
    const line = raw.trim();
    if (line === '' || line === '};' || line.startsWith('/dts-v1/') || line.startsWith('/memreserve/') || line.startsWith('//')) continue;
    if (line.endsWith('{')) nodes += 1;
    else if (line.endsWith(';')) properties += 1;
  }
  return { nodes, properties };
}

/** FDT_BEGIN_NODE and FDT_PROP offsets from `fdtdump -d`, sorted. */
function dumpOffsets(path: string): number[] {
  const offsets: number[] = [];
  for (const match of run('fdtdump', ['-d', path]).matchAll(/^\s*\/\/ ([0-9a-f]+): tag: 0x0000000[13] /gm)) offsets.push(parseInt(match[1], 16));
  return offsets.sort((a, b) => a - b);
}

function treeOffsets(tree: DeviceTreeNode): number[] {
  const offsets: number[] = [];
  for (const node of walkTree(tree)) {
    offsets.push(node.offset ?? -1);
    for (const property of node.properties) offsets.push(property.offset ?? -1);
  }
  return offsets.sort((a, b) => a - b);
}

function sortedShape(node: DeviceTreeNode): string {
  const byName = <T extends { name: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const visit = (n: DeviceTreeNode): unknown => ({ p: n.path, props: byName(n.properties).map((p) => [p.name, Buffer.from(p.value).toString('hex')]), c: byName(n.children).map(visit) });
  return JSON.stringify(visit(node));
}

const blobs = findBlobs(root);
const scratch = mkdtempSync(join(tmpdir(), 'probe-run-dtbs-'));
const mismatches: string[] = [];
let parsed = 0;
let totalMs = 0;
let totalNodes = 0;
let totalProperties = 0;
let totalBytes = 0;
let withSymbols = 0;
let folderChecked = 0;
let largest = { file: '', bytes: 0, ms: 0, nodes: 0 };
let slowest = { file: '', bytes: 0, ms: 0 };
const started = performance.now();

for (const [index, path] of blobs.entries()) {
  const name = relative(root, path);
  const bytes = new Uint8Array(readFileSync(path));
  totalBytes += bytes.length;
  const t0 = performance.now();
  const result = parseFdt(bytes);
  const ms = performance.now() - t0;
  totalMs += ms;
  if (!result.ok) {
    mismatches.push(`${name}: rejected: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
    continue;
  }
  parsed += 1;
  if (result.warnings.length > 0) mismatches.push(`${name}: warnings ${JSON.stringify(result.warnings.slice(0, 3))}`);
  const counts = countTree(result.tree);
  totalNodes += counts.nodes;
  totalProperties += counts.properties;
  if (bytes.length > largest.bytes) largest = { file: name, bytes: bytes.length, ms, nodes: counts.nodes };
  if (ms > slowest.ms) slowest = { file: name, bytes: bytes.length, ms };

  const dts = run('dtc', ['-q', '-I', 'dtb', '-O', 'dts', path]);
  const dtcCounts = countDts(dts);
  if (dtcCounts.nodes !== counts.nodes || dtcCounts.properties !== counts.properties) {
    mismatches.push(`${name}: parser ${counts.nodes} nodes / ${counts.properties} properties, dtc ${dtcCounts.nodes} / ${dtcCounts.properties}`);
  }
  const expectedOffsets = dumpOffsets(path);
  const offsets = treeOffsets(result.tree);
  if (expectedOffsets.join(',') !== offsets.join(',')) mismatches.push(`${name}: token offsets differ from fdtdump -d (${offsets.length} vs ${expectedOffsets.length})`);

  const rebuilt = join(scratch, 'rebuilt.dtb');
  writeFileSync(rebuilt, buildFdt(result.tree, { reservations: result.reservations.map((r) => [r.address, r.size] as const), bootCpuidPhys: result.header.bootCpuidPhys }).bytes);
  if (run('dtc', ['-q', '-I', 'dtb', '-O', 'dts', rebuilt]) !== dts) mismatches.push(`${name}: the tree written back decompiles to a different DTS`);

  const phandles = phandleTable(result.tree);
  const symbols = symbolLabels(result.tree);
  if (symbols.byPath.size > 0) withSymbols += 1;
  for (const diagnostic of [...phandles.diagnostics, ...symbols.diagnostics]) mismatches.push(`${name}: ${diagnostic.code} ${diagnostic.path}: ${diagnostic.message}`);

  if (folderSample > 0 && index % folderSample === 0) {
    const dir = join(scratch, `folder-${index}`);
    writeDeviceTreeFolder(dir, result.tree);
    const fromFolder = await readDeviceTreeFolder(dir);
    if (!fromFolder.ok) mismatches.push(`${name}: folder: ${JSON.stringify(fromFolder.errors.slice(0, 3))}`);
    else if (sortedShape(fromFolder.tree) !== sortedShape(result.tree)) mismatches.push(`${name}: the folder reads back as a different tree`);
    rmSync(dir, { recursive: true, force: true });
    folderChecked += 1;
  }
}
rmSync(scratch, { recursive: true, force: true });

// A second pass over the blobs already in memory: the parse time once the code is warm.
const inMemory = blobs.map((path) => new Uint8Array(readFileSync(path)));
const warmStart = performance.now();
for (const bytes of inMemory) parseFdt(bytes);
const warmMs = performance.now() - warmStart;
const largestBytes = inMemory.reduce((a, b) => (b.length > a.length ? b : a));
const largestStart = performance.now();
for (let round = 0; round < 20; round += 1) parseFdt(largestBytes);
const largestWarmMs = (performance.now() - largestStart) / 20;

const dtbCount = blobs.filter((path) => path.endsWith('.dtb')).length;
process.stdout.write(`${blobs.length} blobs under ${root} (${dtbCount} .dtb, ${blobs.length - dtbCount} .dtbo), ${(totalBytes / 1e6).toFixed(1)} MB\n`);
process.stdout.write(`parsed: ${parsed} of ${blobs.length}; ${totalNodes} nodes, ${totalProperties} properties; ${withSymbols} with __symbols__\n`);
process.stdout.write(`checked against dtc (counts, DTS of the tree written back) and fdtdump -d (offsets)${folderChecked > 0 ? `; ${folderChecked} read back from folders` : ''}\n`);
process.stdout.write(`parse time, first pass: ${totalMs.toFixed(1)} ms for all, slowest ${slowest.file} (${slowest.bytes} bytes) ${slowest.ms.toFixed(2)} ms, largest ${largest.file} (${largest.bytes} bytes, ${largest.nodes} nodes) ${largest.ms.toFixed(2)} ms\n`);
process.stdout.write(`parse time, warm second pass: ${warmMs.toFixed(1)} ms for all ${blobs.length}, largest (${largestBytes.length} bytes) ${largestWarmMs.toFixed(2)} ms on average of 20\n`);
process.stdout.write(`whole check: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
process.stdout.write(mismatches.length === 0 ? 'mismatches: 0\n' : `mismatches: ${mismatches.length}\n${mismatches.map((m) => `  ${m}`).join('\n')}\n`);
process.exitCode = mismatches.length === 0 ? 0 : 1;
