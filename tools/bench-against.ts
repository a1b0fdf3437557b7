/**
 * The engine against an older checkout's engine, interleaved in one process on the bench's generated
 * inputs (medians of 15 runs each), so machine noise hits both alike. Usage:
 *   git worktree add /tmp/old <rev> && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   node --expose-gc --import tsx tools/bench-against.ts /tmp/old
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateChain, generateSoc } from '../bench/generate.js';
import { loadScenario } from '../src/load/load-scenario.js';
import { runEngine } from '../src/engine/run-engine.js';

type Run = (scenario: unknown, options: { stepBound?: number }) => unknown;
type Load = (text: string, file: string, id: string) => { scenario: unknown };

const old = process.argv[2];
if (old === undefined) throw new Error('usage: tools/bench-against.ts OLD_CHECKOUT');
const oldLoaderPath = ['src/load/load-scenario.ts', 'src/parse/load-scenario.ts'].map((path) => join(old, path)).find((path) => existsSync(path));
if (oldLoaderPath === undefined) throw new Error(`no loader in ${old}`);
const oldLoad = (await import(oldLoaderPath)).loadScenario as Load;
const oldRun = (await import(join(old, 'src/engine/run-engine.ts'))).runEngine as Run;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const [name, text, stepBound] of [
  ['soc-10k', generateSoc(10_000), 1_000_000],
  ['soc-100k', generateSoc(100_000), 10_000_000],
  ['chain-2k', generateChain(2_000), 10_000_000],
] as const) {
  const before = oldLoad(text, `${name}.yaml`, name).scenario;
  const after = loadScenario(text, `${name}.yaml`, name).scenario;
  if (after === null) throw new Error(`${name} does not load`);
  const times = { old: [] as number[], new: [] as number[] };
  for (let i = 0; i < (name === 'soc-100k' ? 5 : 15); i++) {
    gc();
    let start = performance.now();
    oldRun(before, { stepBound });
    times.old.push(performance.now() - start);
    gc();
    start = performance.now();
    runEngine(after, { stepBound });
    times.new.push(performance.now() - start);
  }
  const [o, n] = [median(times.old), median(times.new)];
  console.log(`${name}: old ${o.toFixed(0)} ms, new ${n.toFixed(0)} ms, new/old ${(n / o).toFixed(2)}`);
}
