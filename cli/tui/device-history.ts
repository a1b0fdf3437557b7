/** One device's story as the trace tells it, for the Why tab. */
import type { EventBody, RunResult } from '../../src/model/events.js';
import { eventSeqOf } from './trace-marks.js';

function concerns(body: EventBody, device: string): boolean {
  if ('node' in body) return body.node === device;
  if (body.kind === 'timeline') return body.target === device;
  if (body.kind === 'devlink-cycle') return body.nodes.includes(device);
  return false;
}

/** The trace lines of every event that happened to `device` (probes, DMA, warnings, timeline…), in order. */
export function deviceHistory(lines: readonly string[], run: RunResult | null, device: string): string[] {
  if (!run) return [];
  const seqs = new Set(run.events.filter((event) => concerns(event.body, device)).map((event) => event.seq));
  return lines.filter((line) => {
    const seq = eventSeqOf(line);
    return seq !== null && seqs.has(seq);
  });
}
