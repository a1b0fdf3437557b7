/** The warnings of a result as text, shared by the text, JUnit, TAP and KTAP reporters. */
import { formatDiagnostics } from '../diagnostics/format-diagnostic.js';
import type { ScenarioResult } from '../model/result.js';

/**
 * The result's warning diagnostics, each with its source line and caret (SPEC section 6), or '' when it
 * has none. An invalid scenario's warnings are already part of its diagnostics text, so they are not
 * repeated here.
 */
export function warningsText(result: ScenarioResult): string {
  if (result.status === 'invalid') return '';
  const warnings = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
  return warnings.length === 0 ? '' : formatDiagnostics(warnings, result.source);
}

/** Each line of `text` behind `prefix` (TAP and KTAP `#` comments); '' stays ''. */
export function prefixLines(text: string, prefix: string): string {
  if (text === '') return '';
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return lines.map((line) => (line === '' ? prefix.trimEnd() : prefix + line)).join('\n') + '\n';
}
