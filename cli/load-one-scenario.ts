/** Loading the one scenario file a single-scenario command (explain, export-dts) names, with the usage errors they share. */
import type { Scenario } from '../src/model/scenario.js';
import { showControls } from '../src/report/show-controls.js';
import type { Stages } from '../src/run/stages.js';
import { findScenarios, normalizePath } from './find-scenarios.js';
import { FileTooLargeError, type Io } from './io.js';
import { MAX_SOURCE_BYTES } from './run-scenarios.js';
import { usageError } from './usage.js';

/** The loaded scenario, or the exit code after the problem was printed. */
export type OneScenario = { ok: true; scenario: Scenario; file: string; id: string } | { ok: false; exit: number };

/**
 * Reads and loads the scenario file at `path` for a command (its name, and the verb of `cannot <verb> FILE`): a folder, a file that is gone or too
 * large, or an invalid scenario (its diagnostics printed) ends in a usage error; `invalid` words the
 * last one (`cannot explain dpu: … is not a valid scenario`).
 */
export async function loadOneScenario(io: Io, path: string, command: { name: string; verb: string }, stages: Stages, invalid: (file: string) => string): Promise<OneScenario> {
  const typed = normalizePath(path, io.cwd);
  if ((await io.fs.kind(typed)) === 'dir') return { ok: false, exit: usageError(io, `${command.name} takes one scenario file, not a folder: ${typed}`) };
  const found = await findScenarios(io.fs, [typed]);
  if (!found.ok) return { ok: false, exit: usageError(io, found.message) };
  const { file, id } = found.scenarios[0];
  let source: string | null;
  try {
    source = await io.fs.readText(file, MAX_SOURCE_BYTES);
  } catch (error) {
    if (error instanceof FileTooLargeError) return { ok: false, exit: usageError(io, `cannot ${command.verb} ${file}: ${error.message}`, false) };
    throw error;
  }
  if (source === null) return { ok: false, exit: usageError(io, `cannot read ${file}: the file is gone`, false) };
  const { scenario, diagnostics } = stages.loadScenario(source, file, id);
  const bug = diagnostics.find((diagnostic) => diagnostic.code === 'internal-error');
  if (bug !== undefined) throw new Error(`the loader failed on ${file}: ${bug.message}`);
  if (scenario === null || diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    io.stderr(showControls(stages.formatDiagnostics(diagnostics, source)));
    return { ok: false, exit: usageError(io, invalid(file), false) };
  }
  return { ok: true, scenario, file, id };
}
