import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stubStages } from '../test/support/stub-stages.js';
import { makeFakeIo } from '../test/support/fake-io.js';
import { parseCliArgs, type CliOptions } from './parse-args.js';
import { prepareTui, type TuiSession } from './tui-command.js';
import { editorArgv, editorCommand } from './open-editor.js';

const trace = (id: string, source: string) => `# trace ${id} profile v6.15\n${source}`;

function options(argv: string[]): CliOptions {
  const parsed = parseCliArgs(['tui', ...argv]);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.options;
}

function project(env: Record<string, string> = {}, alivePids: number[] = []) {
  return makeFakeIo({
    env,
    alivePids,
    files: {
      'scenarios/a/one.yaml': 'board\n',
      'golden/a/one.trace': trace('a/one', 'old board\n'),
      'scenarios/a/two.yaml': 'two\n',
      'golden/a/two.trace': trace('a/two', 'two\n'),
      'golden/a/gone.trace': 'x\n',
    },
  });
}

async function session(fake: ReturnType<typeof project>, argv: string[] = []): Promise<TuiSession> {
  const prepared = await prepareTui(fake, options(argv), stubStages());
  if (typeof prepared === 'number') throw new Error(`exit ${prepared}: ${fake.err()}`);
  return prepared;
}

const test = suite('prepareTui');

test('a full run lists the obsolete goldens the CLI would report; a filtered run lists none', async () => {
  assert.equal((await session(project())).actions.obsolete, ['golden/a/gone.trace']);
  assert.equal((await session(project(), ['--filter', 'one'])).actions.obsolete, []);
});

test('removing an obsolete golden takes the golden root lock, removes the file, releases the lock', async () => {
  const fake = project();
  const { actions } = await session(fake);
  fake.log.length = 0;
  await actions.removeObsolete!('golden/a/gone.trace');
  assert.not.ok(fake.files.has('/work/golden/a/gone.trace'));
  assert.equal(fake.log, ['mkdir golden', 'create golden/.probe-run.lock', 'remove golden/a/gone.trace', 'remove golden/.probe-run.lock']);
});

test('removal is refused under CI (unless --force), for a path that is not obsolete, and while another update holds the lock', async () => {
  const ci = project({ CI: 'true' });
  const refused = await session(ci);
  await refused.actions.removeObsolete!('golden/a/gone.trace').then(
    () => assert.unreachable('removed under CI'),
    (error: Error) => assert.match(error.message, /^refusing to write golden files: CI is set/),
  );
  assert.ok(ci.files.has('/work/golden/a/gone.trace'));
  const forced = project({ CI: 'true' });
  await (await session(forced, ['--force'])).actions.removeObsolete!('golden/a/gone.trace');
  assert.not.ok(forced.files.has('/work/golden/a/gone.trace'));

  const other = project();
  await (await session(other)).actions.removeObsolete!('golden/a/two.trace').then(
    () => assert.unreachable('removed a live golden'),
    (error: Error) => assert.is(error.message, 'golden/a/two.trace is not an obsolete golden of this run'),
  );
  assert.ok(other.files.has('/work/golden/a/two.trace'));

  const held = project({}, [777]);
  held.files.set('/work/golden/.probe-run.lock', '777\n');
  await (await session(held)).actions.removeObsolete!('golden/a/gone.trace').then(
    () => assert.unreachable('removed under a held lock'),
    (error: Error) => assert.match(error.message, /is held by another probe-run --update-golden \(pid 777\)/),
  );
  assert.ok(held.files.has('/work/golden/a/gone.trace'));
});

test('accept writes the golden atomically under the same lock', async () => {
  const fake = project();
  const { results, actions } = await session(fake);
  fake.log.length = 0;
  const failing = results.find((result) => result.id === 'a/one')!;
  assert.is(await actions.accept(failing), 'golden/a/one.trace');
  assert.is(fake.files.get('/work/golden/a/one.trace'), trace('a/one', 'board\n'));
  assert.equal(fake.log.filter((line) => !line.startsWith('mkdir')), ['create golden/.probe-run.lock', 'atomic golden/a/one.trace', 'remove golden/.probe-run.lock']);
});

test('restore undoes an accept: the old golden back, a new one removed, a golden changed since left alone', async () => {
  const fake = project();
  const { results, actions } = await session(fake);
  const failing = results.find((result) => result.id === 'a/one')!;
  await actions.accept(failing);
  assert.is(await actions.restore!(failing), 'golden/a/one.trace');
  assert.is(fake.files.get('/work/golden/a/one.trace'), trace('a/one', 'old board\n'));

  fake.files.set('/work/scenarios/a/three.yaml', 'three\n');
  const fresh = (await session(fake, ['--filter', 'three'])).results[0];
  assert.is(fresh.status, 'new');
  await actions.accept(fresh);
  await actions.restore!(fresh);
  assert.not.ok(fake.files.has('/work/golden/a/three.trace'));

  await actions.accept(failing);
  fake.files.set('/work/golden/a/one.trace', 'edited by hand\n');
  await actions.restore!(failing).then(
    () => assert.unreachable('restored over a hand edit'),
    (error: Error) => assert.is(error.message, 'golden/a/one.trace changed since it was accepted; left as it is'),
  );
  assert.is(fake.files.get('/work/golden/a/one.trace'), 'edited by hand\n');
});

test('rerun reads the scenario again from disk and records its actual output', async () => {
  const fake = project();
  const { results, actions } = await session(fake);
  fake.files.set('/work/scenarios/a/one.yaml', 'old board\n');
  const fresh = await actions.rerun(results.find((result) => result.id === 'a/one')!);
  assert.is(fresh.status, 'pass');
  assert.not.ok(fake.files.has('/work/.probe-run/actual/a/one.trace'), 'a passing re-run removes the stale actual output');
});

test.run();

const editor = suite('openEditor');

editor('VISUAL wins over EDITOR, which wins over vi; blank values do not count', () => {
  assert.is(editorCommand({ VISUAL: 'nvim', EDITOR: 'nano' }), 'nvim');
  assert.is(editorCommand({ VISUAL: ' ', EDITOR: 'nano' }), 'nano');
  assert.is(editorCommand({}), 'vi');
});

editor('the editor runs through the shell (EDITOR may carry flags) with +LINE and the file as arguments, never spliced in', () => {
  assert.equal(editorArgv('code --wait', "scenarios/it's.yaml", 12), ['/bin/sh', '-c', 'code --wait "$@"', 'code --wait', '+12', "scenarios/it's.yaml"]);
});

editor.run();
