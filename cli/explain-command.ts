/** `probe-run explain SCENARIO DEVICE [--json] [--profile X]`: why one device ended as it did. */
import { firstEventLine, formatHeader } from '../src/trace/format-trace.js';
import { explainDevice } from '../src/explain/explain-device.js';
import { formatExplanation } from '../src/explain/format-explanation.js';
import { formatExplanationJson } from '../src/explain/format-explanation-json.js';
import type { ScenarioResult } from '../src/model/result.js';
import { showControls } from '../src/report/show-controls.js';
import { EXIT_OK, EXIT_USAGE } from '../src/report/exit-code.js';
import type { Stages } from '../src/run/stages.js';
import { nearestKey } from '../src/diagnostics/nearest-key.js';
import { findScenarios, normalizePath } from './find-scenarios.js';
import { FileTooLargeError, type Io } from './io.js';
import { MAX_SOURCE_BYTES } from './run-scenarios.js';
import type { CliOptions } from './parse-args.js';
import { usageError } from './usage.js';

/** `a b c …` wrapped at about 100 columns, each line indented by two spaces. */
function wrapNames(names: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    if (line !== '' && line.length + 1 + name.length > 98) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? name : `${line} ${name}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((text) => `  ${text}\n`).join('');
}

/**
 * Loads and runs one scenario and prints the explanation of one device (text, or JSON when the
 * options' reporter is `json`). Exit 0 with an answer; 2 for a path that is not a scenario file, an
 * invalid scenario (its diagnostics printed) or an unknown device (the devices listed, the nearest
 * name suggested).
 */
export async function explainCommand(io: Io, options: CliOptions, stages: Stages): Promise<number> {
  const [path, device] = options.paths;
  const typed = normalizePath(path, io.cwd);
  const kind = await io.fs.kind(typed);
  if (kind === 'dir') return usageError(io, `explain takes one scenario file, not a folder: ${typed}`);
  const found = await findScenarios(io.fs, [typed]);
  if (!found.ok) return usageError(io, found.message);
  const { file, id } = found.scenarios[0];
  let source: string | null;
  try {
    source = await io.fs.readText(file, MAX_SOURCE_BYTES);
  } catch (error) {
    if (error instanceof FileTooLargeError) return usageError(io, `cannot explain ${file}: ${error.message}`, false);
    throw error;
  }
  if (source === null) return usageError(io, `cannot read ${file}: the file is gone`, false);

  const { scenario, diagnostics } = stages.loadScenario(source, file, id);
  const bug = diagnostics.find((diagnostic) => diagnostic.code === 'internal-error');
  if (bug !== undefined) throw new Error(`the loader failed on ${file}: ${bug.message}`);
  if (scenario === null || diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    io.stderr(showControls(stages.formatDiagnostics(diagnostics, source)));
    return usageError(io, `cannot explain ${showControls(device)}: ${file} is not a valid scenario`, false);
  }
  const names = scenario.nodes.map((node) => node.label);
  if (!names.includes(device)) {
    const nearest = nearestKey(device, names);
    const guess = nearest === null ? '' : `; did you mean '${nearest}'?`;
    io.stderr(showControls(`probe-run: no device '${device}' in ${file}${guess}\nIts devices:\n${wrapNames(names)}`));
    return EXIT_USAGE;
  }

  const { knobs, result } = stages.runEngine(scenario, { profile: options.profile, stepBound: options.stepBound });
  // `#N` in the explanation is line N of this run's trace.
  const tree = explainDevice(scenario, result, device, { firstEventLine: formatHeader(scenario, knobs, result.stepBound).length + 1 });
  // JSON escapes what a terminal could act on; the text form shows control characters as symbols.
  io.stdout(options.reporter === 'json' ? formatExplanationJson(tree, { scenario: id, file, profile: knobs.profile }) : showControls(formatExplanation(tree)));
  return EXIT_OK;
}

/** The explain tree of one device of a finished result, as text (the TUI's Why tab); throws when the scenario did not run. */
export function explainResult(result: ScenarioResult, device: string): string {
  if (result.scenario === null || result.run === null) throw new Error(`${result.id} did not run`);
  return formatExplanation(explainDevice(result.scenario, result.run, device, { firstEventLine: firstEventLine(result.actual.split('\n')) ?? 0 }));
}
