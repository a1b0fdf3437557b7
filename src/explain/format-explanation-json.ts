/** The `--json` form of `probe-run explain`: the same tree as data, for other tools. */
import type { Explanation } from './explain-device.js';

/** The explain JSON document's format version. */
export const EXPLAIN_JSON_VERSION = 1;

/** Where an explanation comes from, printed beside it. */
export interface ExplainedRun {
  /** Scenario id (`boards/apple-t8103`). */
  scenario: string;
  /** The scenario file as the user named it. */
  file: string;
  /** The profile the run used (the scenario's own or `--profile`). */
  profile: string;
}

/** One node of the tree in the JSON form: the Explanation's fields, `children` as ids. */
export interface ExplanationRow extends Omit<Explanation, 'children'> {
  /** Position in `nodes`; the explained device is 0. */
  id: number;
  /** Ids of the nodes explained under this one, in order. */
  children: number[];
}

/** The nodes of a tree in pre-order (the order the text form prints them), with children as ids. */
export function explanationRows(tree: Explanation): ExplanationRow[] {
  const order: Explanation[] = [];
  const stack = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    order.push(node);
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]);
  }
  const ids = new Map(order.map((node, id) => [node, id]));
  return order.map((node, id) => {
    const { children, ...fields } = node;
    return { id, ...fields, children: children.map((child) => ids.get(child) as number) };
  });
}

/**
 * One JSON document (two-space indent, final newline): `version`, `scenario`, `file`, `profile`,
 * `device`, `root_causes` (the leaves: `id`, `node`, `kind`, `rule`) and `nodes`, the tree as a flat
 * list in pre-order, `nodes[0]` being the device asked about. The list is flat, children given by id,
 * so that a chain thousands of devices deep is neither quadratic in size nor too deeply nested for
 * JSON readers.
 */
export function formatExplanationJson(tree: Explanation, run: ExplainedRun): string {
  const nodes = explanationRows(tree);
  const document = {
    version: EXPLAIN_JSON_VERSION,
    scenario: run.scenario,
    file: run.file,
    profile: run.profile,
    device: tree.node,
    root_causes: nodes.filter((row) => row.children.length === 0).map((row) => ({ id: row.id, node: row.node, kind: row.kind, rule: row.rule })),
    nodes,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
