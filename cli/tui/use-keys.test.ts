import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Key } from 'ink';
import { KeyRegistry, splitKeys } from './use-keys.js';

const keys = suite('splitKeys and KeyRegistry');

const none = splitKeys('a', {} as Key)[0][1];

keys('plain characters read together become one key each; Enter, Tab and Backspace are recognised', () => {
  const split = splitKeys('jJ\r\t\u007F', { ...none });
  assert.equal(
    split.map(([input, key]) => [input, key.return, key.tab, key.delete, key.shift]),
    [
      ['j', false, false, false, false],
      ['J', false, false, false, true],
      ['', true, false, false, false],
      ['', false, true, false, false],
      ['', false, false, true, false],
    ],
  );
});

keys('a single key or a special key passes through as it is', () => {
  const down = { ...none, downArrow: true };
  assert.equal(splitKeys('', down), [['', down]]);
  assert.equal(splitKeys('q', none), [['q', none]]);
});

keys('the registry asks active handlers in order until one returns true, fixed when the key arrives', () => {
  const registry = new KeyRegistry();
  const seen: string[] = [];
  const late = { current: { handler: () => void seen.push('late'), isActive: false } };
  const first = {
    current: {
      handler: (input: string) => {
        seen.push(`first ${input}`);
        late.current.isActive = true; // made active by this key: hears only the next one
        return input === 'x';
      },
      isActive: true,
    },
  };
  const second = { current: { handler: (input: string) => void seen.push(`second ${input}`), isActive: true } };
  registry.add(first);
  registry.add(second);
  registry.add(late);
  registry.dispatch('a', none);
  registry.dispatch('x', none);
  registry.remove(second);
  registry.dispatch('b', none);
  assert.equal(seen, ['first a', 'second a', 'first x', 'first b', 'late']);
});

keys.run();
