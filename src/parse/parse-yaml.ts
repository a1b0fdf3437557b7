/** YAML text to a yaml `Document` with node ranges, plus the diagnostics of the YAML layer. */
import { isAlias, isCollection, isMap, isPair, isScalar, parseAllDocuments, visit, type Alias, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { errorAt } from '../diagnostics/make-diagnostic.js';
import { lineColumn } from '../diagnostics/line-column.js';
import { joinCompatibleCommas } from './join-compatible.js';
import { keyString } from './locate.js';

/** Scenarios are small; anything larger is refused before parsing. */
export const MAX_SOURCE_CHARS = 32_000_000;
/** Explicit tags that only restate what plain YAML means (`!!str 1`); any other tag is refused. */
const PLAIN_TAGS: ReadonlySet<string> = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((name) => `tag:yaml.org,2002:${name}`));
/** Deeper nesting is refused: real scenarios nest a handful of levels, parsers recurse. */
export const MAX_DEPTH = 200;
/** yaml's guard against alias expansion bombs ("billion laughs") when converting to JS. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  /** The first document, or null when the text holds none (empty file, only comments). */
  doc: Document.Parsed | null;
  diagnostics: Diagnostic[];
  /** True when the document cannot be trusted for further checks (syntax errors, too large). */
  fatal: boolean;
}

/**
 * The deepest nesting of flow brackets, counted crudely (quotes and comments not skipped, so it
 * only over-counts): yaml exhausts memory on tens of thousands of nested `[`, so this runs first.
 */
function flowDepthExceeds(source: string, limit: number): number | null {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return null;
}

/** Parses one scenario file's text; never throws. */
export function parseYaml(source: string, file: string): ParsedYaml {
  const diagnostics: Diagnostic[] = [];
  if (source.length > MAX_SOURCE_CHARS) {
    diagnostics.push(errorAt('too-large', `scenario is ${source.length} characters long; the limit is ${MAX_SOURCE_CHARS}`, file));
    return { doc: null, diagnostics, fatal: true };
  }
  const deep = flowDepthExceeds(source, MAX_DEPTH);
  if (deep !== null) {
    diagnostics.push(errorAt('too-large', `nesting deeper than ${MAX_DEPTH} levels`, file, { start: deep, end: deep + 1 }));
    return { doc: null, diagnostics, fatal: true };
  }

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error' }) as Document.Parsed[];
  } catch (e) {
    // yaml reports problems as values; reaching here means its own invariants broke on this input.
    diagnostics.push(errorAt('yaml-syntax', `YAML parser failed: ${e instanceof Error ? e.message : String(e)}`, file));
    return { doc: null, diagnostics, fatal: true };
  }
  if (docs.length === 0) return { doc: null, diagnostics, fatal: false };

  for (const extra of docs.slice(1)) {
    const start = extra.range[0];
    const end = source.startsWith('---', start) ? start + 3 : start;
    diagnostics.push(errorAt('unsupported-yaml', 'a scenario file holds one YAML document; remove this second one (or the "---" line)', file, { start, end }));
  }

  const doc = docs[0];
  // A key indented more than the one above it makes yaml read it as a second line of that key's
  // value: the place is the key's own line, and the errors yaml reports inside that value are its consequences.
  const multiline = doc.errors.filter((error) => error.code === 'MULTILINE_IMPLICIT_KEY' && source.slice(error.pos[0], error.pos[1]).includes('\n'));
  const consequence = (error: (typeof doc.errors)[number]) =>
    error.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.some((outer) => outer.pos[0] <= error.pos[0] && error.pos[0] < outer.pos[1]);
  // One error per line: after the first, yaml's later errors on a line are mostly its consequences.
  const lines = new Set<number>();
  for (const error of doc.errors) {
    if (consequence(error)) continue;
    // An error starting on a line that already has one follows from it (yaml reads on past the mistake).
    if (lines.has(lineColumn(source, error.pos[0]).line)) continue;
    const unclosed = unclosedFlow(source, error.code, error.message, error.pos[0]);
    const indented = unclosed === null ? misindentedKey(source, error.code, error.pos) : null;
    const start = unclosed?.start ?? indented?.start ?? error.pos[0];
    const end = unclosed?.end ?? indented?.end ?? Math.max(start, Math.min(error.pos[1], source.length));
    const line = lineColumn(source, start).line;
    if (lines.has(line)) continue;
    lines.add(line);
    if (error.code === 'RESOURCE_EXHAUSTION') {
      // yaml ran out of stack on deeply nested block collections: the input's size, not its syntax.
      diagnostics.push(errorAt('too-large', `nesting too deep to parse (scenarios nest a few levels; the limit is ${MAX_DEPTH})`, file, { start, end }));
      continue;
    }
    diagnostics.push(errorAt('yaml-syntax', unclosed?.message ?? indented?.message ?? syntaxMessage(error.code, error.message), file, { start, end }));
  }
  for (const warning of doc.warnings) {
    const [start, end] = warning.pos;
    const message =
      warning.code === 'TAG_RESOLVE_FAILED'
        ? `${warning.message.replace(/^Unresolved tag/, 'unknown YAML tag')}; scenarios use plain YAML values`
        : warning.message;
    diagnostics.push(errorAt('unsupported-yaml', message, file, { start, end }));
  }
  if (doc.errors.length > 0) return { doc, diagnostics, fatal: true };

  const structural = checkStructure(doc, source, file);
  if (!structural.fatal) joinCompatibleCommas(doc, source);
  diagnostics.push(...structural.diagnostics);
  const bomb = structural.fatal ? null : aliasBomb(doc);
  if (bomb !== null) {
    diagnostics.push(errorAt('too-large', 'aliases expand to too much data (more than the alias limit): this alias repeats an anchor that is itself made of aliases; write the values out', file, bomb));
    return { doc, diagnostics, fatal: true };
  }
  return { doc, diagnostics, fatal: structural.fatal };
}

