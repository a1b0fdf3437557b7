/**
 * Runs fuzz cases on worker threads, each case under a hard time limit: a case that does not answer
 * in time is a hang, its worker is terminated (which stops even a synchronous loop) and replaced.
 */
import { Worker } from 'node:worker_threads';
import { caseAt, type FuzzCase, type FuzzOutcome } from '../../test/support/fuzz-cases.js';

/** How a fuzz run is set up. */
export interface FuzzOptions {
  seed: number;
  count: number;
  workers: number;
  /** A case that takes longer is a failure (a hang). */
  caseTimeoutMs: number;
  /** Called after every finished case. */
  onProgress?: (done: number) => void;
  /** The worker module (default fuzz-worker); tests pass one that hangs or dies on purpose. */
  workerUrl?: string;
}

/** A case that did not end in a valid run or diagnostics with exit 2. */
export interface FuzzFailure {
  index: number;
  fuzz: FuzzCase;
  reason: string;
}

/** What a fuzz run found. */
export interface FuzzSummary {
  count: number;
  failures: FuzzFailure[];
  /** Cases by exit code. */
  exits: Record<string, number>;
  /** Cases by how they were made. */
  kinds: Record<string, number>;
  slowest: { index: number; kind: string; ms: number } | null;
  ms: number;
}

interface Answer {
  index: number;
  kind: string;
  outcome: FuzzOutcome;
}

/** Starts a worker thread running fuzz-worker.ts (or `url`), through tsx when the sources are TypeScript. */
function startWorker(seed: number, workerUrl: string | undefined): Worker {
  const url = workerUrl ?? new URL(import.meta.url.endsWith('.ts') ? './fuzz-worker.ts' : './fuzz-worker.js', import.meta.url).href;
  // Worker threads do not inherit --import tsx; register it inside before loading the worker module.
  const code = url.endsWith('.ts')
    ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`
    : `import(${JSON.stringify(url)})`;
  return new Worker(code, { eval: true, workerData: { seed } });
}

/** Runs cases 0 … count-1 of `seed` and reports every failure with its input; rejects when a worker cannot start. */
export function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const summary: FuzzSummary = { count: 0, failures: [], exits: {}, kinds: {}, slowest: null, ms: 0 };
  let next = 0;
  let running = 0;
  return new Promise((resolve, reject) => {
    const finish = () => {
      summary.ms = performance.now() - started;
      summary.failures.sort((a, b) => a.index - b.index);
      resolve(summary);
    };
    const record = (index: number, kind: string, outcome: FuzzOutcome | null, reason?: string) => {
      summary.count++;
      summary.kinds[kind] = (summary.kinds[kind] ?? 0) + 1;
      const exit = outcome?.exit ?? 'none';
      summary.exits[exit] = (summary.exits[exit] ?? 0) + 1;
      if (outcome !== null && (summary.slowest === null || outcome.ms > summary.slowest.ms)) summary.slowest = { index, kind, ms: outcome.ms };
      if (outcome === null || !outcome.ok) summary.failures.push({ index, fuzz: caseAt(options.seed, index), reason: reason ?? (outcome !== null && !outcome.ok ? outcome.reason : 'unknown') });
      options.onProgress?.(summary.count);
    };
    const launch = () => {
      running++;
      const worker = startWorker(options.seed, options.workerUrl);
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      let dead = false;
      let ready = false;
      const retire = () => {
        if (dead) return;
        dead = true;
        clearTimeout(timer);
        running--;
        void worker.terminate();
        if (next < options.count) launch();
        else if (running === 0) finish();
      };
      const dispatch = () => {
        if (next >= options.count) return retire();
        current = next++;
        worker.postMessage(current);
        timer = setTimeout(() => {
          record(current, caseAt(options.seed, current).kind, null, `no answer within ${options.caseTimeoutMs} ms: a hang`);
          retire();
        }, options.caseTimeoutMs);
      };
      worker.on('message', (message: Answer | 'ready') => {
        if (dead) return;
        if (message === 'ready') {
          ready = true;
          return dispatch();
        }
        clearTimeout(timer);
        record(message.index, message.kind, message.outcome);
        dispatch();
      });
      worker.on('error', (error) => {
        if (dead) return;
        if (!ready) {
          // Not a case's fault: the worker could not start at all.
          dead = true;
          next = options.count;
          void worker.terminate();
          return reject(error);
        }
        if (current >= 0) record(current, caseAt(options.seed, current).kind, null, `the worker died: ${error.stack ?? error.message}`);
        retire();
      });
    };
    if (options.count === 0) return finish();
    for (let i = 0; i < Math.min(options.workers, options.count); i++) launch();
  });
}
