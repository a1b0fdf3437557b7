/**
 * What `npm pack` ships: the built program (dist/src, dist/cli, the schema it imports), the schema,
 * README, LICENSE and package.json; never a test, a test helper, a fixture, the fuzzer, the bench or
 * the corpus. Reads `npm pack --dry-run --json --ignore-scripts` over the dist/ that `npm test` has
 * just built, and the build's own file list (`tsc -p tsconfig.build.json --listFilesOnly`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const REBUILD = 'remove dist/ and run `npm run build` (npm pack does this itself: prepack, prepare)';

/** Paths `npm pack` would put in the tarball, relative to the package root. */
function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return pack.files.map((file) => file.path).sort();
}

/** Source files of the product build (tsconfig.build.json), imports followed, relative to the repository. */
function buildSources(): string[] {
  const out = execFileSync(process.execPath, [TSC, '-p', 'tsconfig.build.json', '--listFilesOnly'], { cwd: REPO, encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => relative(REPO, line).split(sep).join('/'))
    .filter((path) => !/(^|\/)node_modules\//.test(path))
    .sort();
}

/** Test code and test data, wherever it sits. */
const TEST_CODE = /(^|\/)(test|tests|tools|bench|fixtures)\/|\.test\.|(^|\/)(test-support|test-helpers|report-fixtures|stub-stages|fake-io|screen-test)\.|(^|\/)fuzz[-.]/;

const pack = suite('npm pack');
const files = packedFiles();
const sources = buildSources();

pack('ships the built library, the binary, the schema and the docs', () => {
  for (const path of ['package.json', 'README.md', 'LICENSE', 'schema/scenario.schema.json', 'dist/schema/scenario.schema.json', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/cli/bin.js']) {
    assert.ok(files.includes(path), `${path} is not in the package; ${REBUILD}`);
  }
});

pack('ships no test, test helper, fixture, fuzzer, bench, tool, scenario or golden', () => {
  const shipped = files.filter((path) => TEST_CODE.test(path) || /^(test|tools|bench|scenarios|golden|oracle|src|cli)\//.test(path));
  assert.equal(shipped, [], `test code or data in the package; if these are left from an older build, ${REBUILD}`);
});

pack('ships the JavaScript and the declarations of every file of the build', () => {
  const expected = sources.filter((path) => /\.tsx?$/.test(path)).flatMap((path) => {
    const base = `dist/${path.replace(/\.tsx?$/, '')}`;
    return [`${base}.d.ts`, `${base}.js`];
  });
  const missing = expected.filter((path) => !files.includes(path));
  assert.equal(missing, [], `built files missing from the package; ${REBUILD}`);
});

pack('the product build compiles no test code: no source of tsconfig.build.json is a test, a helper or a tool', () => {
  assert.ok(sources.includes('src/index.ts') && sources.includes('cli/bin.ts'));
  assert.equal(sources.filter((path) => TEST_CODE.test(path) || !/^(src|cli|schema)\//.test(path)), []);
});

pack('package.json points at files that exist after the build', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { main: string; types: string; bin: Record<string, string>; exports: Record<string, string | Record<string, string>> };
  const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin), ...Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))];
  for (const target of targets) {
    const path = target.replace(/^\.\//, '');
    assert.ok(existsSync(join(REPO, path)), `${target} does not exist; ${REBUILD}`);
    assert.ok(files.includes(path), `${target} is not in the package`);
  }
});

pack.run();
