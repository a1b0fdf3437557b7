#!/usr/bin/env node
// Boot many scenarios, several at a time (default: one per core), each with oracle/boot.mjs.
//
// Usage: node oracle/boot-all.mjs [--kernel 6.12|6.1] [--jobs N] [--fixture] PATH...
//
// PATH is a scenario file or a folder (walked in sorted order; scenarios/invalid is skipped). The
// kernels are built first, one at a time, so parallel boots never build at once. Prints one line per
// scenario (ok or the failure's first line) and the wall time of the whole run; exit 1 if any failed.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let kernel = '6.12';
let jobs = availableParallelism();
const passOn = [];
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--kernel') kernel = args[++i];
  else if (args[i] === '--jobs') jobs = Number(args[++i]);
  else if (args[i] === '--fixture') passOn.push('--fixture');
  else paths.push(args[i]);
}
if (paths.length === 0 || !(jobs >= 1)) {
  process.stderr.write('usage: node oracle/boot-all.mjs [--kernel 6.12|6.1] [--jobs N] [--fixture] PATH...\n');
  process.exit(2);
}

function walk(path) {
  if (!statSync(path).isDirectory()) return path.endsWith('.yaml') ? [resolve(path)] : [];
  if (path.split('/').pop() === 'invalid') return [];
  return readdirSync(path).sort().flatMap((name) => walk(join(path, name)));
}
const scenarios = paths.flatMap(walk);

for (const flavour of ['modules', 'nomodules']) {
  const built = spawnSync('sh', [join(here, 'build-kernel.sh'), kernel, flavour], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(2);
}

const started = Date.now();
let failed = 0;
let next = 0;
async function worker() {
  while (next < scenarios.length) {
    const scenario = scenarios[next++];
    const result = await new Promise((done) => {
      const child = spawn(process.execPath, [join(here, 'boot.mjs'), scenario, '--kernel', kernel, ...passOn], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk) => (err += chunk));
      child.on('close', (code) => done({ code, err }));
    });
    const last = result.err.trim().split('\n').filter((line) => line.startsWith('boot.mjs:')).pop() ?? result.err.trim().split('\n')[0];
    if (result.code !== 0) failed++;
    process.stdout.write(`${result.code === 0 ? 'ok  ' : 'FAIL'} ${last}\n`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
process.stdout.write(`${scenarios.length} scenarios on ${kernel}, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s with ${jobs} jobs\n`);
process.exit(failed === 0 ? 0 : 1);
