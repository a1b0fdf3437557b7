/**
 * The library surface: what `src/index.ts` exports, and the example of README.md's "Using probe-run
 * as a library" run as a user would run it: `import … from 'probe-run'` resolved through package.json's
 * `exports` to the built dist/ (built by `npm test` before the suites run), and again against src/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as api from './index.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

const surface = suite('library surface');

surface('src/index.ts exports exactly the stable API (a change here is a change of the public API)', () => {
  assert.equal(Object.keys(api).sort(), [
    'DEFAULT_PROFILE',
    'DEFAULT_STEP_BOUND',
    'DIAGNOSTIC_CODES',
    'INITCALL_LEVELS',
    'KNOB_HELP',
    'PROFILES',
    'PROFILE_NAMES',
    'PROVIDER_KINDS',
    'REFERENCE_KINDS',
    'RULE_IDS',
    'SUPPLIER_KINDS',
    'TRACE_FORMAT_VERSION',
    'explainDevice',
    'formatDiagnostics',
    'formatExplanation',
    'formatExplanationJson',
    'formatTrace',
    'loadScenario',
    'resolveKnobs',
    'runEngine',
    'scenarioSchema',
  ]);
});

surface('the tables are the model tables: one profile row per name, one supplier row per reference kind', () => {
  assert.equal(Object.keys(api.PROFILES), [...api.PROFILE_NAMES]);
  assert.equal(Object.keys(api.SUPPLIER_KINDS), api.REFERENCE_KINDS);
});

const readme = suite('README library example');

/** The first `js` block of the README section and the block after it, the output it shows. */
function example(): { code: string; shown: string } {
  const text = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = text.indexOf('\n## Using probe-run as a library\n');
  const found = start < 0 ? null : /```js\n([\s\S]*?)```\n[\s\S]*?```\n([\s\S]*?)```/.exec(text.slice(start));
  assert.ok(found !== null, 'README has a library section with a js example followed by its output');
  return { code: found[1], shown: found[2] };
}

/** Runs the example as an ES module in a child process from the repository root (so `probe-run` names this package). */
function run(code: string, tsx: boolean): string {
  return execFileSync(process.execPath, [...(tsx ? ['--import', 'tsx'] : []), '--input-type=module', '-e', code], { cwd: REPO, encoding: 'utf8' });
}

readme('the example runs against the built package and prints what the README shows', () => {
  const { code, shown } = example();
  assert.ok(code.includes("from 'probe-run'"), 'the example imports the package by name');
  assert.fixture(run(code, false), shown);
});

readme('the example prints the same from src/ (dist/ is not stale)', () => {
  const { code, shown } = example();
  const fromSource = code.replace("from 'probe-run'", `from ${JSON.stringify(pathToFileURL(join(REPO, 'src', 'index.ts')).href)}`);
  assert.fixture(run(fromSource, true), shown);
});

surface.run();
readme.run();
