import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

// Tests may read files: every bundled scenario is checked for the editor modeline (SPEC section 1).
const root = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const schema = fileURLToPath(new URL('../../schema/scenario.schema.json', import.meta.url));
const Modeline = suite('scenario modeline');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []))
    .sort();
}

for (const file of walk(root)) {
  Modeline(`${relative(root, file)} points its editor at the schema by a relative path`, () => {
    const expected = `# yaml-language-server: $schema=${relative(join(file, '..'), schema).split('\\').join('/')}`;
    assert.is(readFileSync(file, 'utf8').split(/\r?\n/, 1)[0], expected);
  });
}

Modeline.run();
