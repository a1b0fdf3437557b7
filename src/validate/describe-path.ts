/** Names places in a scenario the way its author thinks of them ("node \"dpu\"", "timeline entry 2"). */
import type { PathSegment } from '../parse/locate.js';

/** What the object at `path` is: `node "dpu"`, `driver "arm-smmu"`, `kernel`, `the scenario`… */
export function describeObject(path: readonly PathSegment[]): string {
  const n = path.length;
  if (n === 0) return 'the scenario';
  const last = String(path[n - 1]);
  const parent = n >= 2 ? String(path[n - 2]) : null;
  if (n === 1) return last;
  if ((n === 2 && parent === 'nodes') || (n > 2 && parent === 'children')) return `node "${last}"`;
  if (n === 2) {
    switch (parent) {
      case 'drivers':
        return `driver "${last}"`;
      case 'faults':
        return `faults of "${last}"`;
      case 'expect':
        return `expect of "${last}"`;
      case 'timeline':
        return `timeline entry ${Number(last) + 1}`;
    }
  }
  return `${describeValue(path)}`;
}

/** What the value at `path` is: `"clocks" in node "dpu"`, `entry 2 of "clocks" in node "dpu"`, `"profile" in kernel`. */
export function describeValue(path: readonly PathSegment[]): string {
  const n = path.length;
  if (n === 0) return 'the scenario';
  const last = path[n - 1];
  const parentPath = path.slice(0, -1);
  if (typeof last === 'number' || /^(0|[1-9][0-9]*)$/.test(String(last))) {
    if (n === 2 && path[0] === 'timeline') return `timeline entry ${Number(last) + 1}`;
    if (n >= 2) return `entry ${Number(last) + 1} of ${describeValue(parentPath)}`;
  }
  if (n === 1) return `"${String(last)}"`;
  if (n === 2 && (path[0] === 'nodes' || path[0] === 'drivers' || path[0] === 'faults' || path[0] === 'expect')) return describeObject(path);
  if (n > 2 && path[n - 2] === 'children') return describeObject(path);
  return `"${String(last)}" in ${describeObject(parentPath)}`;
}
