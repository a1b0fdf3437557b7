/** The checks of SPEC section 1 that JSON Schema cannot express: labels, providers, drivers, timeline. */
import type { Diagnostic } from '../model/diagnostic.js';
import { type NodeSpec, type Reference, type Scenario, type SourceRange, type TimelineEntry } from '../model/scenario.js';
import { targetOf } from '../model/supplier-kinds.js';
import { errorAt, warningAt } from '../diagnostics/make-diagnostic.js';
import { lineColumn } from '../diagnostics/line-column.js';
import type { LocatePart, PathSegment } from '../parse/locate.js';
import { nearestKey } from '../diagnostics/nearest-key.js';

/** What the semantic checks need besides the scenario: where things are, and what was already reported. */
export interface SemanticContext {
  file: string;
  /** The scenario's text, to point inside a reference (`cmu` in `"cmu 4"`) and name lines. */
  source: string;
  /** The source range of the key or value at a document path. */
  locate: (path: PathSegment[], part: LocatePart) => SourceRange | undefined;
  /** Source ranges of each node's `probe-waits-for` entries, aligned with `probeWaitsFor`. */
  waitRanges?: Map<NodeSpec, (SourceRange | undefined)[]>;
  /** Source range of each timeline entry's target (`arm-smmu` in `modprobe: arm-smmu`). */
  timelineTargets?: Map<TimelineEntry, SourceRange | undefined>;
  /** Where each node sits in the document (`['nodes', 'dpu', 'children', 'dsi0']`). */
  nodePaths?: Map<NodeSpec, PathSegment[]>;
  /**
   * True when the schema already reported a problem at this path (or, unless `exact`, below it):
   * checks built on a value already reported are skipped.
   */
  invalidAt?: (path: PathSegment[], exact?: boolean) => boolean;
}

