/**
 * The JUnit XML reporter: one testcase per scenario, the diff in the failure body. The output keeps to
 * the Jenkins JUnit schema (junit-4.xsd, the one JUnit 5 and pytest's xunit2 validate against): only the
 * attributes it declares, children in its order.
 */
import type { ScenarioResult } from '../model/result.js';
import { failureBody, failureMessage } from './failure-text.js';
import { summarize, type RunReport } from './run-report.js';
import { warningsText } from './warnings-text.js';
import { xmlAttr, xmlText } from './xml-escape.js';

/** `cases` for `cases/case-1`, `a.b` for `a/b/c`; scenarios at the root are in class `scenarios`. */
function className(id: string): string {
  const cut = id.lastIndexOf('/');
  return cut < 0 ? 'scenarios' : id.slice(0, cut).replaceAll('/', '.');
}

/** The id without the folders `classname` already gives: `case-1` for `cases/case-1`. */
function caseName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** Seconds as JUnit writes them, to the millisecond; an unmeasured time is 0. */
function seconds(value: number | undefined): string {
  return (value ?? 0).toFixed(3);
}

function testcase(result: ScenarioResult, time: number | undefined): string {
  const open = `    <testcase classname="${xmlAttr(className(result.id))}" name="${xmlAttr(caseName(result.id))}" time="${seconds(time)}"`;
  let body = '';
  if (result.status !== 'pass') {
    const element = result.status === 'invalid' || result.status === 'error' ? 'error' : 'failure';
    const type = result.status === 'fail' ? (result.diff !== null ? 'mismatch' : 'expect') : result.status === 'new' ? 'missing-golden' : result.status;
    body += `      <${element} message="${xmlAttr(failureMessage(result))}" type="${type}">${xmlText(failureBody(result))}</${element}>\n`;
  }
  // Warnings go to the test's output, where CI servers show them beside a passing test too.
  const warnings = warningsText(result);
  if (warnings !== '') body += `      <system-out>${xmlText(warnings)}</system-out>\n`;
  return body === '' ? `${open}/>\n` : `${open}>\n${body}    </testcase>\n`;
}

/**
 * Renders a run as JUnit XML; obsolete golden files appear as failing testcases of class `obsolete`.
 * Times come from the report (measured by the CLI), so the XML is the same for the same report.
 */
export function formatJunit(report: RunReport): string {
  const summary = summarize(report);
  const tests = summary.total + summary.obsolete;
  const failures = summary.fail + summary.new + summary.obsolete;
  const errors = summary.invalid + summary.error;
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}"`;
  const time = `time="${seconds(report.timing?.total)}"`;
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="probe-run" ${counts} ${time}>\n`;
  out += `  <testsuite name="probe-run" ${counts} skipped="0" ${time}>\n`;
  for (const result of report.results) out += testcase(result, report.timing?.byId[result.id]);
  for (const path of report.obsolete) {
    out += `    <testcase classname="obsolete" name="${xmlAttr(path)}" time="${seconds(0)}">\n`;
    out += `      <failure message="${xmlAttr(`golden file ${path} has no scenario`)}" type="obsolete"/>\n`;
    out += '    </testcase>\n';
  }
  out += '  </testsuite>\n</testsuites>\n';
  return out;
}
