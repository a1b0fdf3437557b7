import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from 'ink-testing-library';
import { fixtureResults, manyResults, result } from '../../test/support/tui-fixtures.js';
import { KEY, plain, press, ready, renderApp, resize, tick, waitForText } from '../../test/support/screen-test.js';

const app = suite('App');
app.after.each(() => cleanup());

app('the list screen: counts header, folders, badges, selection and position, keys in the footer', async () => {
  const { lastFrame } = renderApp(fixtureResults());
  const frame = await waitForText(lastFrame, 'probe-run');
  const lines = frame.split('\n');
  assert.is(lines[0], 'probe-run  4 scenarios  ✓ 1 pass  ✗ 1 fail  + 1 new  ! 1 invalid  ‼ 0 error');
  assert.is(lines[1], 'press / to filter   by folder (f: failures first)');
  assert.equal(lines.slice(2, 9), [
    'cases/',
    '› ✓ pass    case-1-no-iommu',
    'errors/',
    '  ! invalid unknown-label           unknown label "cmu" in clocks',
    'iommu/',
    '  ✗ fail    case-3b-iommu-deferred',
    '  + new     case-3c-new',
  ]);
  assert.is(lines.length, 23, 'one row short of the 24-row terminal, so Ink never clears the screen');
  assert.ok(lines[21].startsWith('1/4  Enter open · / filter'));
});

app('Enter opens a failing scenario on its Diff tab, a passing one on Trace, and Esc comes back to the same place', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, KEY.enter);
  assert.ok((await waitForText(lastFrame, '[1 Trace]')).includes('# scenario: cases/case-1-no-iommu'));
  await press(stdin, KEY.escape);
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, KEY.down, KEY.down, KEY.enter);
  const frame = await waitForText(lastFrame, '[2 Diff]');
  assert.ok(frame.startsWith('‹ Esc  iommu/case-3b-iommu-deferred  ✗ fail'));
  assert.ok(frame.includes('golden/iommu/case-3b-iommu-deferred.trace → actual: +2 −2 in 2 hunks'));
  await press(stdin, KEY.escape);
  const list = await waitForText(lastFrame, 'probe-run');
  assert.ok(list.includes('› ✗ fail    case-3b-iommu-deferred'));
  assert.ok(list.includes('3/4'));
});

app('keys that arrive in one read act one after the other (tmux send-keys, fast typing)', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await ready(stdin);
  stdin.write('jj\r');
  stdin.write('2');
  const frame = await waitForText(lastFrame, '[2 Diff]');
  assert.ok(frame.includes('iommu/case-3b-iommu-deferred'));
});

app('q quits with 0 and Ctrl+C with 130', async () => {
  const first = renderApp(fixtureResults());
  await waitForText(first.lastFrame, 'probe-run');
  await press(first.stdin, 'q');
  assert.equal(first.probe.exitCodes, [0]);
  const second = renderApp(fixtureResults());
  await waitForText(second.lastFrame, 'probe-run');
  await press(second.stdin, KEY.ctrlC);
  assert.equal(second.probe.exitCodes, [130]);
});

app('a accepts the highlighted scenario: the badge turns to pass and the path written is shown', async () => {
  const { stdin, lastFrame, probe } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'j', 'a');
  const frame = await waitForText(lastFrame, 'Accepted iommu/case-3b-iommu-deferred: wrote golden/iommu/case-3b-iommu-deferred.trace');
  assert.equal(probe.accepted, ['iommu/case-3b-iommu-deferred']);
  assert.ok(frame.includes('› ✓ pass    case-3b-iommu-deferred'));
  assert.ok(frame.startsWith('probe-run  4 scenarios  ✓ 2 pass  ✗ 0 fail'));
});

