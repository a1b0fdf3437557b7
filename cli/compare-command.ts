/** `probe-run compare SCENARIO DUMP [--profile P] [--reporter text|json]`: a scenario's prediction against a real board's dump (SPEC section 7). */
import { join } from 'node:path';
import { readBoardDump } from '../src/board-dump/read-board-dump.js';
import { runEngine } from '../src/engine/run-engine.js';
import { ERRNO } from '../src/model/errno.js';
import type { ProfileName } from '../src/model/knobs.js';
import { formatComparison } from '../src/oracle/format-comparison.js';
import { compareWithRecording, recordingOf } from '../src/oracle/recording.js';
import { EXIT_FAIL, EXIT_OK } from '../src/report/exit-code.js';
import type { Stages } from '../src/run/stages.js';
import type { Io } from './io.js';
import { loadOneScenario } from './load-one-scenario.js';
import type { CliOptions } from './parse-args.js';
import { usageError } from './usage.js';

/** The profile a dump's kernel release calls for: the oracle kernels' own, else none. */
function profileOfRelease(release: string | null): ProfileName | undefined {
  if (release === null) return undefined;
  if (release.startsWith('6.12')) return 'v6.12';
  if (release.startsWith('6.1.') || release.trim() === '6.1') return 'v6.1';
  return undefined;
}

/** Runs the scenario (under --profile, else the dump's kernel's profile, else its own) and compares it with the dump. Exit 0 all agree, 1 any disagreement, 2 bad input. */
export async function compareCommand(io: Io, options: CliOptions, stages: Stages): Promise<number> {
  const [path, dump] = options.paths;
  const loaded = await loadOneScenario(io, path, { name: 'compare', verb: 'compare' }, stages, (file) => `cannot compare ${file}: it is not a valid scenario`);
  if (!loaded.ok) return loaded.exit;
  if ((await io.fs.kind(dump)) !== 'dir') return usageError(io, `compare takes a board dump folder (from probe-run collect-script), not ${dump}`);
  const text = async (name: string) => (await io.fs.readText(join(dump, name), 64 * 2 ** 20)) ?? undefined;
  const files = { devicesTsv: await text('devices.tsv'), devicesDeferred: await text('devices_deferred'), dmesg: await text('dmesg') };
  if (files.devicesTsv === undefined) return usageError(io, `${dump} has no devices.tsv: not a board dump (probe-run collect-script writes one)`);
  const release = (await text('release')) ?? null;
  const observed = readBoardDump(files);
  const recording = recordingOf(loaded.scenario, release ?? 'unknown kernel', observed);
  const { result } = runEngine(loaded.scenario, { profile: options.profile ?? profileOfRelease(release), stepBound: options.stepBound });
  const found = compareWithRecording(result.devices, recording, (name) => ERRNO[name] ?? null);
  if (options.reporter === 'json') {
    io.stdout(`${JSON.stringify({ version: 1, scenario: loaded.id, kernel: recording.kernel, nodes: result.devices.length, agree: result.devices.length - new Set(found.map((d) => d.node)).size, disagreements: found, missing: observed.missing, unmapped: recording.unmapped }, null, 2)}\n`);
  } else {
    io.stdout(formatComparison(recording, result.devices.length, found, result.events, observed.missing));
  }
  return found.length === 0 ? EXIT_OK : EXIT_FAIL;
}
