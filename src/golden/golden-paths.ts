/** Where a scenario's golden and actual files live (SPEC section 5): pure string arithmetic on `/` paths. */

/** The extension of an accepted trace. */
export const TRACE_EXT = '.trace';
/** The extension of an invalid scenario's accepted diagnostics. */
export const ERRORS_EXT = '.errors.txt';
/** The extension of scenario files. */
export const SCENARIO_EXT = '.yaml';

/** Joins `/` path segments, dropping empty and `.` segments (`.` alone when nothing is left). */
export function joinPath(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '' && segment !== '.');
  const absolute = parts[0]?.startsWith('/') ?? false;
  const joined = segments.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** The folder part of a `/` path (`.` for a bare name). */
export function dirnameOf(path: string): string {
  const cut = path.lastIndexOf('/');
  if (cut < 0) return '.';
  if (cut === 0) return '/';
  return path.slice(0, cut);
}

/** `golden/a/b` for scenario id `a/b` under golden root `golden`: add TRACE_EXT or ERRORS_EXT. */
export function goldenBaseOf(goldenRoot: string, id: string): string {
  return joinPath(goldenRoot, id);
}

/** The scratch folder for actual output, `.probe-run/actual` beside the scenario root. */
export function actualRootOf(scenarioRoot: string): string {
  return joinPath(dirnameOf(scenarioRoot), '.probe-run', 'actual');
}

/** The golden root beside a scenario root: `scenarios` → `golden`. */
export function defaultGoldenRootOf(scenarioRoot: string): string {
  return joinPath(dirnameOf(scenarioRoot), 'golden');
}

/**
 * The id a golden file stands for, given its path below the golden root (`a/b.trace` → `a/b`),
 * or null for a file that is not a golden file.
 */
export function goldenIdOf(relativePath: string): { id: string; ext: typeof TRACE_EXT | typeof ERRORS_EXT } | null {
  if (relativePath.endsWith(ERRORS_EXT)) return { id: relativePath.slice(0, -ERRORS_EXT.length), ext: ERRORS_EXT };
  if (relativePath.endsWith(TRACE_EXT)) return { id: relativePath.slice(0, -TRACE_EXT.length), ext: TRACE_EXT };
  return null;
}

/** The extension of a golden path (`.trace` or `.errors.txt`). */
export function goldenExtOf(goldenPath: string): string {
  return goldenPath.endsWith(ERRORS_EXT) ? ERRORS_EXT : TRACE_EXT;
}
