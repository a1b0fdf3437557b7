/** The words of `probe-run compare` (SPEC section 7): agreement count, then each disagreement with the trace lines behind the prediction. */
import type { TraceEvent } from '../model/events.js';
import { eventDevice } from '../trace/format-event.js';
import { formatEventLine } from '../trace/format-trace.js';
import type { Disagreement, Recording } from './recording.js';

/** The comparison as text; `events` are the engine run's, to show what the prediction rests on. */
export function formatComparison(recording: Recording, nodeCount: number, found: readonly Disagreement[], events: readonly TraceEvent[], limits: readonly string[]): string {
  const disagreeing = new Set(found.map((d) => d.node));
  const lines = [`${nodeCount - disagreeing.size} of ${nodeCount} nodes agree with ${recording.kernel} (${recording.scenario})`];
  for (const missing of limits) lines.push(`note: the dump has no ${missing}; what it tells is not compared`);
  for (const d of found) {
    lines.push('', `${d.node}: ${d.field} predicted ${d.predicted}, observed ${d.observed}`);
    const behind = events.filter((event) => eventDevice(event.body) === d.node).slice(-3);
    for (const event of behind) lines.push(`    ${formatEventLine(event.time, event.body)}`);
  }
  if (recording.unmapped.length > 0) lines.push('', `only in the dump (no scenario node): ${recording.unmapped.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
