/**
 * Colours a unified diff for the terminal: headers bold, hunk headers cyan, removed lines red, added
 * lines green, and within a changed line the words that changed in reverse video (jsdiff's
 * `diffWordsWithSpace`), as git's diff-highlight does.
 */
import type { Palette } from './ansi.js';
import { highlightChange, type WordLine } from './highlight-words.js';

/** A run of removed lines and the run of added lines right after it. */
interface Change {
  removed: string[];
  added: string[];
}

/** One changed line in its colour, its changed words in reverse video. */
function paintLine(mark: '-' | '+', line: WordLine, paint: Palette): string {
  const text = mark + line.map((part) => (part.changed ? paint.inverse(part.text) : part.text)).join('');
  return mark === '-' ? paint.red(text) : paint.green(text);
}

/** A block of removed then added lines: with word highlights when highlightChange pairs them, else whole lines. */
function paintChange(change: Change, paint: Palette): string[] {
  const words = highlightChange(change.removed, change.added);
  if (words === null) return [...change.removed.map((line) => paint.red(`-${line}`)), ...change.added.map((line) => paint.green(`+${line}`))];
  return [...words.removed.map((line) => paintLine('-', line, paint)), ...words.added.map((line) => paintLine('+', line, paint))];
}

/** Colours a unified diff line by line, with word highlights when colour is on; without colour it is returned as is. */
export function paintDiff(diff: string, paint: Palette): string {
  if (!paint.enabled) return diff;
  const out: string[] = [];
  let change: Change | null = null;
  let inHunk = false;
  const flush = () => {
    if (change !== null) out.push(...paintChange(change, paint));
    change = null;
  };
  for (const line of diff.split('\n')) {
    if (!inHunk && (line.startsWith('---') || line.startsWith('+++'))) {
      out.push(paint.bold(line));
      continue;
    }
    if (line.startsWith('@@')) {
      flush();
      inHunk = true;
      out.push(paint.cyan(line));
    } else if (line.startsWith('-')) {
      // A removed line after added ones starts a new change.
      if (change !== null && change.added.length > 0) flush();
      change ??= { removed: [], added: [] };
      change.removed.push(line.slice(1));
    } else if (line.startsWith('+')) {
      change ??= { removed: [], added: [] };
      change.added.push(line.slice(1));
    } else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}
