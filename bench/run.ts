/**
 * `npm run bench`: engine-only timings on generated scenarios (issue 3 targets), then the whole
 * command against parsing the same YAML alone. Figures are ratios within one run where possible.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEngine } from '../src/engine/run-engine.js';
import { loadScenario } from '../src/load/load-scenario.js';
import type { Scenario } from '../src/model/scenario.js';
import { generateChain, generateSoc } from './generate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function load(text: string, id: string): Scenario {
  const { scenario, diagnostics } = loadScenario(text, `${id}.yaml`, id);
  if (scenario === null) throw new Error(`generated scenario ${id} is invalid: ${diagnostics[0]?.message}`);
  return scenario;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run the benchmark with node --expose-gc (npm run bench does)');

/**
 * Best of `runs` engine runs (ms), with the attempts and the engine's memory: the heap its result
 * holds after a full GC, and the heap growth during the run (both against the heap before it).
 */
function timeEngine(scenario: Scenario, runs: number, stepBound: number) {
  let best = Infinity;
  let attempts = 0;
  let deferred = 0;
  let retained = 0;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    let { result } = runEngine(scenario, { stepBound });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    gc?.();
    retained = Math.max(retained, process.memoryUsage().heapUsed - before);
    best = Math.min(best, ms);
    attempts = result.attempts;
    deferred = result.devices.filter((d) => d.attempts > 1 || d.state === 'pending').length;
    result = null as never;
  }
  return { ms: best, attempts, deferred, retainedMiB: retained / 2 ** 20 };
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

say(row(['input', 'devices', 'attempts', 'devices deferred at least once', 'engine ms (best of 3)', 'result heap MiB', 'target']));
say(row(['---', '---', '---', '---', '---', '---', '---']));
const soc10k = timeEngine(load(generateSoc(10_000), 'soc-10k'), 3, 1_000_000);
say(row(['SoC graph', '10,000', soc10k.attempts, soc10k.deferred, soc10k.ms.toFixed(1), soc10k.retainedMiB.toFixed(0), '< 1000 ms']));
const soc100k = timeEngine(load(generateSoc(100_000), 'soc-100k'), 3, 10_000_000);
say(row(['SoC graph', '100,000', soc100k.attempts, soc100k.deferred, soc100k.ms.toFixed(1), soc100k.retainedMiB.toFixed(0), `< 12× 10k, < 1024 MiB: ${(soc100k.ms / soc10k.ms).toFixed(1)}×`]));
const chain = timeEngine(load(generateChain(2_000), 'chain-2k'), 3, 10_000_000);
say(row(['reverse-order chain', '2,000', chain.attempts, chain.deferred, chain.ms.toFixed(1), chain.retainedMiB.toFixed(0), '< 2000 ms']));

/** Wall time (ms) of one fresh node process with these arguments. */
function wallOnce(args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Start-up (issue 5): `probe-run --version` against `node -e 0`, 10 runs each, interleaved, medians.
{
  const nodeAlone: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < 10; i++) {
    nodeAlone.push(wallOnce(['-e', '0'], root));
    version.push(wallOnce([join(root, 'dist', 'cli', 'bin.js'), '--version'], root));
  }
  say('');
  say(`start-up: \`probe-run --version\` ${median(version).toFixed(1)} ms, \`node -e 0\` ${median(nodeAlone).toFixed(1)} ms (medians of 10): ratio ${(median(version) / median(nodeAlone)).toFixed(2)}× (target <= 1.5×)`);
}

// The whole command against parsing the same YAML alone, each in a fresh node process.
const dir = mkdtempSync(join(tmpdir(), 'probe-run-bench-'));
try {
  const file = join(dir, 'soc-10k.yaml');
  writeFileSync(file, generateSoc(10_000));
  const wall = (args: string[]) => Math.min(...[0, 1, 2].map(() => wallOnce(args, dir)));
  const parseOnly = wall(['-e', `require(${JSON.stringify(join(root, 'node_modules', 'yaml'))}).parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
  const whole = wall([join(root, 'dist', 'cli', 'bin.js'), file, '--golden-dir', join(dir, 'golden'), '--reporter', 'json']);
  say('');
say(`peak RSS of this benchmark process (YAML documents of all three inputs included): ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  say(`whole command \`probe-run soc-10k.yaml\`: ${whole.toFixed(0)} ms; parsing the YAML alone: ${parseOnly.toFixed(0)} ms; ratio ${(whole / parseOnly).toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Real device trees (issue 13): import plus run of the largest DTB of Debian's arm64 kernel package
// (target well under a second), then the whole set through tools/import-all-dtbs.ts on 2 worker
// threads (target under two minutes). Skipped when the package is not unpacked (DTBS or /work/dtbs).
{
  const dtbs = process.env.DTBS ?? '/work/dtbs';
  const { existsSync, readdirSync, readFileSync, statSync } = await import('node:fs');
  const { parseFdt } = await import('../src/fdt/parse-fdt.js');
  const { importDeviceTree } = await import('../src/import/import-device-tree.js');
  say('');
  if (!existsSync(dtbs)) {
    say(`real DTBs: skipped, ${dtbs} is missing (unpack linux-image-<version>-arm64, see ../shared/import-notes.md)`);
  } else {
    const blobs: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.dtb')) blobs.push(join(dir, entry.name));
      }
    };
    walk(dtbs);
    const largest = blobs.sort((a, b) => statSync(b).size - statSync(a).size || (a < b ? -1 : 1))[0];
    const once = (): { ms: number; devices: number; nodes: number } => {
      const start = process.hrtime.bigint();
      const parsed = parseFdt(new Uint8Array(readFileSync(largest)));
      if (!parsed.ok) throw new Error(`${largest} does not parse`);
      const imported = importDeviceTree(parsed.tree, { source: 'largest.dtb', kernel: null });
      const scenario = load(imported.yaml, 'largest');
      const { result } = runEngine(scenario);
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, devices: result.devices.length, nodes: imported.summary.nodes };
    };
    const first = once();
    const best = Math.min(first.ms, once().ms, once().ms);
    say(`largest DTB ${largest.split('/').slice(-2).join('/')} (${statSync(largest).size} bytes, ${first.nodes} scenario nodes): parse + import + load + run ${best.toFixed(0)} ms best of 3 (first ${first.ms.toFixed(0)} ms) (target < 1000 ms)`);
    const tool = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tools', 'import-all-dtbs.ts'), dtbs, '--workers', '2', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const all = JSON.parse(tool.stdout) as { blobs: number; imported: number; failed: number; devices: number; links: number; states: Record<string, number>; wallMs: number };
    say(`all ${all.blobs} DTBs on 2 worker threads: ${all.imported} imported and run, ${all.failed} failed, ${all.devices} devices, ${all.links} blocking links, final ${Object.entries(all.states).map(([k, v]) => `${k} ${v}`).join(', ')}, ${(all.wallMs / 1000).toFixed(1)} s (target < 120 s)`);
  }
}
