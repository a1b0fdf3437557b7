/** Where `e` opens a scenario in the editor: the line the user most likely has to change. */
import type { ScenarioResult } from '../../src/model/result.js';
import { firstEventLine } from '../../src/trace/format-trace.js';
import { eventDevice } from '../../src/trace/format-event.js';
import { diffRows } from './diff-rows.js';
import { splitLines } from './display-text.js';

/** The 1-based line of an offset into `source`. */
function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < Math.min(offset, source.length); index += 1) if (source[index] === '\n') line += 1;
  return line;
}

/** The device a line of the actual trace is about, read from the run's data (the event or final-state row at that line), or null. */
function deviceAt(result: ScenarioResult, traceLine: number): string | null {
  const run = result.run;
  const firstEvent = firstEventLine(splitLines(result.actual));
  if (run === null || firstEvent === null) return null;
  const event = run.events[traceLine - firstEvent];
  if (traceLine >= firstEvent && event !== undefined) return eventDevice(event.body);
  // The final-state rows follow the events, a blank line and the 'final state:' line, in device order.
  const row = traceLine - (firstEvent + run.events.length + 2);
  return run.devices[row]?.name ?? null;
}

/**
 * The 1-based line of the scenario file to open: the first diagnostic with a place; else, when the
 * trace differs from its golden, the node of the device whose line differs first; else line 1.
 */
export function editLine(result: ScenarioResult): number {
  const source = result.source ?? '';
  const placed = result.diagnostics.filter((diagnostic) => diagnostic.range !== undefined);
  if (placed.length > 0) return lineOf(source, Math.min(...placed.map((diagnostic) => diagnostic.range!.start)));
  if (result.golden === null || result.golden === result.actual) return 1;
  const first = diffRows(result.diff, result.actual, true).rows.find((row) => row.kind === 'add' || row.kind === 'remove');
  const device = first?.actualLine === undefined ? null : deviceAt(result, first.actualLine);
  const node = device === null ? undefined : result.scenario?.nodes.find((spec) => spec.label === device);
  return node?.range === undefined ? 1 : lineOf(source, node.range.start);
}
