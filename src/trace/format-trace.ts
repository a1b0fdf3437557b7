/** The trace text of SPEC section 4: header with the effective knobs, one line per event, final state. */
import type { DeviceOutcome, RunResult } from '../model/events.js';
import { KERNEL_KEYS, type Knobs } from '../model/knobs.js';
import type { Scenario } from '../model/scenario.js';
import { dmaText, stateText } from '../engine/outcome.js';
import { DEFAULT_STEP_BOUND } from '../engine/run-engine.js';
import { describeCauseWithRule } from './describe.js';
import { eventDevice, formatEvent, formatSeconds } from './format-event.js';

export const TRACE_FORMAT_VERSION = 1;

const onOff = (value: boolean): string => (value ? 'on' : 'off');

/** The header lines: format version, scenario id, every effective knob and the policy. */
export function formatHeader(scenario: Scenario, knobs: Knobs, stepBound = DEFAULT_STEP_BOUND): string[] {
  const bound = stepBound === DEFAULT_STEP_BOUND ? [] : [`# step_bound: ${stepBound}`];
  return [
    `# probe-run trace v${TRACE_FORMAT_VERSION}`,
    `# scenario: ${scenario.id}`,
    ...knobLines(knobs),
    `# policy: iommu_probe_failed=${scenario.policy.iommu_probe_failed} iommu_xlate_failed=${scenario.policy.iommu_xlate_failed}`,
    ...bound,
  ];
}

/** Every knob as `name=value`, in KERNEL_KEYS order, wrapped at 100 columns. */
function knobLines(knobs: Knobs): string[] {
  const lines: string[] = [];
  let line = '# kernel:';
  for (const key of KERNEL_KEYS) {
    const value = knobs[key];
    const word = `${key}=${typeof value === 'boolean' ? onOff(value) : String(value)}`;
    if (line.length + 1 + word.length > 100 && line.length > 9) {
      lines.push(line);
      line = '#        ';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/** What the last column of the final-state table says about a device. */
export function deviceNote(device: DeviceOutcome): string {
  return device.cause === null ? '' : describeCauseWithRule(device.cause);
}

/** The final-state table, columns aligned, one row per node in source order. */
export function formatFinalState(devices: DeviceOutcome[]): string[] {
  const rows = [
    ['device', 'state', 'driver', 'dma', 'attempts', 'note'],
    ...devices.map((d) => [d.name, stateText(d), d.driver ?? '-', dmaText(d), String(d.attempts), deviceNote(d)]),
  ];
  // A loop, not Math.max(...column): spreading 100,000+ arguments overflows the stack.
  const widths = rows[0].map((_, col) => rows.reduce((width, row) => Math.max(width, row[col].length), 0));
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ').trimEnd());
}

/** Renders a run as the golden trace text (LF, final newline, no colour, no wall time). */
export function formatTrace(scenario: Scenario, knobs: Knobs, result: RunResult): string {
  const lines = formatHeader(scenario, knobs, result.stepBound);
  lines.push('');
  const seqWidth = String(result.events.length).length;
  const deviceWidth = Math.max(1, ...scenario.nodes.map((node) => node.label.length));
  for (const event of result.events) {
    const device = eventDevice(event.body) ?? '-';
    const time = formatSeconds(event.time).padStart(12);
    lines.push(`${String(event.seq).padStart(seqWidth)} [${time}] ${device.padEnd(deviceWidth)}  ${formatEvent(event.body)}`);
  }
  lines.push('', 'final state:', ...formatFinalState(result.devices).map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

/** The kernel warnings of a run, one line each (`node: message`), for the JSON report. */
export function warningsOf(result: RunResult): string[] {
  return result.events.flatMap((event) => (event.body.kind === 'warn' ? [`${event.body.node}: ${event.body.message}`] : []));
}
