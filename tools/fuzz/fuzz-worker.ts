/** A fuzz worker thread: runs the cases the pool sends, one at a time, and answers with each outcome. */
import { parentPort, workerData } from 'node:worker_threads';
import { caseAt, runCase } from '../../test/support/fuzz-cases.js';

const { seed } = workerData as { seed: number };
const port = parentPort;
if (port === null) throw new Error('fuzz-worker.ts runs as a worker thread (see fuzz-pool.ts)');
port.on('message', async (index: number) => {
  const fuzz = caseAt(seed, index);
  port.postMessage({ index, kind: fuzz.kind, outcome: await runCase(fuzz) });
});
port.postMessage('ready');
