/** The `--json` form of `probe-run explain`: the same tree as data, for other tools. */
import { rootCausesOf, type Explanation } from './explain-device.js';

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

/**
 * One JSON document (two-space indent, final newline): `version`, `scenario`, `file`, `profile`,
 * `device`, `root_causes` (the leaves: `node`, `kind`, `rule`) and `explanation`, the tree itself
 * with `kind`, `node`, `state`, `rule`, `seqs`, `text`, `details` and `children` on every node.
 */
export function formatExplanationJson(tree: Explanation, run: ExplainedRun): string {
  const document = {
    version: EXPLAIN_JSON_VERSION,
    scenario: run.scenario,
    file: run.file,
    profile: run.profile,
    device: tree.node,
    root_causes: rootCausesOf(tree).map((leaf) => ({ node: leaf.node, kind: leaf.kind, rule: leaf.rule })),
    explanation: tree,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
