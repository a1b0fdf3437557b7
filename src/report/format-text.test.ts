import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { palette } from './ansi.js';
import { useColor } from './color-mode.js';
import { formatText } from './format-text.js';
import { mixedReport, result } from '../../test/support/report-fixtures.js';
import { paintDiff } from './paint-diff.js';

const test = suite('formatText');

test('a passing scenario shows its warnings with the source line and a caret under the key', () => {
  const report = mixedReport();
  report.results = [
    result({
      source: 'drivers:\n  acme-i2c: { compatible: [acme,i2c-v2] }\n',
      diagnostics: [{ code: 'unmatched-driver', severity: 'warning', message: 'driver "acme-i2c" matches no node', file: 'scenarios/a/pass.yaml', range: { start: 11, end: 19 } }],
    }),
  ];
  report.obsolete = [];
  const text = formatText(report, { color: false });
  assert.ok(
    text.startsWith(
      [
        'PASS     a/pass',
        'scenarios/a/pass.yaml:2:3: warning unmatched-driver: driver "acme-i2c" matches no node',
        '    acme-i2c: { compatible: [acme,i2c-v2] }',
        '    ^~~~~~~~',
        '',
      ].join('\n'),
    ),
    text,
  );
});

test('the whole report, without colour', () => {
  assert.is(
    formatText(mixedReport(), { color: false }),
    [
      'PASS     a/pass',
      'FAIL     a/fail',
      '--- golden/a/fail.trace',
      '+++ .probe-run/actual/a/fail.trace',
      '@@ -1,1 +1,1 @@',
      '-old',
      '+new <&>',
      '  expect failed: dpu: dma expected iommu, actual direct',
      '  fix the scenario or the model: a failed expect stays failed whatever the golden says',
      '  actual output: .probe-run/actual/a/fail.trace',
      '',
      'NEW      b/new',
      '  no golden file golden/b/new.trace yet',
      '  actual output: .probe-run/actual/b/new.trace',
      '  to accept:     npx probe-run --update-golden scenarios/b/new.yaml',
      '',
      'INVALID  invalid/typo',
      'scenarios/invalid/typo.yaml:3:5: error unknown-key: unknown key "iommu"',
      '',
      'ERROR    c/boom',
      'internal error (a bug in probe-run): Error: \u241b[31mboom',
      '',
      'OBSOLETE golden/gone.trace (no scenario for it; remove it or run --update-golden on the full corpus)',
      '',
      '1 passed, 1 failed, 1 new, 1 invalid, 1 internal error, 1 obsolete golden',
      'To update every golden above: npx probe-run --update-golden (a failed expect stays failed)',
      '',
    ].join('\n'),
  );
});

test('with colour: badges and diff lines are painted and every style is reset', () => {
  const text = formatText(mixedReport(), { color: true });
  assert.ok(text.includes('\u001b[32mPASS    \u001b[0m a/pass'));
  assert.ok(text.includes('\u001b[31mFAIL    \u001b[0m a/fail'));
  assert.ok(text.includes('\u001b[1m--- golden/a/fail.trace\u001b[0m'));
  assert.ok(text.includes('\u001b[36m@@ -1,1 +1,1 @@\u001b[0m'));
  assert.ok(text.includes('\u001b[31m-old\u001b[0m\n\u001b[32m+new <&>\u001b[0m'));
  assert.is(formatText(mixedReport(), { color: false }).includes('\u001b[0m'), false);
});

test('written and refused goldens are listed before the summary', () => {
  const report = { ...mixedReport(), results: mixedReport().results.slice(0, 1), obsolete: [], acceptAllCommand: null };
  report.written = [
    { path: 'golden/a.trace', change: 'new' },
    { path: 'golden/b.trace', change: 'changed' },
    { path: 'golden/c.trace', change: 'removed' },
  ];
  report.refused = [{ file: 'scenarios/x.yaml', reason: 'scenarios/x.yaml is invalid' }];
  assert.is(
    formatText(report, { color: false }),
    'PASS     a/pass\n\nwrote   golden/a.trace (new)\nwrote   golden/b.trace (changed)\nremoved golden/c.trace (obsolete)\nnot written: scenarios/x.yaml is invalid\n\n1 passed, 0 failed, 3 goldens written\n',
  );
});

