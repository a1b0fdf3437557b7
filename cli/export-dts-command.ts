/** `probe-run export-dts SCENARIO`: print a scenario as the DTS the real-kernel oracle boots (SPEC section 8). */
import { exportDts } from '../src/export/export-dts.js';
import { EXIT_OK } from '../src/report/exit-code.js';
import type { Stages } from '../src/run/stages.js';
import type { Io } from './io.js';
import { loadOneScenario } from './load-one-scenario.js';
import type { CliOptions } from './parse-args.js';

/**
 * Loads one scenario and prints its DTS on stdout. Exit 0 with the DTS; 2 for a folder, a missing or
 * unreadable file, or an invalid scenario (its diagnostics printed, as every command prints them).
 */
export async function exportDtsCommand(io: Io, options: CliOptions, stages: Stages): Promise<number> {
  const loaded = await loadOneScenario(io, options.paths[0], { name: 'export-dts', verb: 'export' }, stages, (file) => `cannot export ${file}: it is not a valid scenario`);
  if (!loaded.ok) return loaded.exit;
  const { scenario } = loaded;
  io.stdout(exportDts(scenario));
  return EXIT_OK;
}
