/**
 * Imports and runs every `.dtb` under a folder (default /work/dtbs, Debian's arm64 kernel package
 * unpacked; issue 13's corpus check): parse, import, load, run, on worker threads (2 by default).
 * Not part of `npm test`; `npm run bench` runs it on the whole set and on the largest blob.
 *
 *   node --import tsx tools/import-all-dtbs.ts [DIR] [--kernel DIR] [--workers N] [--only FILE] [--json]
 *
 * Prints, per run: blobs imported, failures (each with its reason), totals of devices (at populate),
 * scenario nodes, references, blocking fw_devlink links, and the final states (bound, pending, …),
 * the slowest blobs, and the wall time. Exit 1 when any blob fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { runEngine } from '../src/engine/run-engine.js';
import { parseFdt } from '../src/fdt/parse-fdt.js';
import { importDeviceTree } from '../src/import/import-device-tree.js';
import { emptyKernelBuild, parseBuiltinModinfo, parseKernelConfig, parseModulesAlias, parseSystemMap, type KernelBuild } from '../src/import/kernel-build.js';
import { loadScenario } from '../src/load/load-scenario.js';
import { SUPPLIER_KINDS } from '../src/model/supplier-kinds.js';

/** One blob's figures, or why it failed. */
interface BlobResult {
  file: string;
  bytes: number;
  ok: boolean;
  reason?: string;
  nodes: number;
  devices: number;
  references: number;
  links: number;
  states: Record<string, number>;
  ms: { import: number; load: number; run: number; total: number };
}

/** Reads the kernel-build files the CLI would read from a flat folder or a package tree (boot/, lib/modules/<release>/). */
export function readKernel(dir: string): KernelBuild {
  const build = emptyKernelBuild();
  const folders = [dir, join(dir, 'boot')];
  try {
    for (const r of readdirSync(join(dir, 'lib', 'modules')).sort()) folders.push(join(dir, 'lib', 'modules', r));
  } catch {
    // a flat folder
  }
  const find = (pattern: RegExp): string | null => {
    for (const folder of folders) {
      try {
        const name = readdirSync(folder).sort().find((n) => pattern.test(n));
        if (name !== undefined) return join(folder, name);
      } catch {
        // not there
      }
    }
    return null;
  };
  const config = find(/^(\.config|config|config-.*)$/);
  if (config) Object.assign(build, parseKernelConfig(readFileSync(config, 'utf8')));
  const modinfo = find(/^modules\.builtin\.modinfo$/);
  if (modinfo) {
    const { builtin, modules } = parseBuiltinModinfo(readFileSync(modinfo, 'utf8'));
    build.builtin = builtin;
    build.builtinModules = modules;
  }
  const alias = find(/^modules\.alias$/);
  if (alias) build.moduleAlias = parseModulesAlias(readFileSync(alias, 'utf8'));
  const map = find(/^System\.map(-.*)?$/);
  if (map) {
    const initcalls = parseSystemMap(readFileSync(map, 'utf8'));
    build.initcalls = initcalls.size > 0 ? initcalls : null;
  }
  build.sources = [config, modinfo, alias, map].filter((p): p is string => p !== null).map((p) => relative(dir, p));
  return build;
}