/** The range of a node, or undefined. */
function rangeOf(node: Node | null | undefined): { start: number; end: number } | undefined {
  return node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

/**
 * Where an alias bomb is, when converting the document would exceed yaml's alias limit: the first
 * alias (in source order) whose anchor itself holds aliases, which is where the expansion
 * multiplies; else the first alias. Null when the document converts within the limit.
 */
function aliasBomb(doc: Document.Parsed): { start: number; end: number } | null {
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_key, node) => void aliases.push(node) });
  if (aliases.length === 0) return null;
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return null;
  } catch (error) {
    if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
  }
  const holdsAliases = (alias: Alias) => {
    let found = false;
    const target = alias.resolve(doc);
    if (target) visit(target, { Alias: () => ((found = true), visit.BREAK) });
    return found;
  };
  const first = aliases.find(holdsAliases) ?? aliases[0];
  return rangeOf(first) ?? { start: 0, end: 0 };
}

/**
 * A key on a line of its own that yaml rejects because of its indentation: the diagnostic goes on
 * the key (not on the spaces before it, nor on the line above), with what is wrong in words.
 */
function misindentedKey(source: string, code: string, pos: readonly [number, number]): { start: number; end: number; message: string } | null {
  const at = code === 'MULTILINE_IMPLICIT_KEY' ? source.lastIndexOf('\n', Math.max(pos[0], pos[1] - 1)) + 1 : pos[0];
  if (code !== 'BAD_INDENT' && code !== 'MULTILINE_IMPLICIT_KEY' && code !== 'BLOCK_AS_IMPLICIT_KEY') return null;
  if (code === 'MULTILINE_IMPLICIT_KEY' && at <= pos[0]) return null;
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = source.indexOf('\n', lineStart);
  const text = source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const item = /^([ ]*)- /.exec(text);
  if (item !== null && code !== 'MULTILINE_IMPLICIT_KEY' && at <= lineStart + item[1].length) {
    const start = lineStart + item[1].length;
    return { start, end: start + 1, message: 'this list item is not indented like the items above it; all items of one list start at the same column' };
  }
  const match = /^([ ]*)([^\s:#][^:\n]*?)(?=:(\s|$))/.exec(text);
  if (match === null || (code !== 'MULTILINE_IMPLICIT_KEY' && at > lineStart + match[1].length)) return null;
  const start = lineStart + match[1].length;
  const key = match[2];
  const message =
    code === 'MULTILINE_IMPLICIT_KEY'
      ? `"${key}" is indented more than the key above it, so YAML reads it as part of that key's value; indent it like the key above (or that key's value goes on its own lines)`
      : `"${key}" is not indented like the keys around it; all keys of one mapping start at the same column`;
  return { start, end: start + key.length, message };
}

/**
 * yaml notices an unclosed `[` or `{` only where the next line starts; the mistake is the bracket,
 * so find the nearest unmatched one before that place.
 */
function unclosedFlow(source: string, code: string, message: string, pos: number): { start: number; end: number; message: string } | null {
  const kind = /^Flow (sequence|map) .*end with an? ([\]}])/.exec(message);
  if (code !== 'BAD_INDENT' || !kind) return null;
  const open = kind[2] === ']' ? '[' : '{';
  const close = kind[2];
  let depth = 0;
  for (let i = Math.min(pos, source.length) - 1; i >= 0; i--) {
    const c = source[i];
    if (c === close) depth++;
    else if (c === open && depth-- === 0) {
      const what = open === '[' ? 'flow list' : 'flow mapping';
      return { start: i, end: i + 1, message: `this "${open}" is never closed: end the ${what} with "${close}" (continuation lines must be indented more than its key)` };
    }
  }
  return null;
}