/** Runs every semantic check (K0) on a scenario as built; returns diagnostics in no particular order. */
export function checkSemantics(scenario: Scenario, context: SemanticContext): Diagnostic[] {
  const { file, source, locate } = context;
  const invalidAt = context.invalidAt ?? (() => false);
  const diagnostics: Diagnostic[] = [];
  const error = (code: Diagnostic['code'], message: string, range: SourceRange | undefined) => diagnostics.push(errorAt(code, message, file, range));

  const byLabel = new Map<string, NodeSpec>();
  for (const node of scenario.nodes) {
    const first = byLabel.get(node.label);
    if (first) {
      const line = first.range ? ` at line ${lineColumn(source, first.range.start).line}` : '';
      error('duplicate-label', `duplicate label "${node.label}": already used by the node${line}; labels are unique across the whole tree`, node.range);
    } else {
      byLabel.set(node.label, node);
    }
  }
  const labels = [...byLabel.keys()];
  const didYouMean = (name: string, candidates: string[]) => {
    const suggestion = nearestKey(name, candidates);
    return suggestion ? `; did you mean "${suggestion}"?` : '';
  };
  /** A near typo among the labels a reference may point at, else those labels (`kind` names them: "clock providers"). */
  const nearOrListed = (name: string, candidates: string[], kind: string) => {
    const near = didYouMean(name, candidates);
    if (near !== '' || candidates.length === 0) return near || `; there are no ${kind}`;
    const shown = candidates.slice(0, 12).map((label) => `"${label}"`).join(', ');
    return `; the ${kind} are ${shown}${candidates.length > 12 ? `, and ${candidates.length - 12} more` : ''}`;
  };
  const byDriver = new Map(scenario.drivers.map((d) => [d.name, d]));
  const driverNames = [...byDriver.keys()];

  for (const node of scenario.nodes) {
    for (const ref of node.references) checkReference(node, ref);
    node.probeWaitsFor.forEach((label, i) => {
      if (!byLabel.has(label)) {
        error('unknown-label', `unknown label "${label}" in probe-waits-for of node "${node.label}"${nearOrListed(label, labels, 'node labels')}`, context.waitRanges?.get(node)?.[i]);
      }
    });
  }

  function checkReference(node: NodeSpec, ref: Reference): void {
    const target = byLabel.get(ref.label);
    const labelRange = ref.range ? subRange(source, ref.range, ref.label) : undefined;
    if (!target) {
      // Suggest only labels this kind may point at: a near typo of a node that is no provider would fail next.
      const wanted = targetOf(ref.kind);
      const [candidates, kind] =
        wanted.cells === 'declared'
          ? [labels.filter((label) => byLabel.get(label)!.cells[wanted.provider] !== undefined), `${wanted.provider} providers (nodes with ${wanted.provider}-cells)`]
          : [labels, 'node labels'];
      error('unknown-label', `unknown label "${ref.label}" in ${ref.kind} of node "${node.label}"${nearOrListed(ref.label, candidates, kind)}`, labelRange);
      return;
    }
    const given = `${ref.args.length} argument${ref.args.length === 1 ? '' : 's'}`;
    // The supplier table says what a kind may point at: a provider declaring <provider>-cells, or any node.
    const rule = targetOf(ref.kind);
    switch (rule.cells) {
      case 'declared': {
        const { provider } = rule;
        const cells = target.cells[provider];
        if (cells === undefined) {
          error('not-a-provider', `"${ref.label}" is not a ${provider} provider (it has no ${provider}-cells), so ${ref.kind} of node "${node.label}" cannot point at it`, labelRange);
          return;
        }
        if (Number.isNaN(cells) || ref.args.length === cells) return;
        error('wrong-arg-count', `${ref.kind} entry "${sourceText(source, ref.range) ?? ref.label}" of node "${node.label}" has ${given}, but ${ref.label} has ${provider}-cells: ${cells}`, ref.range);
        return;
      }
      case 'none':
        // The binding has no cells property (drivers/of/property.c: NULL cells): a bare label.
        if (ref.args.length === 0) return;
        error('wrong-arg-count', `${ref.kind} entry "${sourceText(source, ref.range) ?? ref.label}" of node "${node.label}" has ${given}, but ${ref.kind} takes a bare label (the binding has no cells)`, ref.range);
        return;
      default: {
        const never: never = rule;
        throw new Error(`probe-run bug: unknown reference target ${String(never)}`);
      }
    }
  }

  // A driver that matches nothing is probably a typo in a compatible string; only a warning (K0).
  const compatiblesKnown =
    !invalidAt(['nodes'], true) &&
    scenario.nodes.every((n) => {
      const path = context.nodePaths?.get(n);
      return !path || (!invalidAt(path, true) && !invalidAt([...path, 'compatible']));
    });
  if (compatiblesKnown) {
    const compatibles = new Set(scenario.nodes.flatMap((n) => n.compatible));
    for (const driver of scenario.drivers) {
      if (invalidAt(['drivers', driver.name], true) || invalidAt(['drivers', driver.name, 'compatible']) || driver.compatible.some((c) => compatibles.has(c))) continue;
      const list = driver.compatible.map((c) => `"${c}"`).join(', ');
      diagnostics.push(warningAt('unmatched-driver', `driver "${driver.name}" matches no node: no node is compatible with ${list}`, file, driver.range));
    }
  }

  for (const label of Object.keys(scenario.faults)) {
    if (!byLabel.has(label)) error('unknown-node', `faults name unknown node "${label}"${didYouMean(label, labels)}`, locate(['faults', label], 'key'));
  }
  for (const [label, expectation] of Object.entries(scenario.expect)) {
    if (!byLabel.has(label)) error('unknown-node', `expect names unknown node "${label}"${didYouMean(label, labels)}`, locate(['expect', label], 'key'));
    if (expectation.driver !== undefined && !byDriver.has(expectation.driver)) {
      error('unknown-driver', `expect of "${label}" names unknown driver "${expectation.driver}"${didYouMean(expectation.driver, driverNames)}`, locate(['expect', label, 'driver'], 'value'));
    }
  }

  for (const entry of scenario.timeline) {
    const targetRange = context.timelineTargets?.get(entry) ?? entry.range;
    const what = `${entry.action} ${entry.target}`;
    if (entry.action === 'modprobe') {
      const driver = byDriver.get(entry.target);
      if (!driver) {
        error('unknown-driver', `${what}: no driver "${entry.target}" in drivers${didYouMean(entry.target, driverNames)}`, targetRange);
      } else if (driver.build === 'builtin' && !invalidAt(['drivers', driver.name, 'build'])) {
        error('not-a-module', `${what}: driver "${driver.name}" is built in, not a module; give it build: module to load it from the timeline`, targetRange);
      }
      continue;
    }
    const node = byLabel.get(entry.target);
    if (!node) {
      error('unknown-node', `${what}: no node "${entry.target}"${didYouMean(entry.target, labels)}`, targetRange);
    } else if (entry.action === 'add' && !node.hotplug) {
      error('not-hotplug', `${what}: node "${node.label}" is created at boot; give it hotplug: true to add it from the timeline`, targetRange);
    }
  }

  return diagnostics;
}

/** The range of `word` inside the text at `range` (the label of a reference), or the whole range. */
function subRange(source: string, range: SourceRange, word: string): SourceRange {
  const index = source.slice(range.start, range.end).indexOf(word);
  return index < 0 ? range : { start: range.start + index, end: range.start + index + word.length };
}

function sourceText(source: string, range: SourceRange | undefined): string | null {
  if (!range) return null;
  return source.slice(range.start, range.end).replace(/^["']|["']$/g, '');
}