/** Parse, import, load and run one blob. */
export function importAndRun(file: string, kernel: KernelBuild | null): BlobResult {
  const t0 = performance.now();
  const bytes = readFileSync(file);
  const result: BlobResult = { file, bytes: bytes.length, ok: false, nodes: 0, devices: 0, references: 0, links: 0, states: {}, ms: { import: 0, load: 0, run: 0, total: 0 } };
  try {
    const parsed = parseFdt(new Uint8Array(bytes));
    if (!parsed.ok) {
      result.reason = `parse: ${parsed.diagnostics[0]?.code} ${parsed.diagnostics[0]?.message}`;
      return result;
    }
    const imported = importDeviceTree(parsed.tree, { source: file.split('/').pop() ?? file, kernel });
    const t1 = performance.now();
    const loaded = loadScenario(imported.yaml, 'imported.yaml', 'imported');
    const t2 = performance.now();
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (loaded.scenario === null || errors.length > 0) {
      result.reason = `load: ${errors.length} errors, first: ${errors[0]?.code} ${errors[0]?.message}`;
      return result;
    }
    const { result: run } = runEngine(loaded.scenario);
    const t3 = performance.now();
    if (run.livelock) {
      result.reason = 'run: livelock (step bound reached)';
      return result;
    }
    // Blocking fw_devlink links (fw_devlink=on, not strict): one per consumer–supplier pair, none to a
    // disabled or early node or to the node itself (K8.1, K8.3; ancestors not excluded here).
    const byLabel = new Map(loaded.scenario.nodes.map((n) => [n.label, n]));
    const early = new Set(loaded.scenario.drivers.filter((d) => d.early).flatMap((d) => d.compatible));
    const pairs = new Set<string>();
    for (const node of loaded.scenario.nodes) {
      for (const ref of node.references) {
        const target = byLabel.get(ref.label);
        if (SUPPLIER_KINDS[ref.kind].link !== 'blocking' || target === undefined || target === node || target.status !== 'okay' || target.compatible.some((c) => early.has(c))) continue;
        pairs.add(`${node.label}\0${ref.label}`);
      }
    }
    for (const device of run.devices) result.states[device.state] = (result.states[device.state] ?? 0) + 1;
    Object.assign(result, { ok: true, nodes: imported.summary.nodes, devices: imported.summary.devices, references: imported.summary.references, links: pairs.size });
    result.ms = { import: t1 - t0, load: t2 - t1, run: t3 - t2, total: t3 - t0 };
  } catch (error) {
    result.reason = `crash: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  return result;
}

function findBlobs(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findBlobs(path));
    else if (entry.isFile() && entry.name.endsWith('.dtb')) found.push(path);
  }
  return found;
}

/** Runs the blobs on `workers` threads; resolves with every result in file order. */
export function runPool(files: string[], kernelDir: string | null, workers: number): Promise<BlobResult[]> {
  const results: BlobResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    if (files.length === 0) resolve([]);
    const self = import.meta.url;
    const start = (): void => {
      const code = self.endsWith('.ts')
        ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(self)}); })`
        : `import(${JSON.stringify(self)})`;
      const worker = new Worker(code, { eval: true, workerData: { kernelDir } });
      const feed = (): void => {
        if (next >= files.length) {
          void worker.terminate();
          return;
        }
        const index = next++;
        worker.postMessage({ index, file: files[index] });
      };
      worker.on('message', (message: { index: number; result: BlobResult }) => {
        results[message.index] = message.result;
        if (++done === files.length) resolve(results);
        feed();
      });
      worker.on('error', reject);
      feed();
    };
    for (let i = 0; i < Math.min(workers, files.length); i++) start();
  });
}

if (!isMainThread && parentPort !== null) {
  const kernelDir = (workerData as { kernelDir: string | null }).kernelDir;
  const kernel = kernelDir === null ? null : readKernel(kernelDir);
  const port = parentPort;
  port.on('message', ({ index, file }: { index: number; file: string }) => port.postMessage({ index, result: importAndRun(file, kernel) }));
} else if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { kernel: { type: 'string' }, workers: { type: 'string', default: String(Math.min(2, cpus().length)) }, only: { type: 'string' }, json: { type: 'boolean' } },
  });
  const dir = positionals[0] ?? '/work/dtbs';
  const files = values.only !== undefined ? [values.only] : statSync(dir).isDirectory() ? findBlobs(dir) : [dir];
  const started = performance.now();
  const results = await runPool(files, values.kernel ?? null, Number(values.workers));
  const wall = performance.now() - started;
  const ok = results.filter((r) => r.ok);
  const failed = results.filter((r) => !r.ok);
  const sum = (f: (r: BlobResult) => number) => ok.reduce((s, r) => s + f(r), 0);
  const states: Record<string, number> = {};
  for (const r of ok) for (const [k, v] of Object.entries(r.states)) states[k] = (states[k] ?? 0) + v;
  const summary = {
    blobs: results.length,
    imported: ok.length,
    failed: failed.length,
    devices: sum((r) => r.devices),
    nodes: sum((r) => r.nodes),
    references: sum((r) => r.references),
    links: sum((r) => r.links),
    states,
    pendingBlobs: ok.filter((r) => (r.states.pending ?? 0) > 0).length,
    wallMs: Math.round(wall),
    workers: Number(values.workers),
    slowest: [...ok].sort((a, b) => b.ms.total - a.ms.total).slice(0, 5).map((r) => ({ file: relative(dir, r.file) || r.file, bytes: r.bytes, ms: Math.round(r.ms.total), import: Math.round(r.ms.import), load: Math.round(r.ms.load), run: Math.round(r.ms.run) })),
    failures: failed.map((r) => ({ file: relative(dir, r.file) || r.file, reason: r.reason })),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const n = (x: number) => x.toLocaleString('en-US');
    process.stdout.write(
      [
        `${n(summary.imported)} of ${n(summary.blobs)} DTBs imported and run, ${summary.failed} failed, in ${(wall / 1000).toFixed(1)} s on ${summary.workers} worker threads`,
        `devices at populate ${n(summary.devices)}, scenario nodes ${n(summary.nodes)}, references ${n(summary.references)}, blocking fw_devlink links ${n(summary.links)}`,
        `final states: ${Object.entries(states)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${n(v)}`)
          .join(', ')}; ${summary.pendingBlobs} boards end with a pending device`,
        `slowest: ${summary.slowest.map((s) => `${s.file} (${n(s.bytes)} bytes) ${s.ms} ms = import ${s.import} + load ${s.load} + run ${s.run}`).join('; ')}`,
        ...summary.failures.map((f) => `FAIL ${f.file}: ${f.reason}`),
        '',
      ].join('\n'),
    );
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
}
