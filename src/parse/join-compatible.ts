/**
 * Device-tree style compatible lists in YAML flow sequences. In `compatible: [arm,mmu-500, arm,smmu-v2]`
 * YAML splits at every comma, giving four strings; a kernel developer means two, as the SPEC's own
 * example does. A comma with no space after it, between two plain scalars, is therefore read as part
 * of the compatible string. Quoted strings and block lists are left as YAML reads them.
 */
import { Scalar, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';

/** Rewrites the `compatible` flow sequences of `doc` in place, joining `a,b` items back together. */
export function joinCompatibleCommas(doc: Document, source: string): void {
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'compatible') return;
      const list = pair.value;
      if (!isSeq(list) || !list.flow) return;
      const items: unknown[] = [];
      for (const item of list.items) {
        const previous = items[items.length - 1];
        if (isPlain(previous) && isPlain(item) && source.slice(previous.range![1], item.range![0]) === ',') {
          const start = previous.range![0];
          const end = item.range![1];
          const joined = new Scalar(source.slice(start, end));
          joined.type = Scalar.PLAIN;
          joined.range = [start, end, end];
          items[items.length - 1] = joined;
        } else {
          items.push(item);
        }
      }
      list.items = items;
    },
  });
}

function isPlain(node: unknown): node is Scalar & { range: [number, number, number] } {
  return isScalar(node) && node.type === Scalar.PLAIN && Array.isArray((node as Node).range);
}
