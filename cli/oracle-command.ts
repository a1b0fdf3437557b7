/**
 * `probe-run oracle [PATH...] --kernel 6.12|6.1 [--record]` (issue 12): boots the scenarios on a real
 * kernel (oracle/boot-all.mjs: builds or reuses the kernel, one QEMU per core, a hard time limit
 * each), then holds each dump against the engine under that kernel's profile, as `compare` does;
 * `--record` rewrites oracle/recorded/<kernel>/ from the dumps. Needs the oracle's Debian packages
 * (oracle/install.sh); npm test never runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBoardDump } from '../src/board-dump/read-board-dump.js';
import { runEngine } from '../src/engine/run-engine.js';
import { loadScenario } from '../src/load/load-scenario.js';
import { ERRNO } from '../src/model/errno.js';
import { oracleEligibility } from '../src/oracle/eligibility.js';
import { compareWithRecording, keepCommittedTimes, recordingOf, type Recording } from '../src/oracle/recording.js';
import { EXIT_FAIL, EXIT_OK } from '../src/report/exit-code.js';
import type { Io } from './io.js';
import type { CliOptions } from './parse-args.js';
import { usageError } from './usage.js';

/** The repository root: the nearest folder above this file (cli/ under tsx, dist/cli/ when built) that holds the oracle. */
function repoRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'oracle', 'boot-all.mjs'))) return dir;
  throw new Error('probe-run oracle runs from a checkout of probe-run (oracle/boot-all.mjs not found)');
}

/** Every scenario file at or below the paths, sorted by name (scenarios/invalid left out, as boot-all does). */
function scenarioFiles(paths: readonly string[]): string[] {
  const walk = (path: string): string[] => {
    if (!statSync(path).isDirectory()) return path.endsWith('.yaml') ? [path] : [];
    if (path.endsWith('/invalid')) return [];
    return readdirSync(path)
      .sort()
      .flatMap((name) => walk(join(path, name)));
  };
  return paths.flatMap((path) => walk(resolve(path)));
}

/** Why a scenario the oracle can judge has no recording: it has not been booted on this machine. */
const NOT_BOOTED = 'not booted yet (no dump in oracle/work)';

/** A scenario's recording from its dump (oracle/work/<id>/<kernel> after a boot), or why there is none. */
export function recordFromDump(dump: string, kernel: string, id: string, source: string): { recording: Recording } | { skipped: string } {
  const { scenario } = loadScenario(source, `scenarios/${id}.yaml`, id);
  if (scenario === null) return { skipped: 'an invalid scenario' };
  const why = oracleEligibility(scenario);
  if (why !== null) return { skipped: why };
  if (!existsSync(join(dump, 'devices.tsv'))) return { skipped: NOT_BOOTED };
  const text = (name: string) => (existsSync(join(dump, name)) ? readFileSync(join(dump, name), 'utf8') : undefined);
  const observed = readBoardDump({ devicesTsv: text('devices.tsv'), devicesDeferred: text('devices_deferred'), dmesg: text('dmesg') });
  return { recording: recordingOf(scenario, text('release') ?? kernel, observed) };
}

/**
 * Rewrites oracle/recorded/<kernel>/ from the dumps of every bundled scenario (a scenario with no dump
 * keeps its committed recording); returns how many were written and skipped.
 */
export function recordKernel(root: string, kernel: string): { written: number; skipped: number } {
  const scenarios = join(root, 'scenarios');
  const out = join(root, 'oracle', 'recorded', kernel);
  const committedOf = (id: string): Recording | null => {
    const file = join(out, `${id}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Recording) : null;
  };
  const files = scenarioFiles([scenarios]);
  const committed = new Map(files.map((file) => [file, committedOf(relative(scenarios, file).replace(/\.yaml$/, ''))]));
  // Rewritten whole: a scenario that became ineligible or was removed leaves no stale recording.
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const skipped: { scenario: string; why: string }[] = [];
  let written = 0;
  for (const file of files) {
    const id = relative(scenarios, file).replace(/\.yaml$/, '');
    const made = recordFromDump(join(root, 'oracle', 'work', id, kernel), kernel, id, readFileSync(file, 'utf8'));
    const before = committed.get(file) ?? null;
    // A scenario not booted here (a run over some paths only) keeps its committed recording.
    const recording = 'recording' in made ? keepCommittedTimes(made.recording, before) : made.skipped === NOT_BOOTED ? before : null;
    if (recording === null) {
      skipped.push({ scenario: id, why: 'skipped' in made ? made.skipped : NOT_BOOTED });
      continue;
    }
    mkdirSync(join(out, ...id.split('/').slice(0, -1)), { recursive: true });
    writeFileSync(join(out, `${id}.json`), `${JSON.stringify(recording, null, 2)}\n`);
    written++;
  }
  writeFileSync(join(out, 'skipped.json'), `${JSON.stringify(skipped, null, 2)}\n`);
  return { written, skipped: skipped.length };
}

/** Boots, compares and (with --record) records; exit 0 when every compared scenario agrees, 1 otherwise, 2 for bad use. */
export async function oracleCommand(io: Io, options: CliOptions): Promise<number> {
  const kernel = options.kernel ?? '6.12';
  if (kernel !== '6.12' && kernel !== '6.1') return usageError(io, `probe-run oracle --kernel takes 6.12 or 6.1 (got ${kernel})`);
  const root = repoRoot();
  const paths = options.paths.length > 0 ? options.paths : ['scenarios'];
  const missing = paths.find((path) => !existsSync(resolve(io.cwd, path)));
  if (missing !== undefined) return usageError(io, `no such scenario file or folder: ${missing}`);
  const booted = spawnSync(process.execPath, [join(root, 'oracle', 'boot-all.mjs'), '--kernel', kernel, ...paths], { cwd: io.cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (booted.error !== undefined) return usageError(io, `cannot run the oracle: ${booted.error.message}`);
  let disagreeing = 0;
  let compared = 0;
  for (const file of scenarioFiles(paths.map((path) => resolve(io.cwd, path)))) {
    const id = relative(join(root, 'scenarios'), file).replace(/\.yaml$/, '');
    const made = recordFromDump(join(root, 'oracle', 'work', id, kernel), kernel, id, readFileSync(file, 'utf8'));
    if ('skipped' in made) {
      io.stdout(`SKIP     ${id}: ${made.skipped}\n`);
      continue;
    }
    const { scenario } = loadScenario(readFileSync(file, 'utf8'), `scenarios/${id}.yaml`, id);
    if (scenario === null) continue;
    const { result } = runEngine(scenario, { profile: kernel === '6.12' ? 'v6.12' : 'v6.1' });
    const found = compareWithRecording(result.devices, made.recording, (name) => ERRNO[name] ?? null);
    compared++;
    if (found.length > 0) disagreeing++;
    io.stdout(`${found.length === 0 ? 'AGREE   ' : 'DIFFER  '} ${id}${found.map((d) => `\n    ${d.node}: ${d.field} predicted ${d.predicted}, observed ${d.observed}`).join('')}\n`);
  }
  io.stdout(`\n${compared - disagreeing} of ${compared} scenarios agree with Linux ${kernel}\n`);
  if (options.record === true) {
    const { written, skipped } = recordKernel(root, kernel);
    io.stdout(`${written} recordings written to oracle/recorded/${kernel} (${skipped} skipped: skipped.json says why)\n`);
  }
  return disagreeing === 0 && booted.status === 0 ? EXIT_OK : EXIT_FAIL;
}
