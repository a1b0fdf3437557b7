import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const here = new URL('./', import.meta.url);
const productFiles = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .sort();
const importsOf = (text: string): string[] => [...text.matchAll(/^(?:import|export)[^;]*? from '([^']+)';/gms)].map((match) => match[1]);

const imports = suite('src/fdt imports');

imports('the parser is pure: it imports only its own folder, no node: module, no test or tools code', () => {
  assert.ok(productFiles.includes('parse-fdt.ts'));
  for (const name of productFiles) {
    const text = readFileSync(new URL(name, here), 'utf8');
    for (const source of importsOf(text)) assert.ok(/^\.\/[a-z0-9-]+\.js$/.test(source), `${name} imports ${source}`);
    assert.not.match(text, /\bprocess\b|\bDate\b|Math\.random|require\(/, `${name} touches the outside world`);
  }
});

imports('the folder reader (cli) imports src/fdt but nothing from test/ or tools/', () => {
  const text = readFileSync(new URL('../../cli/read-device-tree-folder.ts', import.meta.url), 'utf8');
  const sources = importsOf(text);
  assert.ok(sources.includes('../src/fdt/device-tree-names.js'));
  for (const source of sources) assert.not.match(source, /(^|\/)(test|tools)\//, source);
});

imports.run();
