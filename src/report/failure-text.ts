/** Short, plain descriptions of why a result does not pass, shared by the JUnit and TAP reporters. */
import { formatGoldenPatch } from '../golden/compare-golden.js';
import type { ScenarioResult } from '../model/result.js';

/** One line per failed `expect`: `dpu: dma expected iommu, actual direct`. */
export function expectLines(result: ScenarioResult): string[] {
  return result.expectFailures.map((failure) => `${failure.node}: ${failure.field} expected ${failure.expected}, actual ${failure.actual}`);
}

/** A one-line reason: what a JUnit `message` attribute or a TAP `message` field says. */
export function failureMessage(result: ScenarioResult): string {
  switch (result.status) {
    case 'pass':
      return 'passed';
    case 'fail': {
      const parts: string[] = [];
      if (result.golden === null) parts.push(`no golden file ${result.goldenPath}`);
      if (result.diff !== null) parts.push(`output differs from ${result.goldenPath}`);
      if (result.expectFailures.length > 0) parts.push(`expect failed: ${expectLines(result).join('; ')}`);
      return parts.join('; ');
    }
    case 'new':
      return `no golden file ${result.goldenPath}`;
    case 'invalid': {
      const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
      return `invalid scenario: ${errors} error${errors === 1 ? '' : 's'}`;
    }
    case 'error':
      return 'internal error (a bug in probe-run)';
    default: {
      const never: never = result.status;
      return String(never);
    }
  }
}

/** The long form: the diff and expect failures, the diagnostics, or the new output. */
export function failureBody(result: ScenarioResult): string {
  const parts: string[] = [];
  if (result.diff !== null) parts.push(formatGoldenPatch(result.diff));
  if (result.expectFailures.length > 0) parts.push(expectLines(result).map((line) => `expect failed: ${line}\n`).join(''));
  // Output with nothing to compare it with is shown whole.
  if (result.status === 'invalid' || result.status === 'error' || result.golden === null) parts.push(result.actual);
  return parts.join('');
}
