import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareGolden } from '../../src/golden/compare-golden.js';
import { diffRows as rowsOf } from './diff-rows.js';

/** The rows of the patch a run makes for golden → actual (null golden: no golden file). */
const diffRows = (golden: string | null, actual: string) => rowsOf(golden === null ? null : compareGolden(golden, actual, 'golden', 'actual'), actual, golden !== null);

const diff = suite('diffRows');

const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`);

diff('one hunk per change with three lines of context, hunk headers indexed', () => {
  const golden = `${lines(20).join('\n')}\n`;
  const actual = golden.replace('line 3\n', 'line three\n').replace('line 17\n', 'line seventeen\n');
  const view = diffRows(golden, actual);
  assert.equal(view.hunkStarts, [0, 8]);
  assert.is(view.added, 2);
  assert.is(view.removed, 2);
  assert.equal(view.rows.slice(0, 9).map(({ kind, text }) => ({ kind, text })), [
    { kind: 'hunk', text: '@@ -1,6 +1,6 @@' },
    { kind: 'context', text: ' line 1' },
    { kind: 'context', text: ' line 2' },
    { kind: 'remove', text: '-line 3' },
    { kind: 'add', text: '+line three' },
    { kind: 'context', text: ' line 4' },
    { kind: 'context', text: ' line 5' },
    { kind: 'context', text: ' line 6' },
    { kind: 'hunk', text: '@@ -14,7 +14,7 @@' },
  ]);
});

diff('identical texts give no rows', () => {
  assert.equal(diffRows('a\nb\n', 'a\nb\n'), { rows: [], hunkStarts: [], added: 0, removed: 0 });
});

diff('a missing golden diffs against the empty file: every line added', () => {
  const view = diffRows(null, 'a\nb\n');
  assert.equal(view.rows, [
    { kind: 'hunk', text: '@@ -0,0 +1,2 @@' },
    { kind: 'add', text: '+a', actualLine: 0 },
    { kind: 'add', text: '+b', actualLine: 1 },
  ]);
});

diff('a changed line paired with its counterpart carries its words, the changed ones marked (as the text reporter highlights them)', () => {
  const view = diffRows('x\nwords there\ny\n', 'x\nwords here\ny\n');
  const changed = view.rows.filter((row) => row.kind === 'add' || row.kind === 'remove');
  assert.equal(changed, [
    { kind: 'remove', text: '-words there', actualLine: 1, words: [{ text: 'words ', changed: false }, { text: 'there', changed: true }] },
    { kind: 'add', text: '+words here', actualLine: 1, words: [{ text: 'words ', changed: false }, { text: 'here', changed: true }] },
  ]);
});

diff('lines that share no word, or runs of different lengths, get no word marks', () => {
  const rows = (golden: string, actual: string) => diffRows(golden, actual).rows.filter((row) => row.words !== undefined);
  assert.equal(rows('a\nfoo\n', 'a\nbar\n'), []);
  assert.equal(rows('a\nfoo x\n', 'a\nfoo y\nfoo z\n'), []);
});

diff('a missing final newline is a note row, not a change', () => {
  const view = diffRows('a\nb', 'a\nc\n');
  assert.ok(view.rows.some((row) => row.kind === 'note' && row.text.startsWith('\\ No newline')));
  assert.is(view.added, 1);
  assert.is(view.removed, 1);
});

diff.run();
