/** The scenario list's rows: results grouped by folder, filtered, optionally failures first. */
import type { ScenarioResult, ScenarioStatus } from '../../src/model/result.js';

/** One displayed row: a folder heading, a section divider, or a scenario. */
export type ListRow =
  | { kind: 'folder'; folder: string }
  | { kind: 'divider'; text: string }
  | { kind: 'scenario'; result: ScenarioResult; name: string }
  | { kind: 'obsolete'; path: string };

/** Statuses in the order failures-first shows them; all but `pass` need attention. */
export const STATUS_ORDER: readonly ScenarioStatus[] = ['error', 'invalid', 'fail', 'new', 'pass'];

/** The folder part of an id (`iommu` for `iommu/case-3b`), `.` for a scenario at the root. */
export function folderOf(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash === -1 ? '.' : id.slice(0, slash);
}

/** Whether a text matches the filter: every space-separated word of the filter is in it. */
function matches(text: string, filter: string): boolean {
  const haystack = text.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}

/** Whether a result matches the filter text: every space-separated word is in its id or its status. */
export function matchesFilter(result: ScenarioResult, filter: string): boolean {
  return matches(`${result.id} ${result.status}`, filter);
}

/** Counts of each status. */
export function statusCounts(results: readonly ScenarioResult[]): Record<ScenarioStatus, number> {
  const counts: Record<ScenarioStatus, number> = { pass: 0, fail: 0, new: 0, invalid: 0, error: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/** The list's order: by folder, then by id. */
export function byPlace(a: ScenarioResult, b: ScenarioResult): number {
  const folderA = folderOf(a.id);
  const folderB = folderOf(b.id);
  if (folderA !== folderB) return folderA < folderB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Rows for the list: sorted by folder then id (the order scenarios run in); with `failuresFirst`,
 * every scenario that is not passing comes first, still grouped by folder, then a divider and the
 * passing ones. Obsolete golden files (no scenario any more) come last under their own divider.
 */
export function listRows(results: readonly ScenarioResult[], filter: string, failuresFirst: boolean, obsolete: readonly string[] = []): ListRow[] {
  const shown = results.filter((result) => matchesFilter(result, filter));
  const sections = failuresFirst
    ? [shown.filter((result) => result.status !== 'pass'), shown.filter((result) => result.status === 'pass')]
    : [shown];
  const rows: ListRow[] = [];
  sections.forEach((section, index) => {
    if (index === 1 && section.length > 0 && sections[0].length > 0) rows.push({ kind: 'divider', text: 'passing' });
    let folder: string | null = null;
    for (const result of [...section].sort(byPlace)) {
      const here = folderOf(result.id);
      if (here !== folder) {
        rows.push({ kind: 'folder', folder: here });
        folder = here;
      }
      rows.push({ kind: 'scenario', result, name: here === '.' ? result.id : result.id.slice(here.length + 1) });
    }
  });
  const stale = obsolete.filter((path) => matches(`${path} obsolete`, filter));
  if (stale.length > 0) {
    rows.push({ kind: 'divider', text: 'obsolete golden files (no scenario; d removes one, as --update-golden would)' });
    for (const path of stale) rows.push({ kind: 'obsolete', path });
  }
  return rows;
}
