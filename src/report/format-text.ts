/** The text reporter: a line per scenario, diffs and diagnostics for the ones that do not pass, a summary. */
import { formatGoldenPatch } from '../golden/compare-golden.js';
import type { ScenarioResult, ScenarioStatus } from '../model/result.js';
import { palette, type Palette } from './ansi.js';
import { paintDiff } from './paint-diff.js';
import { showControls } from './show-controls.js';
import { summarize, type RunReport } from './run-report.js';
import { warningsText } from './warnings-text.js';

const LABEL: Record<ScenarioStatus, string> = { pass: 'PASS', fail: 'FAIL', new: 'NEW', invalid: 'INVALID', error: 'ERROR' };
const WIDTH = 8;

function badge(status: ScenarioStatus, paint: Palette): string {
  const label = LABEL[status].padEnd(WIDTH);
  switch (status) {
    case 'pass':
      return paint.green(label);
    case 'new':
      return paint.yellow(label);
    case 'fail':
    case 'invalid':
    case 'error':
      return paint.red(label);
    default: {
      const never: never = status;
      return String(never);
    }
  }
}

/** The warnings of a scenario whose diagnostics are not printed whole, each with its source line and caret (SPEC section 6). */
function warnings(result: ScenarioResult, paint: Palette): string {
  return withNewline(paint.yellow(showControls(warningsText(result))));
}

function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

function details(result: ScenarioResult, report: RunReport, paint: Palette): string {
  let out = '';
  const hint = report.hints[result.id];
  // The formatted diagnostics of an invalid scenario, or the stack of an internal error.
  if (result.status === 'invalid' || result.status === 'error') out += withNewline(showControls(result.actual));
  else out += warnings(result, paint);
  if ((result.status === 'new' || result.status === 'fail') && result.golden === null) out += `  no golden file ${result.goldenPath} yet\n`;
  if (result.diff !== null) out += withNewline(paintDiff(showControls(formatGoldenPatch(result.diff)), paint));
  for (const failure of result.expectFailures) {
    out += `  ${paint.red('expect failed')}: ${showControls(`${failure.node}: ${failure.field} expected ${failure.expected}, actual ${failure.actual}`)}\n`;
  }
  // An expect is fixed in the scenario or the model: accepting the trace never makes it pass.
  if (result.expectFailures.length > 0) out += `  fix the scenario or the model: a failed expect stays failed whatever the golden says\n`;
  if (hint?.actualPath) out += `  actual output: ${hint.actualPath}\n`;
  if (hint?.acceptCommand) out += `  to accept:     ${hint.acceptCommand}\n`;
  return out;
}

function summaryLine(report: RunReport, paint: Palette): string {
  const summary = summarize(report);
  const check = report.mode === 'check';
  const parts = [
    paint.green(`${summary.pass} ${check ? 'valid' : 'passed'}`),
    (summary.fail > 0 ? paint.red : (text: string) => text)(`${summary.fail} failed`),
  ];
  if (summary.new > 0) parts.push(paint.yellow(`${summary.new} new`));
  if (summary.invalid > 0) parts.push(paint.red(`${summary.invalid} invalid`));
  if (summary.error > 0) parts.push(paint.red(`${summary.error} internal error${summary.error === 1 ? '' : 's'}`));
  if (summary.obsolete > 0) parts.push(paint.red(`${summary.obsolete} obsolete golden${summary.obsolete === 1 ? '' : 's'}`));
  if (summary.written > 0) parts.push(`${summary.written} golden${summary.written === 1 ? '' : 's'} written`);
  return `${parts.join(', ')}\n`;
}

/** Renders a run for a person: `PASS id` lines, failures in detail, then what was written and a summary. */
export function formatText(report: RunReport, options: { color: boolean }): string {
  const paint = palette(options.color);
  let scenarios = '';
  for (const result of report.results) {
    scenarios += `${badge(result.status, paint)} ${showControls(result.id)}\n`;
    // A blank line closes each detailed block so the next scenario's line stands out.
    scenarios += result.status === 'pass' ? warnings(result, paint) : `${details(result, report, paint)}\n`;
  }
  for (const path of report.obsolete) {
    scenarios += `${paint.red('OBSOLETE'.padEnd(WIDTH))} ${showControls(path)} (no scenario for it; remove it or run --update-golden on the full corpus)\n`;
  }
  let writes = '';
  for (const written of report.written) {
    writes += `${written.change === 'removed' ? 'removed' : 'wrote  '} ${written.path} (${written.change === 'removed' ? 'obsolete' : written.change})\n`;
  }
  for (const refused of report.refused) writes += `${paint.yellow('not written')}: ${refused.reason}\n`;
  let closing = summaryLine(report, paint);
  if (report.acceptAllCommand !== null) {
    // Said outright, so the command is never read as the cure for a failed expect.
    const expects = report.results.some((result) => result.expectFailures.length > 0) ? ' (a failed expect stays failed)' : '';
    closing += `To update every golden above: ${report.acceptAllCommand}${expects}\n`;
  }
  // Blocks are separated by one blank line.
  return [scenarios, writes, closing]
    .filter((block) => block !== '')
    .map((block) => block.replace(/\n+$/, '\n'))
    .join('\n');
}
