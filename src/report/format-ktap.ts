/**
 * The KTAP reporter (Documentation/dev-tools/ktap.rst, version 1), the format kunit.py and kselftest
 * read: a test per scenario, nested in a suite per folder (its lines indented two spaces, opened by
 * its own version line and KUnit's `# Subtest:` header), diagnostics as `#` lines just before the
 * result line they explain, and KUnit's `# name: pass:… fail:… skip:… total:…` counts.
 */
import type { ScenarioResult } from '../model/result.js';
import { failureBody, failureMessage } from './failure-text.js';
import type { RunReport } from './run-report.js';
import { showControls } from './show-controls.js';
import { prefixLines, warningsText } from './warnings-text.js';

/** A folder of scenarios: its entries in the run's (sorted) order. */
interface Folder {
  kind: 'folder';
  name: string;
  entries: Entry[];
}

/** A scenario, named by the last part of its id. */
interface Leaf {
  kind: 'leaf';
  name: string;
  result: ScenarioResult;
}

type Entry = Folder | Leaf;

/** Pass, fail and skip counts below one entry. */
interface Counts {
  pass: number;
  fail: number;
  skip: number;
}

/** What one entry printed and how it came out. */
interface Rendered {
  text: string;
  counts: Counts;
}

const INDENT = '  ';

/** The folder tree of the results, folders and scenarios in the order the run met them. */
function tree(results: readonly ScenarioResult[]): Entry[] {
  const top: Entry[] = [];
  for (const result of results) {
    const parts = result.id.split('/');
    let entries = top;
    for (const part of parts.slice(0, -1)) {
      let folder = entries.find((entry): entry is Folder => entry.kind === 'folder' && entry.name === part);
      if (folder === undefined) {
        folder = { kind: 'folder', name: part, entries: [] };
        entries.push(folder);
      }
      entries = folder.entries;
    }
    entries.push({ kind: 'leaf', name: parts[parts.length - 1], result });
  }
  return top;
}

/** A test description: no `#` (it would start a directive) and no control characters. */
function description(name: string): string {
  return showControls(name).replaceAll('#', '_');
}

/** `#` diagnostic lines at `indent`. */
function diagnostics(text: string, indent: string): string {
  return prefixLines(showControls(text), `${indent}# `);
}

function totals(name: string, counts: Counts): string {
  return `# ${name}: pass:${counts.pass} fail:${counts.fail} skip:${counts.skip} total:${counts.pass + counts.fail + counts.skip}\n`;
}

function leaf(entry: Leaf, number: number, indent: string, written: ReadonlySet<string>): Rendered {
  const { result } = entry;
  const name = description(entry.name);
  let text = '';
  if (result.status !== 'pass') {
    text += diagnostics(`${failureMessage(result)}\n`, indent);
    text += diagnostics(failureBody(result), indent);
  }
  text += diagnostics(warningsText(result), indent);
  if (result.status === 'pass' && written.has(result.goldenPath)) {
    // Its golden was just written from this very output: nothing was compared.
    return { text: `${text}${indent}ok ${number} ${name} # SKIP golden written by --update-golden, nothing compared\n`, counts: { pass: 0, fail: 0, skip: 1 } };
  }
  if (result.status === 'pass') return { text: `${text}${indent}ok ${number} ${name}\n`, counts: { pass: 1, fail: 0, skip: 0 } };
  return { text: `${text}${indent}not ok ${number} ${name}\n`, counts: { pass: 0, fail: 1, skip: 0 } };
}

/** A folder as a nested test: version line, `# Subtest:`, plan and entries indented; counts and result line at the parent's level. */
function folder(entry: Folder, number: number, indent: string, written: ReadonlySet<string>): Rendered {
  const name = description(entry.name);
  const inner = indent + INDENT;
  const body = entries(entry.entries, inner, written);
  let text = `${inner}KTAP version 1\n${inner}# Subtest: ${name}\n${inner}1..${entry.entries.length}\n${body.text}`;
  text += indent + totals(name, body.counts);
  const { pass, fail, skip } = body.counts;
  // A suite fails when one of its tests fails, and is skipped only when all of them were.
  if (fail > 0) text += `${indent}not ok ${number} ${name}\n`;
  else if (skip > 0 && pass === 0) text += `${indent}ok ${number} ${name} # SKIP\n`;
  else text += `${indent}ok ${number} ${name}\n`;
  return { text, counts: body.counts };
}

function entries(list: readonly Entry[], indent: string, written: ReadonlySet<string>): Rendered {
  let text = '';
  const counts: Counts = { pass: 0, fail: 0, skip: 0 };
  list.forEach((entry, index) => {
    const rendered = entry.kind === 'folder' ? folder(entry, index + 1, indent, written) : leaf(entry, index + 1, indent, written);
    text += rendered.text;
    counts.pass += rendered.counts.pass;
    counts.fail += rendered.counts.fail;
    counts.skip += rendered.counts.skip;
  });
  return { text, counts };
}

/**
 * Renders a run as KTAP version 1. Obsolete golden files are failing tests after the folders. A
 * scenario whose golden `--update-golden` has just written is `ok … # SKIP`: nothing was compared.
 */
export function formatKtap(report: RunReport): string {
  const written = new Set(report.written.filter((write) => write.change !== 'removed').map((write) => write.path));
  const top = tree(report.results);
  let out = `KTAP version 1\n1..${top.length + report.obsolete.length}\n`;
  const body = entries(top, '', written);
  out += body.text;
  report.obsolete.forEach((path, index) => {
    out += diagnostics(`golden file ${path} has no scenario\n`, '');
    out += `not ok ${top.length + index + 1} ${description(`obsolete ${path}`)}\n`;
  });
  out += totals('Totals', { ...body.counts, fail: body.counts.fail + report.obsolete.length });
  return out;
}
