/** The trace text of SPEC section 4: header with the effective knobs, one line per event, final state. */
import type { DeviceOutcome, RunResult } from '../model/events.js';
import type { Knobs } from '../model/knobs.js';
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
    `# kernel: profile=${knobs.profile} modules=${onOff(knobs.modules)} fw_devlink=${knobs.fw_devlink} fw_devlink_strict=${onOff(knobs.fw_devlink_strict)} deferred_probe_timeout=${knobs.deferred_probe_timeout}`,
    `#         dma_configure=${knobs.dma_configure} iommu_absent=${knobs.iommu_absent} check_state=${onOff(knobs.check_state)} iommu_partial=${knobs.iommu_partial} iommu_replay=${onOff(knobs.iommu_replay)}`,
    `# policy: iommu_probe_failed=${scenario.policy.iommu_probe_failed} iommu_xlate_failed=${scenario.policy.iommu_xlate_failed}`,
    ...bound,
  ];
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
