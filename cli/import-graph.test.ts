/**
 * Imports follow the pipeline and nothing else (issue 10, STYLE.md): among the files the program can
 * load (everything reachable from cli/bin.ts and src/index.ts, dynamic imports included), no file
 * imports another that imports it back, and a stage imports only earlier stages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const graph = suite('import graph');
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The stages in pipeline order. A file may import files of its own stage and of earlier stages only.
 * A new folder must be placed here (the test says so), which is the point: decide where it sits.
 */
const STAGES: readonly (readonly string[])[] = [
  ['src/model'],
  ['src/diagnostics', 'src/fdt'],
  ['src/parse'],
  ['src/validate'],
  ['src/load', 'src/import'],
  ['src/engine'],
  ['src/trace', 'src/export', 'src/board-dump'],
  ['src/golden', 'src/oracle'],
  ['src/run'],
  ['src/report'],
  ['src/explain'],
  ['src'],
  ['cli/tui'],
  ['cli'],
];

const SPECIFIER = /(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative imports of one file, resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const base = normalize(join(dirname(file), match[1] ?? match[2])).replace(/\.js$/, '');
    const target = ['.ts', '.tsx'].map((ext) => base + ext).find((path) => existsSync(join(root, path)));
    if (target !== undefined) found.push(target.split('\\').join('/'));
  }
  return found;
}

/** Every file reachable from the entry points, with its imports. */
function productGraph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  const work = ['cli/bin.ts', 'src/index.ts'].filter((file) => existsSync(join(root, file)));
  while (work.length > 0) {
    const file = work.pop() as string;
    if (edges.has(file)) continue;
    const targets = importsOf(file);
    edges.set(file, targets);
    work.push(...targets);
  }
  return edges;
}

/** The stage of a file: the longest folder prefix in STAGES. */
function stageOf(file: string): { folder: string; rank: number } | null {
  let best: { folder: string; rank: number } | null = null;
  STAGES.forEach((folders, rank) => {
    for (const folder of folders) {
      // `src` holds only its own files (src/index.ts); every other stage its whole folder.
      if (dirname(file) === folder || (folder !== 'src' && file.startsWith(`${folder}/`))) {
        if (best === null || folder.length > best.folder.length) best = { folder, rank };
      }
    }
  });
  return best;
}

graph('the program reaches the whole pipeline, and no test code', () => {
  const files = [...productGraph().keys()];
  assert.ok(files.includes('src/engine/run-engine.ts') && files.includes('cli/tui/App.tsx'), 'the entry points reach the engine and the TUI');
  assert.equal(files.filter((file) => /\.test\.tsx?$|(^|\/)test\/|test-support|fixtures|fake-io/.test(file)).sort(), []);
});

graph('every product file sits in a stage of the pipeline', () => {
  assert.equal([...productGraph().keys()].filter((file) => stageOf(file) === null).sort(), [], 'place the new folder in STAGES');
});

graph('a stage imports only its own stage and earlier ones', () => {
  const against: string[] = [];
  for (const [file, targets] of productGraph()) {
    const from = stageOf(file);
    for (const target of targets) {
      const to = stageOf(target);
      if (from === null || to === null) continue;
      if (to.folder !== from.folder && to.rank >= from.rank) against.push(`${file} -> ${target}`);
    }
  }
  assert.equal(against.sort(), []);
});

graph('no file imports a file that imports it back, directly or not', () => {
  const edges = productGraph();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      if (members.length > 1) cycles.push(members.sort());
    }
  };
  for (const file of [...edges.keys()].sort()) if (!index.has(file)) visit(file);
  assert.equal(cycles, []);
});

graph('the stage rule catches a backward import (the check itself can fail)', () => {
  assert.ok((stageOf('src/engine/probe.ts')?.rank ?? -1) > (stageOf('src/model/events.ts')?.rank ?? 99));
  assert.ok((stageOf('src/trace/describe.ts')?.rank ?? -1) > (stageOf('src/engine/outcome.ts')?.rank ?? 99), 'engine -> trace would be reported');
  assert.is(stageOf('src/nowhere/file.ts'), null, 'an unplaced folder is reported');
});

graph.run();
