/** One device's story as the trace tells it, for the Why tab. */
import type { EventBody, RunResult } from '../../src/model/events.js';

function concerns(body: EventBody, device: string): boolean {
  if ('node' in body) return body.node === device;
  if (body.kind === 'timeline') return body.target === device;
  if (body.kind === 'devlink-cycle') return body.nodes.includes(device);
  return false;
}

/** The trace lines of every event that happened to `device` (probes, DMA, warnings, timeline…), in order; `firstEvent` is where the events start in `lines`. */
export function deviceHistory(lines: readonly string[], run: RunResult | null, device: string, firstEvent: number | null): string[] {
  if (!run || firstEvent === null) return [];
  return run.events.flatMap((event, i) => (concerns(event.body, device) && firstEvent + i < lines.length ? [lines[firstEvent + i]] : []));
}