app('review loop: a accepts and opens the next failing or new scenario; after the last it stays and says nothing is left', async () => {
  const { stdin, lastFrame, probe } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'j', KEY.enter);
  await waitForText(lastFrame, '+2 −2 in 2 hunks');
  await press(stdin, 'a');
  const next = await waitForText(lastFrame, 'Accepted iommu/case-3b-iommu-deferred · next: iommu/case-3c-new');
  assert.ok(next.startsWith('‹ Esc  iommu/case-3c-new  + new'), next);
  assert.ok(next.includes('[1 Trace]'), 'a new scenario opens on its trace');
  await press(stdin, 'a');
  const last = await waitForText(lastFrame, 'Accepted iommu/case-3c-new: wrote golden/iommu/case-3c-new.trace · all reviewed');
  assert.ok(last.startsWith('‹ Esc  iommu/case-3c-new  ✓ pass'), last);
  assert.equal(probe.accepted, ['iommu/case-3b-iommu-deferred', 'iommu/case-3c-new']);
  await press(stdin, '2');
  await waitForText(lastFrame, 'The actual trace matches golden/iommu/case-3c-new.trace.');
});

app('review loop: s skips (nothing written) to the next; after the last it goes back to the list, which highlights where the loop ended', async () => {
  const { stdin, lastFrame, probe } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'j', KEY.enter);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, 's');
  const next = await waitForText(lastFrame, 'Skipped iommu/case-3b-iommu-deferred (left pending) · next: iommu/case-3c-new');
  assert.ok(next.startsWith('‹ Esc  iommu/case-3c-new  + new'), next);
  await press(stdin, 's');
  const list = await waitForText(lastFrame, 'Skipped iommu/case-3c-new (left pending) · all reviewed, 2 skipped');
  assert.ok(list.startsWith('probe-run  4 scenarios'), list);
  assert.ok(list.includes('› + new     case-3c-new'), list);
  assert.ok(list.includes('  ✗ fail    case-3b-iommu-deferred'), 'skipped scenarios keep their status');
  assert.equal(probe.accepted, []);
});

app('review loop: a skipped scenario is not offered again; accepting the other one then ends the loop', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'j', KEY.enter);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, 's');
  await waitForText(lastFrame, '· next: iommu/case-3c-new');
  await press(stdin, 'a');
  await waitForText(lastFrame, 'Accepted iommu/case-3c-new: wrote golden/iommu/case-3c-new.trace · all reviewed, 1 skipped');
});

app('u undoes the last accept of the session: the CLI restores the golden and the result is as before; then there is nothing to undo', async () => {
  const restored: string[] = [];
  const { stdin, lastFrame } = renderApp(fixtureResults(), {
    restore: async (before) => {
      restored.push(`${before.id}:${before.golden === null ? 'none' : 'old'}`);
      return before.goldenPath;
    },
  });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'u');
  await waitForText(lastFrame, 'Nothing to undo: no accept in this session.');
  await press(stdin, 'A', 'y');
  await waitForText(lastFrame, 'Accepted 2 golden files.');
  await press(stdin, 'u');
  const frame = await waitForText(lastFrame, 'Undid the accept of iommu/case-3c-new: removed golden/iommu/case-3c-new.trace');
  assert.ok(frame.includes('+ new     case-3c-new'), frame);
  assert.ok(frame.includes('✓ pass    case-3b-iommu-deferred'), 'only the last accept is undone');
  await press(stdin, 'u');
  await waitForText(lastFrame, 'Undid the accept of iommu/case-3b-iommu-deferred: restored golden/iommu/case-3b-iommu-deferred.trace');
  assert.equal(restored, ['iommu/case-3c-new:none', 'iommu/case-3b-iommu-deferred:old']);
  await press(stdin, 'u');
  await waitForText(lastFrame, 'Nothing to undo: no accept in this session.');
});

app('e opens the editor at the first diagnostic, then re-runs the scenario and shows the new status', async () => {
  const edits: string[] = [];
  const fixed = result('errors/unknown-label', { status: 'pass' });
  const { stdin, lastFrame, probe } = renderApp(fixtureResults(), {
    edit: async (file, line) => {
      edits.push(`${file}:${line}`);
    },
    rerun: async (old) => {
      probe.reran.push(old.id);
      return fixed;
    },
  });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'e');
  const frame = await waitForText(lastFrame, 'Edited and re-ran errors/unknown-label: invalid → pass');
  assert.equal(edits, ['scenarios/errors/unknown-label.yaml:6']);
  assert.equal(probe.reran, ['errors/unknown-label']);
  assert.ok(frame.includes('› ✓ pass    unknown-label'), frame);
});

