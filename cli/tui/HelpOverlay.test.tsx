import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from 'ink-testing-library';
import { HelpOverlay } from './HelpOverlay.js';
import { KEY_HELP } from './key-help.js';
import { KEY, plain, press, renderKeyed, waitForText } from '../../test/support/screen-test.js';

const help = suite('HelpOverlay');
help.after.each(() => cleanup());

const everyBinding = KEY_HELP.flatMap((section) => section.keys.map(([keys, action]) => `${keys}`.padEnd(16) + `  ${action}`));

help('lists every key binding when the terminal is tall enough', async () => {
  const { lastFrame } = renderKeyed(<HelpOverlay width={100} height={40} active />);
  const frame = await waitForText(lastFrame, 'Keys (Esc, ? or q closes)');
  for (const binding of everyBinding) assert.ok(frame.includes(binding), binding);
  for (const section of KEY_HELP) assert.ok(frame.includes(section.title), section.title);
  assert.not.ok(frame.includes('j/k scroll'));
});

help('in a short terminal j/k scroll the list and the title says where', async () => {
  const { stdin, lastFrame } = renderKeyed(<HelpOverlay width={80} height={12} active />);
  let frame = await waitForText(lastFrame, 'Keys');
  assert.ok(frame.includes('j/k scroll 1-9/'));
  assert.is(frame.split('\n').length, 12);
  await press(stdin, KEY.end);
  frame = plain(lastFrame());
  assert.ok(frame.includes('Source: next / previous diagnostic'));
});

help('in a wide terminal the sections sit side by side', async () => {
  const { lastFrame } = renderKeyed(<HelpOverlay width={160} height={24} active />);
  const frame = await waitForText(lastFrame, 'Keys');
  const row = frame.split('\n').find((line) => line.includes('Everywhere'))!;
  assert.ok(row.includes('Scenario'), row);
  for (const binding of everyBinding) assert.ok(frame.includes(binding), binding);
});

help.run();
