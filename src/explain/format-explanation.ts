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

/** Levels drawn in one block; a deeper subtree goes on in its own block below, so long chains stay readable and linear in size. */
const BLOCK_DEPTH = 16;

/** One line still to draw: a fact or a node, with its branch and the prefix of what hangs under it. */
interface Row {
  item: string | Explanation;
  first: string;
  rest: string;
  depth: number;
}

/**
 * Renders an explanation as an indented tree, one node's facts and then its suppliers under it;
 * ends with a newline. A chain deeper than BLOCK_DEPTH continues in numbered parts below the tree.
 */
export function formatExplanation(tree: Explanation): string {
  const lines: string[] = [];
  const blocks: Explanation[] = [tree];
  for (let block = 0; block < blocks.length; block++) {
    if (block > 0) lines.push('', `(${block}) continued:`);
    // An explicit stack, not recursion: explanations can be thousands of levels deep.
    const stack: Row[] = [{ item: blocks[block], first: '', rest: '', depth: 0 }];
    for (let row = stack.pop(); row !== undefined; row = stack.pop()) {
      const { item, first, rest, depth } = row;
      if (typeof item === 'string') {
        lines.push(first + item);
        continue;
      }
      if (depth > BLOCK_DEPTH) {
        blocks.push(item);
        lines.push(`${first}${item.node}: ${item.state} [${item.rule}] … continued in (${blocks.length - 1}) below`);
        continue;
      }
      lines.push(first + headline(item));
      const items: (string | Explanation)[] = [...item.details, ...item.children];
      for (let index = items.length - 1; index >= 0; index--) {
        const last = index === items.length - 1;
        stack.push({ item: items[index], first: rest + (last ? '└─ ' : '├─ '), rest: rest + (last ? '   ' : '│  '), depth: depth + 1 });
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