app('e in a failing scenario edits it; an editor that fails leaves the result as it was', async () => {
  const { stdin, lastFrame, probe } = renderApp(fixtureResults(), {
    edit: async () => {
      throw new Error('the editor (vi) exited with code 1');
    },
  });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'j', KEY.enter);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, 'e');
  await waitForText(lastFrame, 'Not edited: the editor (vi) exited with code 1');
  assert.equal(probe.reran, []);
});

app('e without an editor says how to get one', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'e');
  await waitForText(lastFrame, 'No editor here: set VISUAL or EDITOR.');
});

app('obsolete goldens are listed; d asks, n keeps the file, y removes it through the CLI and the row goes', async () => {
  const removed: string[] = [];
  const { stdin, lastFrame } = renderApp(fixtureResults(), {
    obsolete: ['golden/iommu/gone.trace'],
    removeObsolete: async (path) => {
      removed.push(path);
    },
  });
  const list = await waitForText(lastFrame, 'probe-run');
  assert.ok(list.startsWith('probe-run  4 scenarios  ✓ 1 pass  ✗ 1 fail  + 1 new  ! 1 invalid  ‼ 0 error  ? 1 obsolete'), list);
  await press(stdin, 'G');
  const selected = await waitForText(lastFrame, '› ? obsolete golden/iommu/gone.trace');
  assert.ok(selected.includes('d remove this obsolete golden'), selected);
  await press(stdin, 'd');
  await waitForText(lastFrame, 'Remove the obsolete golden golden/iommu/gone.trace (no scenario stands for it)? [y/N]');
  await press(stdin, 'n');
  await waitForText(lastFrame, 'Nothing removed.');
  assert.equal(removed, []);
  await press(stdin, 'a', 'y');
  const after = await waitForText(lastFrame, 'Removed the obsolete golden golden/iommu/gone.trace');
  assert.equal(removed, ['golden/iommu/gone.trace']);
  assert.not.ok(after.includes('gone.trace\n'), after);
  assert.not.ok(after.includes('? 1 obsolete'), after);
});

app('a refused removal (as under CI) keeps the row and says why', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults(), {
    obsolete: ['golden/iommu/gone.trace'],
    removeObsolete: async () => {
      throw new Error('refusing to write golden files: CI is set');
    },
  });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'G', 'd', 'y');
  const frame = await waitForText(lastFrame, 'Not removed: refusing to write golden files: CI is set');
  assert.ok(frame.includes('? 1 obsolete'), frame);
});

app('after accepting with failures first, coming back highlights the same scenario in its new place', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'f', 'j', KEY.enter);
  await waitForText(lastFrame, '[2 Diff]');
  await press(stdin, 'a');
  await waitForText(lastFrame, 'Accepted iommu/case-3b-iommu-deferred');
  await press(stdin, '1', KEY.escape);
  const frame = await waitForText(lastFrame, 'probe-run');
  assert.ok(frame.includes('› + new     case-3c-new'), 'the list highlights where the review loop went on to');
  assert.ok(frame.indexOf('case-3b-iommu-deferred') > frame.indexOf('── passing'), 'the accepted one sorts among the passing ones now');
});

app('a refused (as under CI) shows the error and changes nothing', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults(), {
    accept: async () => {
      throw new Error('refusing to write golden files under CI; pass --force');
    },
  });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'j', 'a');
  const frame = await waitForText(lastFrame, 'Not accepted: refusing to write golden files under CI; pass --force');
  assert.ok(frame.includes('› ✗ fail    case-3b-iommu-deferred'));
});

app('a on a passing scenario writes nothing and says why', async () => {
  const { stdin, lastFrame, probe } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'a');
  await waitForText(lastFrame, 'cases/case-1-no-iommu: the golden already matches.');
  assert.equal(probe.accepted, []);
});

