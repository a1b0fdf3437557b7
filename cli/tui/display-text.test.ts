import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { displayText, splitLines } from './display-text.js';

const text = suite('displayText');

text('tabs go to 8-column stops, control characters and escapes become visible', () => {
  assert.is(displayText('a\tb'), 'a       b');
  assert.is(displayText('\u001B[31mred'), '·[31mred');
  assert.is(displayText('crlf\r'), 'crlf');
});

text('splitLines drops only the empty line after a final newline', () => {
  assert.equal(splitLines('a\nb\n'), ['a', 'b']);
  assert.equal(splitLines('a\n\n'), ['a', '']);
  assert.equal(splitLines(''), []);
});

text.run();
