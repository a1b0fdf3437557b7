/** Placeholder while the trace formatter is written. */
import type { RunResult } from '../model/events.js';
import type { Knobs } from '../model/knobs.js';
import type { Scenario } from '../model/scenario.js';

/** Renders a run as the golden trace text. */
export function formatTrace(scenario: Scenario, knobs: Knobs, result: RunResult): string {
  return `# probe-run trace v1\n# scenario: ${scenario.id}\n# profile: ${knobs.profile}\n# events: ${result.events.length}\n`;
}

/** The kernel warnings of a run, one line each (`node: message`), for the JSON report. */
export function warningsOf(result: RunResult): string[] {
  return result.events.flatMap((event) => (event.body.kind === 'warn' ? [`${event.body.node}: ${event.body.message}`] : []));
}
