/**
 * Which words changed within the changed lines of a diff: data for the text reporter's ANSI painter
 * and the TUI's Diff tab alike (jsdiff's `diffWordsWithSpace`, paired as git's diff-highlight pairs).
 */
import { diffWordsWithSpace } from 'diff';

/** A run of one line's text, and whether it is a changed word (or words). */
export interface WordPart {
  text: string;
  changed: boolean;
}

/** A changed line split into parts. */
export type WordLine = WordPart[];

/** The parts of a removed line and the added line paired with it; null when they share no word (highlighting would only mark the whole line). */
export function highlightPair(removed: string, added: string): [WordLine, WordLine] | null {
  const parts = diffWordsWithSpace(removed, added);
  if (!parts.some((part) => !part.added && !part.removed && part.value.trim() !== '')) return null;
  const left: WordLine = [];
  const right: WordLine = [];
  for (const part of parts) {
    if (part.removed) left.push({ text: part.value, changed: true });
    else if (part.added) right.push({ text: part.value, changed: true });
    else {
      left.push({ text: part.value, changed: false });
      right.push({ text: part.value, changed: false });
    }
  }
  return [left, right];
}

/**
 * A block of removed lines followed by added lines, with the changed words marked: paired line by
 * line when both runs are as long and every pair shares a word (diff-highlight's rule); null when
 * the block is to be shown as whole lines.
 */
export function highlightChange(removed: readonly string[], added: readonly string[]): { removed: WordLine[]; added: WordLine[] } | null {
  if (removed.length !== added.length || removed.length === 0) return null;
  const pairs = removed.map((line, index) => highlightPair(line, added[index]));
  if (pairs.some((pair) => pair === null)) return null;
  const done = pairs as [WordLine, WordLine][];
  return { removed: done.map(([left]) => left), added: done.map(([, right]) => right) };
}
