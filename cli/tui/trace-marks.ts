/** Which trace lines the Trace tab's `n`/`N` jump between, and how loudly each is coloured. */
import type { EventBody, RunResult } from '../../src/model/events.js';

/** A line worth jumping to: a deferral or warning (`notice`) or a failure (`failure`). */
export interface TraceMark {
  line: number;
  severity: 'notice' | 'failure';
}

const NOTABLE_WORDS = /\b(defer|defers|deferred|failed|fails|rejected|rejects|timeout|pending|warn|warning|error|livelock)\b/i;
const FAILURE_WORDS = /\b(failed|rejected|rejects|error|livelock)\b/i;

/** The text-only test, for output without events (an invalid scenario's diagnostics, whose `error` lines count too): header lines (`#`) never match. */
export function isNotableTraceLine(line: string): boolean {
  return !line.startsWith('#') && NOTABLE_WORDS.test(line);
}

function eventSeverity(body: EventBody): TraceMark['severity'] | null {
  switch (body.kind) {
    case 'probe':
      return body.result.type === 'bound' ? null : body.result.type === 'defer' ? 'notice' : 'failure';
    case 'power-on':
    case 'livelock':
      return 'failure';
    case 'warn':
    case 'deferred-pending':
    case 'timeout-expired':
      return 'notice';
    default:
      return null;
  }
}

/**
 * The notable lines of a trace. With the run's events (and where they start, `firstEvent`, from
 * the trace formatter's layout): lines of deferred, failed or rejected probes, warnings, timeouts
 * and pending reports, plus final-state rows of devices that did not bind; without them, lines the
 * text test picks.
 */
export function traceMarks(lines: readonly string[], run: RunResult | null, firstEvent: number | null): TraceMark[] {
  if (!run || firstEvent === null) {
    return lines.flatMap((line, index) => (isNotableTraceLine(line) ? [{ line: index, severity: FAILURE_WORDS.test(line) ? ('failure' as const) : ('notice' as const) }] : []));
  }
  const marks: TraceMark[] = [];
  run.events.forEach((event, i) => {
    const severity = eventSeverity(event.body);
    if (severity) marks.push({ line: firstEvent + i, severity });
  });
  // The final-state rows follow the events, a blank line and the 'final state:' line, in device order.
  const firstRow = firstEvent + run.events.length + 2;
  run.devices.forEach((device, i) => {
    if (device.state === 'failed' || device.state === 'rejected') marks.push({ line: firstRow + i, severity: 'failure' });
    else if (device.state === 'pending') marks.push({ line: firstRow + i, severity: 'notice' });
  });
  return marks.filter((mark) => mark.line < lines.length);
}
