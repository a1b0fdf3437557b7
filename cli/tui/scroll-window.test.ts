import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { clamp, positionLabel, windowTop } from './scroll-window.js';

const window = suite('windowTop');

window('moves the window only as far as needed to show the cursor', () => {
  assert.is(windowTop(0, 5, 10, 100), 0);
  assert.is(windowTop(0, 10, 10, 100), 1);
  assert.is(windowTop(20, 15, 10, 100), 15);
  assert.is(windowTop(20, 25, 10, 100), 20);
});

window('never leaves empty rows below the last line', () => {
  assert.is(windowTop(95, 99, 10, 100), 90);
  assert.is(windowTop(5, 3, 10, 4), 0);
});

window('clamp and positionLabel', () => {
  assert.is(clamp(5, 0, 3), 3);
  assert.is(clamp(-1, 0, 3), 0);
  assert.is(clamp(2, 0, -1), 0);
  assert.is(positionLabel(11, 240), '12/240');
  assert.is(positionLabel(0, 0), '0/0');
});

window.run();
