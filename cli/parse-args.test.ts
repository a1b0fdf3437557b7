import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCliArgs } from './parse-args.js';

const test = suite('parseCliArgs');

const ok = (argv: string[]) => {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.options;
};
const error = (argv: string[]) => {
  const parsed = parseCliArgs(argv);
  if (parsed.ok) throw new Error(`accepted ${argv.join(' ')}`);
  return parsed.message;
};

test('defaults: run, no paths, text reporter, auto colour', () => {
  assert.equal(ok([]), { command: 'run', paths: [], filters: [], profile: undefined, goldenDir: undefined, reporter: 'text', updateGolden: false, force: false, color: 'auto', stepBound: undefined });
});

test('every option', () => {
  const options = ok(['a', '--filter', 'x', '--filter=y*', '--profile', 'v4.12', '--golden-dir', 'g', '--reporter', 'tap', '--update-golden', '--force', '--color', 'always', '--step-bound', '500', 'b']);
  assert.equal(options, { command: 'run', paths: ['a', 'b'], filters: ['x', 'y*'], profile: 'v4.12', goldenDir: 'g', reporter: 'tap', updateGolden: true, force: true, color: 'always', stepBound: 500 });
});

test('subcommands are the first word', () => {
  assert.is(ok(['check', 'x']).command, 'check');
  assert.equal(ok(['check', 'x']).paths, ['x']);
  assert.is(ok(['schema']).command, 'schema');
  assert.is(ok(['tui', '--force']).command, 'tui');
  assert.is(ok(['scenarios', 'check']).command, 'run');
  assert.is(ok(['-h']).command, 'help');
  assert.is(ok(['--version']).command, 'version');
});

test('--no-color is --color never', () => {
  assert.is(ok(['--no-color']).color, 'never');
  assert.match(error(['--no-color', '--color', 'always']), /contradicts/);
});

test('bad values and misplaced options are usage errors naming the option', () => {
  assert.match(error(['--reporter', 'html']), /--reporter must be one of text, json, junit, tap, ktap \(got 'html'\)/);
  assert.match(error(['--profile', 'v5']), /--profile must be one of v3\.19, .*v6\.15 \(got 'v5'\)/);
  assert.match(error(['--step-bound', '-3']), /--step-bound|argument/);
  assert.match(error(['--step-bound', '1e3']), /--step-bound must be a positive whole number/);
  assert.match(error(['--step-bound', '99999999999999999999']), /--step-bound/);
  assert.match(error(['--wat']), /--wat/);
  assert.match(error(['check', '--profile', 'v6.8']), /--profile cannot be used with 'probe-run check'/);
  assert.match(error(['tui', '--reporter', 'json']), /--reporter cannot be used with 'probe-run tui'/);
  assert.match(error(['schema', 'extra']), /takes no paths/);
  assert.match(error(['--force']), /--force only goes with --update-golden/);
  assert.match(error(['--filter', '']), /--filter needs/);
  assert.match(error(['--update-golden', '--profile', 'v3.19']), /--golden-dir/);
});

test('oracle takes --kernel and --record; neither goes elsewhere', () => {
  const parsed = ok(['oracle', 'scenarios/iommu', '--kernel', '6.1', '--record']);
  assert.is(parsed.command, 'oracle');
  assert.is(parsed.kernel, '6.1');
  assert.is(parsed.record, true);
  assert.equal(parsed.paths, ['scenarios/iommu']);
  assert.is(ok(['oracle']).record, undefined);
  assert.match(error(['--record']), /--record only goes with 'probe-run oracle'/);
  assert.match(error(['check', '--kernel', '6.1']), /--kernel only goes with 'probe-run import' or 'probe-run oracle'/);
  assert.match(error(['oracle', '--output', 'x']), /--output cannot be used with 'probe-run oracle'/);
});

test.run();
