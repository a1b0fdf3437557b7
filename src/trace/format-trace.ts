/** The trace text of SPEC section 4: header with the effective knobs, one line per event, final state. */
import type { DeviceOutcome, EventBody, RunResult } from '../model/events.js';
import { KERNEL_KEYS, type Knobs } from '../model/knobs.js';
import type { Scenario } from '../model/scenario.js';
import { dmaText, stateText } from '../engine/outcome.js';
import { DEFAULT_STEP_BOUND } from '../engine/run-engine.js';
import { describeCauseWithRule, describeWarning } from './describe.js';
import { eventDevice, formatEvent, formatSeconds } from './format-event.js';

export const TRACE_FORMAT_VERSION = 2;

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

/**
 * The final-state rows, one per node in source order, fields in a fixed order and never padded,
 * so that one device's change is one changed line: `name: state driver=D dma=X attempts=N` and,
 * when there is one, `: note`.
 */
export function formatFinalState(devices: DeviceOutcome[]): string[] {
  return devices.map((d) => {
    const note = deviceNote(d);
    return `${d.name}: ${stateText(d)} driver=${d.driver ?? '-'} dma=${dmaText(d).replace(' ', ',')} attempts=${d.attempts}${note === '' ? '' : ` note=${note}`}`;
  });
}

/**
 * One event as a trace line, in the kernel log's shape: `[    0.213586] dev: message`, or
 * `[    0.213586] - message` for the whole system (no label starts with `-`); nothing is padded
 * to the width of other lines.
 */
export function formatEventLine(time: number, body: EventBody): string {
  const device = eventDevice(body);
  return `[${formatSeconds(time).padStart(12)}] ${device === null ? '-' : `${device}:`} ${formatEvent(body)}`;
}

/**
 * The 0-based index of the first event line of a trace's lines: the layout is the header, one blank
 * line, then one line per event (event `seq` at `firstEventLine + seq - 1`), so it is the line
 * after the first blank one; null when there is none (diagnostics, not a trace).
 */
export function firstEventLine(lines: readonly string[]): number | null {
  const blank = lines.indexOf('');
  return blank < 0 || !(lines[0] ?? '').startsWith('# probe-run trace') ? null : blank + 1;
}

/** Renders a run as the golden trace text (LF, final newline, no colour, no wall time). */
export function formatTrace(scenario: Scenario, knobs: Knobs, result: RunResult): string {
  const lines = formatHeader(scenario, knobs, result.stepBound);
  lines.push('');
  for (const event of result.events) lines.push(formatEventLine(event.time, event.body));
  lines.push('', 'final state:', ...formatFinalState(result.devices));
  return `${lines.join('\n')}\n`;
}

/** The kernel warnings of a run, one line each (`node: message`), for the JSON report. */
export function warningsOf(result: RunResult): string[] {
  return result.events.flatMap((event) => (event.body.kind === 'warn' ? [`${event.body.node}: ${describeWarning(event.body.node, event.body.warning)}`] : []));
}
