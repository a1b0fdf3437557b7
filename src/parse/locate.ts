/**
 * The one mapping from a JSON pointer (ajv's `instancePath`, or a path the loader builds) to a place
 * in the YAML source. Every diagnostic that points into a scenario gets its range here.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { SourceRange } from '../model/scenario.js';

/** Which part of a mapping entry to point at: its key (`iommu:`) or its value (`[smmu]`). */
export type LocatePart = 'key' | 'value';

/** One step of a path: a mapping key or a sequence index. */
export type PathSegment = string | number;

/**
 * The string a scalar mapping key becomes in plain JS data, as yaml's `toJS` makes it (null → "").
 * Null for collection keys, which scenarios do not use.
 */
export function keyString(key: unknown): string | null {
  if (!isScalar(key)) return null;
  const value = key.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return null;
  return String(value);
}

/** Splits an RFC 6901 JSON pointer (`/nodes/dpu/clocks/0`) into unescaped segments. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function rangeOf(node: Node | null | undefined): SourceRange | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { start: r[0], end: r[1] };
}

interface Step {
  key: Node | null;
  value: Node | null;
}

/** Each mapping's entries by key, built once: walking a path is then linear in its length, not in the map's size. */
const ENTRIES = new WeakMap<YAMLMap, Map<string, Step>>();

function entriesOf(map: YAMLMap): Map<string, Step> {
  let entries = ENTRIES.get(map);
  if (entries === undefined) {
    entries = new Map();
    // Later duplicates win, as in the JS data ajv saw.
    for (const pair of map.items) {
      const key = keyString(pair.key);
      if (key !== null) entries.set(key, { key: pair.key as Node, value: (pair.value as Node | null) ?? null });
    }
    ENTRIES.set(map, entries);
  }
  return entries;
}

/** Follows `segments` from the document root; null when some step does not exist. */
function walk(doc: Document, segments: readonly PathSegment[]): Step | null {
  let step: Step = { key: null, value: (doc.contents as Node | null) ?? null };
  for (const segment of segments) {
    let node: unknown = step.value;
    // Aliases met on the way are followed to their anchor; the last step keeps the alias itself.
    for (let hops = 0; isAlias(node) && hops < 100; hops++) node = node.resolve(doc);
    if (isMap(node)) {
      const found = entriesOf(node).get(String(segment));
      if (!found) return null;
      step = found;
    } else if (isSeq(node)) {
      const index = Number(segment);
      const item = Number.isInteger(index) ? node.items[index] : undefined;
      if (item === undefined) return null;
      step = { key: null, value: item as Node };
    } else {
      return null;
    }
  }
  return step;
}

function isEmpty(range: SourceRange | undefined): boolean {
  return !range || range.end <= range.start;
}

/**
 * The source range of the key or value at `segments`, or undefined when the path is not in the text.
 * A missing or empty value (`clocks:` with nothing after it) falls back to its key, and a sequence
 * item, which has no key, gives its value.
 */
export function locate(doc: Document, segments: readonly PathSegment[], part: LocatePart): SourceRange | undefined {
  const step = walk(doc, segments);
  if (!step) return undefined;
  const keyRange = rangeOf(step.key);
  const valueRange = rangeOf(step.value);
  if (part === 'key') return keyRange ?? (isEmpty(valueRange) ? undefined : valueRange);
  return isEmpty(valueRange) ? keyRange ?? valueRange : valueRange;
}

/**
 * Like `locate`, but never loses the place: when the path is not in the text (a value ajv saw
 * through an alias, say) it points at the nearest enclosing key or value that is.
 */
export function locateNearest(doc: Document, segments: readonly PathSegment[], part: LocatePart): SourceRange | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const range = locate(doc, segments.slice(0, n), n === segments.length ? part : 'key');
    if (range) return range;
  }
  return undefined;
}
