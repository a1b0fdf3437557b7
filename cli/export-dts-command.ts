/** `probe-run export-dts SCENARIO`: print a scenario as the DTS the real-kernel oracle boots (SPEC section 8). */
import { exportDts } from '../src/export/export-dts.js';
import { showControls } from '../src/report/show-controls.js';
import { EXIT_OK } from '../src/report/exit-code.js';
import type { Stages } from '../src/run/stages.js';
import { findScenarios, normalizePath } from './find-scenarios.js';
import { FileTooLargeError, type Io } from './io.js';
import type { CliOptions } from './parse-args.js';
import { MAX_SOURCE_BYTES } from './run-scenarios.js';
import { usageError } from './usage.js';

/**
 * Loads one scenario and prints its DTS on stdout. Exit 0 with the DTS; 2 for a folder, a missing or
 * unreadable file, or an invalid scenario (its diagnostics printed, as every command prints them).
 */
export async function exportDtsCommand(io: Io, options: CliOptions, stages: Stages): Promise<number> {
  const typed = normalizePath(options.paths[0], io.cwd);
  if ((await io.fs.kind(typed)) === 'dir') return usageError(io, `export-dts takes one scenario file, not a folder: ${typed}`);
  const found = await findScenarios(io.fs, [typed]);
  if (!found.ok) return usageError(io, found.message);
  const { file, id } = found.scenarios[0];
  let source: string | null;
  try {
    source = await io.fs.readText(file, MAX_SOURCE_BYTES);
  } catch (error) {
    if (error instanceof FileTooLargeError) return usageError(io, `cannot export ${file}: ${error.message}`, false);
    throw error;
  }
  if (source === null) return usageError(io, `cannot read ${file}: the file is gone`, false);

  const { scenario, diagnostics } = stages.loadScenario(source, file, id);
  const bug = diagnostics.find((diagnostic) => diagnostic.code === 'internal-error');
  if (bug !== undefined) throw new Error(`the loader failed on ${file}: ${bug.message}`);
  if (scenario === null || diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    io.stderr(showControls(stages.formatDiagnostics(diagnostics, source)));
    return usageError(io, `cannot export ${file}: it is not a valid scenario`, false);
  }
  io.stdout(exportDts(scenario));
  return EXIT_OK;
}