test('check mode counts valid scenarios', () => {
  const report = { ...mixedReport(), mode: 'check' as const, results: mixedReport().results.slice(0, 1), obsolete: [], acceptAllCommand: null };
  assert.is(formatText(report, { color: false }), 'PASS     a/pass\n\n1 valid, 0 failed\n');
});

const color = suite('useColor');

color('flag, FORCE_COLOR, NO_COLOR, then the terminal', () => {
  assert.is(useColor('always', { NO_COLOR: '1' }, false), true);
  assert.is(useColor('never', { FORCE_COLOR: '1' }, true), false);
  assert.is(useColor('auto', { FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
  assert.is(useColor('auto', { FORCE_COLOR: '' }, false), true);
  assert.is(useColor('auto', { FORCE_COLOR: '0' }, true), false);
  assert.is(useColor('auto', { FORCE_COLOR: 'false' }, true), false);
  assert.is(useColor('auto', { NO_COLOR: '1' }, true), false);
  assert.is(useColor('auto', { NO_COLOR: '' }, true), true);
  assert.is(useColor('auto', {}, true), true);
  assert.is(useColor('auto', { TERM: 'dumb' }, true), false);
  assert.is(useColor('auto', {}, false), false);
});

test.run();
color.run();

const controls = suite('showControls');

controls('escape sequences and CRs from a file are shown, not obeyed', async () => {
  const { showControls } = await import('./show-controls.js');
  assert.is(showControls('a\u001b[2Jb\r\n\tc\u007f\u0085'), 'a\u241b[2Jb\u240d\n\tc\u2421\\u0085');
});

controls.run();

const words = suite('paintDiff');

const HEAD = '--- golden/x.trace\n+++ .probe-run/actual/x.trace\n@@ -1,3 +1,3 @@\n';
const R = '\u001b[31m';
const G = '\u001b[32m';
const INV = '\u001b[7m';
const NOINV = '\u001b[27m';
const RESET = '\u001b[0m';

words('the changed words of a changed line are in reverse video, the rest of the line in its colour', () => {
  const diff = `${HEAD} [    1.000000] smmu: bound\n-[    2.000000] dpu: deferred, waiting for smmu\n+[    2.500000] dpu: deferred, waiting for iommu smmu\n`;
  assert.is(
    paintDiff(diff, palette(true)),
    '\u001b[1m--- golden/x.trace\u001b[0m\n\u001b[1m+++ .probe-run/actual/x.trace\u001b[0m\n\u001b[36m@@ -1,3 +1,3 @@\u001b[0m\n [    1.000000] smmu: bound\n' +
      `${R}-[    2.${INV}000000${NOINV}] dpu: deferred, waiting for smmu${RESET}\n` +
      `${G}+[    2.${INV}500000${NOINV}] dpu: deferred, waiting for ${INV}iommu ${NOINV}smmu${RESET}\n`,
  );
});

words('runs of equal length pair line by line; runs of different length, or lines with no word in common, are painted whole', () => {
  const pairs = paintDiff(`${HEAD}-a one\n-b two\n+a uno\n+b dos\n`, palette(true)).split('\n').slice(3);
  assert.equal(pairs, [`${R}-a ${INV}one${NOINV}${RESET}`, `${R}-b ${INV}two${NOINV}${RESET}`, `${G}+a ${INV}uno${NOINV}${RESET}`, `${G}+b ${INV}dos${NOINV}${RESET}`, '']);
  const uneven = paintDiff(`${HEAD}-a one\n+a uno\n+c three\n`, palette(true)).split('\n').slice(3);
  assert.equal(uneven, [`${R}-a one${RESET}`, `${G}+a uno${RESET}`, `${G}+c three${RESET}`, '']);
  const unrelated = paintDiff(`${HEAD}-old\n+new <&>\n`, palette(true)).split('\n').slice(3);
  assert.equal(unrelated, [`${R}-old${RESET}`, `${G}+new <&>${RESET}`, '']);
});

words('without colour the diff is the plain unified diff, byte for byte', () => {
  const diff = `${HEAD} ctx\n-[    2.000000] dpu: waiting for smmu\n+[    2.500000] dpu: waiting for iommu smmu\n\\ No newline at end of file\n`;
  assert.is(paintDiff(diff, palette(false)), diff);
  assert.not.ok(formatText(mixedReport(), { color: false }).includes('\u001b'));
});

words.run();
