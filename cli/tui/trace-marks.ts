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

/** An event line starts with its sequence number, then the time in brackets. */
const EVENT_LINE = /^\s*(\d+) \[/;

/** The sequence number of an event line of the trace, or null for header, blank and final-state lines. */
export function eventSeqOf(line: string): number | null {
  const match = EVENT_LINE.exec(line);
  return match ? Number(match[1]) : null;
}

/**
 * The notable lines of a trace. With the run's events: lines of deferred, failed or rejected
 * probes, warnings, timeouts and pending reports, plus final-state rows of devices that did not
 * bind; without them, lines the text test picks.
 */
export function traceMarks(lines: readonly string[], run: RunResult | null): TraceMark[] {
  if (!run) {
    return lines.flatMap((line, index) => (isNotableTraceLine(line) ? [{ line: index, severity: FAILURE_WORDS.test(line) ? ('failure' as const) : ('notice' as const) }] : []));
  }
  const bySeq = new Map(run.events.map((event) => [event.seq, eventSeverity(event.body)]));
  const byDevice = new Map(run.devices.map((device) => [device.name, device.state]));
  const marks: TraceMark[] = [];
  lines.forEach((line, index) => {
    const seq = eventSeqOf(line);
    if (seq !== null) {
      const severity = bySeq.get(seq);
      if (severity) marks.push({ line: index, severity });
      return;
    }
    // A final-state row: `  name  state  …`.
    const state = byDevice.get(line.trim().split(/\s+/)[0] ?? '');
    if (line.startsWith(' ') && (state === 'failed' || state === 'rejected')) marks.push({ line: index, severity: 'failure' });
    else if (line.startsWith(' ') && state === 'pending') marks.push({ line: index, severity: 'notice' });
  });
  return marks;
}
