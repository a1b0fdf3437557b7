/**
 * Colours a unified diff for the terminal: headers bold, hunk headers cyan, removed lines red, added
 * lines green, and within a changed line the words that changed in reverse video (jsdiff's
 * `diffWordsWithSpace`), as git's diff-highlight does.
 */
import { diffWordsWithSpace } from 'diff';
import type { Palette } from './ansi.js';

/** A run of removed lines and the run of added lines right after it. */
interface Change {
  removed: string[];
  added: string[];
}

/**
 * The two lines of a changed pair, their changed words in reverse video; null when the lines share no
 * word (then highlighting would only repaint the whole line).
 */
function highlightPair(removed: string, added: string, paint: Palette): [string, string] | null {
  const parts = diffWordsWithSpace(removed, added);
  if (!parts.some((part) => !part.added && !part.removed && part.value.trim() !== '')) return null;
  let left = '-';
  let right = '+';
  for (const part of parts) {
    if (part.removed) left += paint.inverse(part.value);
    else if (part.added) right += paint.inverse(part.value);
    else {
      left += part.value;
      right += part.value;
    }
  }
  return [paint.red(left), paint.green(right)];
}

/** A block of removed then added lines: paired line by line when both runs are as long (diff-highlight's rule), else whole lines. */
function paintChange(change: Change, paint: Palette): string[] {
  const whole = () => [...change.removed.map((line) => paint.red(`-${line}`)), ...change.added.map((line) => paint.green(`+${line}`))];
  if (change.removed.length !== change.added.length) return whole();
  const pairs = change.removed.map((line, index) => highlightPair(line, change.added[index], paint));
  if (pairs.some((pair) => pair === null)) return whole();
  const done = pairs as [string, string][];
  return [...done.map(([left]) => left), ...done.map(([, right]) => right)];
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
