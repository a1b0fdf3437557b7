/** The JSON reporter: SPEC section 4's shape, for other tools to read (documented in README "JSON report"). */
import { formatGoldenPatch } from '../golden/compare-golden.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { DeviceOutcome } from '../model/events.js';
import type { ScenarioResult } from '../model/result.js';
import { exitCodeOf } from './exit-code.js';
import { warningsOf } from '../trace/format-trace.js';
import { lineColumn } from '../diagnostics/line-column.js';
import { summarize, type RunReport } from './run-report.js';

/** The JSON report's format version. */
export const JSON_REPORT_VERSION = 1;

/** One device of `outcome.devices`: exactly the fields SPEC section 4 lists. */
export function deviceJson(device: DeviceOutcome) {
  return {
    name: device.name,
    state: device.state,
    driver: device.driver,
    dma: device.dma,
    iommus: device.iommus,
    attempts: device.attempts,
    bound_seq: device.bound_seq,
    bound_time: device.bound_time,
    error: device.error,
    waiting_for: device.waiting_for,
  };
}

/** A diagnostic with 1-based line and column (null when it has no place in the file). */
export function diagnosticJson(diagnostic: Diagnostic, source: string | null) {
  const start = diagnostic.range !== undefined && source !== null ? lineColumn(source, diagnostic.range.start) : null;
  const end = diagnostic.range !== undefined && source !== null ? lineColumn(source, diagnostic.range.end) : null;
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: diagnostic.file,
    line: start?.line ?? null,
    column: start?.column ?? null,
    end_line: end?.line ?? null,
    end_column: end?.column ?? null,
  };
}

/** One entry of `results`. */
export function resultJson(result: ScenarioResult) {
  return {
    id: result.id,
    file: result.file,
    status: result.status,
    diagnostics: result.diagnostics.map((diagnostic) => diagnosticJson(diagnostic, result.source)),
    outcome: result.run === null ? null : { devices: result.run.devices.map(deviceJson), warnings: warningsOf(result.run) },
    diff: result.diff === null ? null : formatGoldenPatch(result.diff),
    // Additions to SPEC section 4 (README "JSON report"): the golden compared with, and why an expect failed.
    golden: result.goldenPath,
    expect_failures: result.expectFailures.map((failure) => ({ node: failure.node, field: failure.field, expected: failure.expected, actual: failure.actual })),
  };
}

/** Renders a run as one JSON document (two-space indent, final newline). */
export function formatJson(report: RunReport): string {
  const counts = summarize(report);
  const document = {
    version: JSON_REPORT_VERSION,
    results: report.results.map(resultJson),
    summary: {
      total: counts.total,
      pass: counts.pass,
      fail: counts.fail,
      new: counts.new,
      invalid: counts.invalid,
      error: counts.error,
      obsolete: report.obsolete,
      written: report.written.map((write) => ({ path: write.path, change: write.change })),
      exit_code: exitCodeOf(report),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