/** yaml's messages are good; a few get the words a scenario author uses. */
function syntaxMessage(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed as indentation in YAML; indent with spaces';
    default:
      return message.charAt(0).toLowerCase() + message.slice(1);
  }
}

/**
 * Walks the node tree (iteratively: depth is not trusted yet): nesting depth, duplicate keys (yaml
 * is told not to check them so both places can be named) and keys that are not plain scalars.
 */
function checkStructure(doc: Document.Parsed, source: string, file: string): { diagnostics: Diagnostic[]; fatal: boolean } {
  const diagnostics: Diagnostic[] = [];
  let fatal = false;
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const tag = (node as Node | null)?.tag;
    // Unknown tags already have yaml's warning; known non-plain ones (!!set, !!binary, !!omap, !!timestamp) would load as other JS types.
    if (tag !== undefined && tag.startsWith('tag:yaml.org,2002:') && !PLAIN_TAGS.has(tag)) {
      const r = (node as Node).range;
      diagnostics.push(errorAt('unsupported-yaml', `YAML tag !!${tag.slice('tag:yaml.org,2002:'.length)} is not supported; scenarios use plain YAML values`, file, r ? { start: r[0], end: r[1] } : undefined));
      fatal = true;
    }
    if (!isCollection(node)) continue;
    if (depth > MAX_DEPTH) {
      const r = (node as Node).range;
      diagnostics.push(errorAt('too-large', `nesting deeper than ${MAX_DEPTH} levels`, file, r ? { start: r[0], end: r[0] + 1 } : undefined));
      return { diagnostics, fatal: true };
    }
    if (isMap(node)) {
      const first = new Map<string, Node>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const name = keyString(key);
        if (name === null) {
          const r = key?.range;
          diagnostics.push(errorAt('unsupported-yaml', 'mapping keys must be plain names, not lists or maps', file, r ? { start: r[0], end: r[1] } : undefined));
          // Such a key has no JS name to validate against; checking further would only add noise.
          fatal = true;
        } else if (first.has(name)) {
          const earlier = first.get(name)!.range;
          const where = earlier ? ` (first defined at line ${lineColumn(source, earlier[0]).line})` : '';
          const r = key!.range;
          diagnostics.push(errorAt('duplicate-key', `duplicate key "${name}"${where}`, file, r ? { start: r[0], end: r[1] } : undefined));
        } else if (key) {
          first.set(name, key);
        }
        if (key !== null && isScalar(key)) stack.push({ node: key, depth: depth + 1 });
        if (isPair(pair) && !isAlias(pair.value)) stack.push({ node: pair.value, depth: depth + 1 });
      }
    } else {
      for (const item of node.items) if (!isAlias(item)) stack.push({ node: item, depth: depth + 1 });
    }
  }
  // The stack visits in reverse; callers sort by position.
  return { diagnostics, fatal };
}
