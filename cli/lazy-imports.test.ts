import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('start-up imports');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every module reached from `entry` through static value imports (type-only imports and `await import()` excluded). */
function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) {
        const resolved = join(dirname(file), specifier).replace(/\.js$/, '');
        const candidates = [`${resolved}.ts`, `${resolved}.tsx`];
        const found = candidates.find((candidate) => {
          try {
            readFileSync(candidate);
            return true;
          } catch {
            return false;
          }
        });
        if (found === undefined) throw new Error(`cannot resolve ${specifier} from ${file}`);
        visit(found);
      } else packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files].map((file) => relative(root, file)), packages: [...packages] };
}

test('bin → main loads no Ink, React, TUI, YAML, ajv, jsdiff or engine before a command needs them', () => {
  const { files, packages } = staticGraph(join(root, 'cli/bin.ts'));
  assert.equal(
    packages.filter((name) => !name.startsWith('node:')),
    [],
  );
  assert.equal(
    // nearest-key.ts (did-you-mean for a mistyped option) is a leaf with no imports: it loads nothing else.
    files.filter((file) => /^cli\/tui\/|^src\/(engine|parse|validate|trace)\//.test(file) && file !== 'src/diagnostics/nearest-key.ts'),
    [],
  );
});

test('the tui command imports the TUI dynamically', () => {
  assert.match(readFileSync(join(root, 'cli/main.ts'), 'utf8'), /await import\('\.\/tui-command\.js'\)/);
  assert.match(readFileSync(join(root, 'cli/tui-command.ts'), 'utf8'), /await import\('\.\/tui\/run-tui\.js'\)/);
});

test.run();
