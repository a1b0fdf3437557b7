/**
 * End to end: the built binary's `probe-run tui` in a real terminal (tmux, 120×40) over a temporary
 * copy of the corpus with one golden file changed. Needs `npm run build` (dist/) and tmux.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(REPO, 'dist/cli/bin.js');
const EDIT = ' (edited by the e2e test)';

function files(root: string, ending: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith(ending))
    .map((path) => path.split('\\').join('/'))
    .sort();
}

/** A scenario with a golden trace whose id is no part of another id, so typing it in the filter selects it alone. */
function pickScenario(dir: string): string {
  const ids = files(join(dir, 'scenarios'), '.yaml').map((path) => path.slice(0, -'.yaml'.length));
  const traced = new Set(files(join(dir, 'golden'), '.trace').map((path) => path.slice(0, -'.trace'.length)));
  const id = ids.find((candidate) => traced.has(candidate) && ids.every((other) => other === candidate || !other.includes(candidate)));
  if (!id) throw new Error('the corpus has no scenario with a golden .trace to change');
  return id;
}

class Tmux {
  readonly socket = `probe-run-e2e-${process.pid}`;

  run(...args: string[]): string {
    return execFileSync('tmux', ['-f', '/dev/null', '-L', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.run('capture-pane', '-p', '-t', 'tui');
  }

  keys(...keys: string[]): void {
    this.run('send-keys', '-t', 'tui', ...keys);
  }

  text(text: string): void {
    this.run('send-keys', '-t', 'tui', '-l', text);
  }

  /** Polls the screen until `check` holds; fails with the last screen after `timeoutMs`. */
  async waitFor(what: string, check: (screen: string) => boolean, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (check(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}

async function waitForFile(path: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} was never written`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readFileSync(path, 'utf8');
}

const e2e = suite('probe-run tui in tmux');

e2e('list, trace, diff of a changed golden, accept writes the file, q exits 0', async () => {
  assert.ok(existsSync(BIN), `${relative(process.cwd(), BIN)} is missing: run npm run build first`);
  assert.is(spawnSync('tmux', ['-V']).status, 0, 'tmux is needed for this test: apt-get install -y tmux');

  const dir = mkdtempSync(join(tmpdir(), 'probe-run-tui-'));
  const tmux = new Tmux();
  try {
    cpSync(join(REPO, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
    cpSync(join(REPO, 'golden'), join(dir, 'golden'), { recursive: true });
    const id = pickScenario(dir);
    const goldenPath = join(dir, 'golden', `${id}.trace`);
    const original = readFileSync(goldenPath, 'utf8').split('\n');
    const changedLine = original[1] + EDIT;
    writeFileSync(goldenPath, [original[0], changedLine, ...original.slice(2)].join('\n'));

    const exitFile = join(dir, 'exit-code');
    // CI unset: Ink draws nothing interactive under CI, and accepting is refused there (as the CLI does).
    const command = `cd '${dir}' && env -u CI -u CONTINUOUS_INTEGRATION node '${BIN}' tui; echo $? > '${exitFile}'`;
    tmux.run('new-session', '-d', '-s', 'tui', '-x', '120', '-y', '40', command);

    const list = await tmux.waitFor('the scenario list', (screen) => /probe-run {2}\d+ scenarios/.test(screen));
    assert.match(list, /✗ [1-9]\d* fail/);
    assert.match(list, /\d+\/\d+ {2}Enter open/);

    tmux.keys('/');
    tmux.text(id);
    tmux.keys('Enter');
    await tmux.waitFor('the filtered list', (screen) => screen.includes(`/${id}  (1 of `));
    tmux.keys('Enter');
    await tmux.waitFor('the failing scenario on its Diff tab', (screen) => screen.includes('[2 Diff]'));
    tmux.keys('1');
    const trace = await tmux.waitFor('the trace', (screen) => screen.includes('[1 Trace]'));
    assert.ok(trace.includes(`‹ Esc  ${id}  ✗ fail`), trace);
    assert.ok(trace.includes(`# scenario: ${id}`), trace);

    tmux.keys('2');
    const diff = await tmux.waitFor('the diff', (screen) => screen.includes('[2 Diff]'));
    assert.ok(diff.includes(`golden/${id}.trace → actual: +`), diff);
    assert.ok(diff.includes(`-${changedLine}`), diff);
    assert.ok(diff.includes(`+${original[1]}`), diff);

    tmux.keys('a');
    const accepted = await tmux.waitFor('the accept message', (screen) => screen.includes(`Accepted ${id}`));
    // The review loop stays when nothing else fails, else it opens the next failing or new scenario.
    if (!accepted.includes('· next: ')) {
      assert.ok(accepted.includes(`The actual trace matches golden/${id}.trace.`), accepted);
      assert.ok(accepted.includes(`‹ Esc  ${id}  ✓ pass`), accepted);
    }
    const written = readFileSync(goldenPath, 'utf8');
    assert.not.ok(written.includes(EDIT), 'the golden file on disk is the actual trace now');
    assert.ok(written.split('\n').includes(original[1]));

    tmux.keys('Escape');
    await tmux.waitFor('the list again', (screen) => /probe-run {2}\d+ scenarios/.test(screen));
    tmux.keys('q');
    assert.is((await waitForFile(exitFile)).trim(), '0');
  } finally {
    tmux.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

e2e('review loop: obsolete golden removed, failing scenario opens on its Diff with word highlights, e gives the terminal to $EDITOR and re-runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-run-tui-'));
  const tmux = new Tmux();
  try {
    mkdirSync(join(dir, 'scenarios/cases'), { recursive: true });
    mkdirSync(join(dir, 'golden/cases'), { recursive: true });
    for (const name of ['case-1-no-iommu', 'case-2-iommu-probed']) {
      cpSync(join(REPO, 'scenarios/cases', `${name}.yaml`), join(dir, 'scenarios/cases', `${name}.yaml`));
      cpSync(join(REPO, 'golden/cases', `${name}.trace`), join(dir, 'golden/cases', `${name}.trace`));
    }
    const id = 'cases/case-2-iommu-probed';
    const goldenPath = join(dir, 'golden', `${id}.trace`);
    const original = readFileSync(goldenPath, 'utf8').split('\n');
    writeFileSync(goldenPath, [original[0], original[1] + EDIT, ...original.slice(2)].join('\n'));
    writeFileSync(join(dir, 'golden/cases/gone.trace'), 'an obsolete golden\n');

    // The fake editor: records its arguments and the terminal mode, shows a prompt, waits for a line
    // typed by the test (so the terminal must be its), then breaks the scenario.
    const editor = join(dir, 'fake-editor.sh');
    writeFileSync(
      editor,
      [
        '#!/bin/sh',
        `echo "$@" > '${dir}/editor-args'`,
        `stty -a > '${dir}/editor-stty'`,
        'echo "FAKE EDITOR on $2; type a line"',
        'read answer',
        `echo "$answer" > '${dir}/editor-answer'`,
        'echo "bogus_key: 1" >> "$2"',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const exitFile = join(dir, 'exit-code');
    const command = `cd '${dir}' && env -u CI -u CONTINUOUS_INTEGRATION -u VISUAL EDITOR='${editor}' node '${BIN}' tui; echo $? > '${exitFile}'`;
    tmux.run('new-session', '-d', '-s', 'tui', '-x', '120', '-y', '30', command);

    const list = await tmux.waitFor('the scenario list', (screen) => /probe-run {2}2 scenarios/.test(screen));
    assert.ok(list.includes('? 1 obsolete'), list);
    tmux.keys('G');
    await tmux.waitFor('the obsolete row', (screen) => screen.includes('› ? obsolete golden/cases/gone.trace'));
    tmux.keys('d');
    await tmux.waitFor('the question', (screen) => screen.includes('Remove the obsolete golden golden/cases/gone.trace'));
    tmux.keys('y');
    await tmux.waitFor('the removal', (screen) => screen.includes('Removed the obsolete golden golden/cases/gone.trace'));
    assert.not.ok(existsSync(join(dir, 'golden/cases/gone.trace')), 'the file is gone');
    assert.not.ok(existsSync(join(dir, 'golden/.probe-run.lock')), 'the lock was released');

    tmux.keys('g', 'j', 'Enter');
    const diff = await tmux.waitFor('the Diff tab', (screen) => screen.includes('[2 Diff]'));
    assert.ok(diff.includes(`‹ Esc  ${id}  ✗ fail`), diff);
    const coloured = tmux.run('capture-pane', '-p', '-e', '-t', 'tui');
    const removedRow = coloured.split('\n').find((line) => line.includes(EDIT.trim()))!;
    assert.match(removedRow, /\u001b\[[0-9;]*7m[^\u001b]*\(edited/, 'the changed words are in reverse video');

    tmux.keys('e');
    const editing = await tmux.waitFor('the editor', (screen) => screen.includes('FAKE EDITOR on'));
    assert.not.ok(editing.includes('[2 Diff]'), 'the TUI is off the screen while the editor runs');
    assert.is(tmux.run('display-message', '-p', '-t', 'tui', '#{alternate_on}').trim(), '0', 'the main screen is back for the editor');
    tmux.text('typed into the editor');
    tmux.keys('Enter');
    const rerun = await tmux.waitFor('the re-run', (screen) => screen.includes(`Edited and re-ran ${id}: fail → invalid`));
    assert.ok(rerun.includes(`‹ Esc  ${id}  ! invalid`), rerun);
    assert.is(readFileSync(join(dir, 'editor-args'), 'utf8').trim(), `+1 scenarios/${id}.yaml`);
    assert.is(readFileSync(join(dir, 'editor-answer'), 'utf8').trim(), 'typed into the editor');
    assert.match(readFileSync(join(dir, 'editor-stty'), 'utf8'), /(^|\s)icanon(\s|$)/, 'the editor got the terminal in line mode');
    assert.not.ok(rerun.includes('FAKE EDITOR'), 'the TUI redrew the whole screen');

    tmux.keys('q');
    assert.is((await waitForFile(exitFile)).trim(), '0');
  } finally {
    tmux.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

e2e('watch: a golden changed in another window re-runs its scenario, the open tab stays, q exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-run-tui-'));
  const tmux = new Tmux();
  try {
    mkdirSync(join(dir, 'scenarios/cases'), { recursive: true });
    mkdirSync(join(dir, 'golden/cases'), { recursive: true });
    for (const name of ['case-1-no-iommu', 'case-2-iommu-probed']) {
      cpSync(join(REPO, 'scenarios/cases', `${name}.yaml`), join(dir, 'scenarios/cases', `${name}.yaml`));
      cpSync(join(REPO, 'golden/cases', `${name}.trace`), join(dir, 'golden/cases', `${name}.trace`));
    }
    const id = 'cases/case-2-iommu-probed';
    const exitFile = join(dir, 'exit-code');
    tmux.run('new-session', '-d', '-s', 'tui', '-x', '120', '-y', '30', `cd '${dir}' && env -u CI -u CONTINUOUS_INTEGRATION node '${BIN}' tui; echo $? > '${exitFile}'`);
    await tmux.waitFor('the scenario list', (screen) => /probe-run {2}2 scenarios {2}✓ 2 pass/.test(screen));
    tmux.keys('j', 'Enter');
    await tmux.waitFor('the Trace tab', (screen) => screen.includes('[1 Trace]') && screen.includes(id));
    tmux.keys('3');
    await tmux.waitFor('the Devices tab', (screen) => screen.includes('[3 Devices]'));

    const goldenPath = join(dir, 'golden', `${id}.trace`);
    const original = readFileSync(goldenPath, 'utf8').split('\n');
    writeFileSync(goldenPath, [original[0], original[1] + EDIT, ...original.slice(2)].join('\n'));
    const rerun = await tmux.waitFor('the re-run', (screen) => screen.includes(`Re-ran 1 (changed: golden/${id}.trace)`));
    assert.ok(rerun.includes(`‹ Esc  ${id}  ✗ fail`), rerun);
    assert.ok(rerun.includes('[3 Devices]'), 'the open tab stays');

    tmux.keys('q');
    assert.is((await waitForFile(exitFile)).trim(), '0');
  } finally {
    tmux.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

e2e.run();
