/** The TAP 13 reporter: a test point per scenario, with a YAML block for the ones that do not pass. */
import type { ScenarioResult } from '../model/result.js';
import { failureBody, failureMessage } from './failure-text.js';
import { summarize, type RunReport } from './run-report.js';
import { showControls } from './show-controls.js';
import { prefixLines, warningsText } from './warnings-text.js';

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function quoted(text: string): string {
  return JSON.stringify(text);
}

/** A literal block scalar at `indent` spaces; the explicit indentation indicator lets lines start with spaces. */
function block(text: string, indent: number): string {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return `|2${text.endsWith('\n') ? '' : '-'}\n${lines.map((line) => (line === '' ? '' : ' '.repeat(indent) + line)).join('\n')}\n`;
}

/** TAP descriptions may not contain `#` unescaped (it starts a directive). */
function description(id: string): string {
  return id.replaceAll('\\', '\\\\').replaceAll('#', '\\#');
}

function yamlBlock(result: ScenarioResult): string {
  let out = '  ---\n';
  out += `  message: ${quoted(failureMessage(result))}\n`;
  out += `  status: ${result.status}\n`;
  out += `  file: ${quoted(result.file)}\n`;
  out += `  golden: ${quoted(result.goldenPath)}\n`;
  const body = failureBody(result);
  if (body !== '') out += `  details: ${block(body, 4)}`;
  out += '  ...\n';
  return out;
}

/** Renders a run as TAP version 13; obsolete golden files are failing test points after the scenarios. */
export function formatTap(report: RunReport): string {
  const summary = summarize(report);
  let out = 'TAP version 13\n';
  out += `1..${report.results.length + report.obsolete.length}\n`;
  let number = 0;
  for (const result of report.results) {
    number += 1;
    if (result.status === 'pass') out += `ok ${number} - ${description(result.id)}\n`;
    else out += `not ok ${number} - ${description(result.id)}\n${yamlBlock(result)}`;
    // Warnings as comments after the test point, so a passing scenario's warnings are seen too.
    out += prefixLines(showControls(warningsText(result)), '# ');
  }
  for (const path of report.obsolete) {
    number += 1;
    out += `not ok ${number} - ${description(`obsolete golden ${path}`)}\n  ---\n  message: ${quoted(`golden file ${path} has no scenario`)}\n  ...\n`;
  }
  out += `# pass ${summary.pass}\n# fail ${summary.fail + summary.new + summary.invalid + summary.error + summary.obsolete}\n`;
  return out;
}