app('A asks first; n accepts nothing, y accepts every failing and new scenario', async () => {
  const { stdin, lastFrame, probe } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'A');
  await waitForText(lastFrame, 'Accept 2 failing or new scenarios as golden (2 files written)? [y/N]');
  await press(stdin, 'n');
  await waitForText(lastFrame, 'Nothing accepted.');
  assert.equal(probe.accepted, []);
  await press(stdin, 'A', 'j', 'q');
  assert.equal(probe.exitCodes, [], 'keys other than y/n/Esc do nothing while the question is open');
  await press(stdin, 'A', 'y');
  const frame = await waitForText(lastFrame, 'Accepted 2 golden files.');
  assert.equal(probe.accepted, ['iommu/case-3b-iommu-deferred', 'iommu/case-3c-new']);
  assert.ok(frame.startsWith('probe-run  4 scenarios  ✓ 3 pass  ✗ 0 fail  + 0 new  ! 1 invalid'));
});

app('A stops at the first refusal and says how many were written', async () => {
  let calls = 0;
  const { stdin, lastFrame } = renderApp(fixtureResults(), {
    accept: async (accepted) => {
      calls += 1;
      if (calls === 2) throw new Error('disk full');
      return accepted.goldenPath;
    },
  });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'A', 'y');
  await waitForText(lastFrame, 'Accepted 1 of 2; stopped at iommu/case-3c-new: disk full');
});

app('r re-runs the highlighted scenario and shows the new status', async () => {
  const fixed = result('iommu/case-3b-iommu-deferred', { status: 'pass' });
  const { stdin, lastFrame, probe } = renderApp(fixtureResults(), {
    rerun: async (old) => {
      probe.reran.push(old.id);
      return fixed;
    },
  });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', 'j', 'r');
  const frame = await waitForText(lastFrame, 'Re-ran iommu/case-3b-iommu-deferred: fail → pass');
  assert.equal(probe.reran, ['iommu/case-3b-iommu-deferred']);
  assert.ok(frame.includes('› ✓ pass    case-3b-iommu-deferred'));
});

app('r that fails shows the error', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults(), {
    rerun: async () => {
      throw new Error('scenarios/cases/case-1-no-iommu.yaml: no such file');
    },
  });
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'r');
  await waitForText(lastFrame, 'Re-run failed: scenarios/cases/case-1-no-iommu.yaml: no such file');
});

app('? opens the help overlay over any screen; Esc closes it and the screen is as it was', async () => {
  const { stdin, lastFrame } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  await press(stdin, 'j', KEY.enter);
  await waitForText(lastFrame, '[4 Source]');
  await press(stdin, '?');
  const help = await waitForText(lastFrame, 'Keys (Esc, ? or q closes)');
  assert.ok(help.includes('Everywhere'));
  await press(stdin, 'q');
  assert.not.ok(plain(lastFrame()).includes('Keys (Esc'), 'q closes the overlay rather than quitting');
  assert.ok(plain(lastFrame()).includes('[4 Source]'));
  await press(stdin, '?', KEY.escape);
  assert.ok(plain(lastFrame()).includes('[4 Source]'));
});

app('the layout follows the terminal size when it is resized', async () => {
  const { stdout, lastFrame } = renderApp(manyResults(60));
  await waitForText(lastFrame, 'probe-run');
  resize(stdout, 60, 12);
  await tick();
  const small = plain(lastFrame()).split('\n');
  assert.is(small.length, 11);
  assert.ok(small.every((line) => line.length <= 60));
  assert.ok(small[9].startsWith('1/60'));
  resize(stdout, 100, 40);
  await tick();
  assert.is(plain(lastFrame()).split('\n').length, 39);
});

app('a terminal too small says so and q still quits', async () => {
  const { stdin, stdout, lastFrame, probe } = renderApp(fixtureResults());
  await waitForText(lastFrame, 'probe-run');
  resize(stdout, 30, 6);
  await waitForText(lastFrame, 'Terminal too small (30×6)');
  await press(stdin, 'q');
  assert.equal(probe.exitCodes, [0]);
});

app.run();
