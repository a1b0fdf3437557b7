import { suite } from 'uvu';
import { compareGolden } from '../../src/golden/compare-golden.js';
import * as assert from 'uvu/assert';
import { createElement } from 'react';
import chalk from 'chalk';
import { cleanup } from 'ink-testing-library';
import { DiffPane } from './DiffPane.js';
import { renderKeyed, waitForText } from '../../test/support/screen-test.js';

const pane = suite('DiffPane');
const level = chalk.level;
pane.before.each(() => {
  // Colour on, whatever the test's own output is: the highlights are escape codes.
  chalk.level = 1;
});
pane.after.each(() => {
  chalk.level = level;
  cleanup();
});

const INVERSE = '\u001B[7m';

pane('within a changed line the changed words are in reverse video, the rest of the line is not', async () => {
  const element = createElement(DiffPane, {
    golden: 'a\nb\nwords there\nc\n',
    actual: 'a\nb\nwords here\nc\n',
    patch: compareGolden('a\nb\nwords there\nc\n', 'a\nb\nwords here\nc\n', 'golden/x.trace', 'actual'),
    goldenPath: 'golden/x.trace',
    expectFailures: [],
    active: true,
    visible: true,
    height: 12,
  });
  const { lastFrame } = renderKeyed(element);
  await waitForText(lastFrame, 'golden/x.trace → actual: +1 −1 in 1 hunk');
  const lines = (lastFrame() ?? '').split('\n');
  const removed = lines.find((line) => line.includes('-words'))!;
  const added = lines.find((line) => line.includes('+words'))!;
  assert.ok(removed.includes(`${INVERSE}there`), JSON.stringify(removed));
  assert.ok(added.includes(`${INVERSE}here`), JSON.stringify(added));
  assert.not.ok(removed.includes(`${INVERSE}words`), 'the unchanged word is not highlighted');
  const context = lines.find((line) => line.includes(' b'))!;
  assert.not.ok(context.includes(INVERSE), 'context lines have no highlight');
});

pane.run();
