/** The text form of `probe-run explain`: the explanation tree with ├─ └─ branches, rule tags and #seq references. */
import type { Explanation, ExplanationKind } from './explain-device.js';

/** What a leaf of each kind means, printed after it. */
const LEAF_LABEL: Record<ExplanationKind, string> = {
  bound: 'nothing to explain',
  early: 'nothing to explain',
  'driver-absent': 'root cause: no driver',
  'module-not-loaded': 'root cause: module never loaded',
  fault: 'root cause: injected fault',
  timeout: 'root cause: gave up waiting',
  disabled: 'root cause: node disabled',
  'not-created': 'root cause: device never created',
  unbound: 'root cause: unbound by the timeline',
  cycle: 'root cause: dependency cycle',
  livelock: 'root cause: run stopped at the step bound',
  // Never a leaf when built by explainDevice; said plainly if a hand-made tree has one.
  depends: 'unexplained',
};

/** One node's first line: `mixer0: bound [K5.5] — gave up waiting … ← root cause: …`. */
function headline(node: Explanation): string {
  const leaf = node.children.length === 0 ? `  ← ${LEAF_LABEL[node.kind]}` : '';
  return `${node.node}: ${node.state} [${node.rule}] — ${node.text}${leaf}`;
}

function render(node: Explanation, first: string, rest: string, lines: string[]): void {
  lines.push(first + headline(node));
  const items: (string | Explanation)[] = [...node.details, ...node.children];
  items.forEach((item, index) => {
    const last = index === items.length - 1;
    const branch = rest + (last ? '└─ ' : '├─ ');
    if (typeof item === 'string') lines.push(branch + item);
    else render(item, branch, rest + (last ? '   ' : '│  '), lines);
  });
}

/** Renders an explanation as an indented tree, one node's facts and then its suppliers under it; ends with a newline. */
export function formatExplanation(tree: Explanation): string {
  const lines: string[] = [];
  render(tree, '', '', lines);
  return `${lines.join('\n')}\n`;
}
