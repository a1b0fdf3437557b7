/** Small constructors for diagnostics, so every stage builds them the same way. */
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';
import type { SourceRange } from '../model/scenario.js';

/** An error-severity diagnostic; `range` is omitted when the problem has no place in the text. */
export function errorAt(code: DiagnosticCode, message: string, file: string, range?: SourceRange): Diagnostic {
  return range ? { code, severity: 'error', message, file, range } : { code, severity: 'error', message, file };
}

/** A warning: reported, but it does not make the scenario invalid. */
export function warningAt(code: DiagnosticCode, message: string, file: string, range?: SourceRange): Diagnostic {
  return range ? { code, severity: 'warning', message, file, range } : { code, severity: 'warning', message, file };
}
