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
import type { Io } from './io.js';
import { loadOneScenario } from './load-one-scenario.js';
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
  const loaded = await loadOneScenario(io, path, { name: 'explain', verb: 'explain' }, stages, (file) => `cannot explain ${showControls(device)}: ${file} is not a valid scenario`);
  if (!loaded.ok) return loaded.exit;
  const { scenario, file, id } = loaded;
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
