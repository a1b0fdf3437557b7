/** Which trace lines the Trace tab's `n`/`N` jump between. */

const NOTABLE = /\b(defer|defers|deferred|deferral|failed|fails|rejected|rejects|timeout|timed out|pending|warn|warning)\b/i;

/** True for an event or final-state line that tells of a deferral, failure, rejection, timeout or warning; header lines (`#`) never are. */
export function isNotableTraceLine(line: string): boolean {
  return !line.startsWith('#') && NOTABLE.test(line);
}
