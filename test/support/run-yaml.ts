/** Helpers for the engine's tests: run a YAML scenario and look at what happened. */
import type { DeviceOutcome, EventBody, RunResult } from '../../src/model/events.js';
import type { Knobs } from '../../src/model/knobs.js';
import type { Scenario } from '../../src/model/scenario.js';
import { loadScenario } from '../../src/load/load-scenario.js';
import { formatTrace } from '../../src/trace/format-trace.js';
import { formatEvent, eventDevice } from '../../src/trace/format-event.js';
import { runEngine, type EngineOptions } from '../../src/engine/run-engine.js';

/** A finished run with accessors for assertions. */
export interface TestRun {
  /** The loaded scenario the run replayed. */
  scenario: Scenario;
  knobs: Knobs;
  result: RunResult;
  trace: string;
  /** The final row of one node; throws when the node does not exist (a broken test). */
  device(name: string): DeviceOutcome;
  /** Event lines (`device: message`) in order, optionally only those of one device. */
  lines(device?: string): string[];
  /** Event bodies of one kind. */
  events<K extends EventBody['kind']>(kind: K): Extract<EventBody, { kind: K }>[];
}

/** Loads `yaml` (the test's own scenario; it must be valid) and runs the engine on it. */
export function runYaml(yaml: string, options: EngineOptions = {}): TestRun {
  const { scenario, diagnostics } = loadScenario(yaml, 'test.yaml', 'test');
  if (scenario === null) throw new Error(`test scenario is invalid: ${diagnostics.map((d) => d.message).join('; ')}`);
  const { knobs, result } = runEngine(scenario, options);
  return {
    scenario,
    knobs,
    result,
    trace: formatTrace(scenario, knobs, result),
    device(name) {
      const found = result.devices.find((d) => d.name === name);
      if (found === undefined) throw new Error(`no node ${name} in the test scenario`);
      return found;
    },
    lines(device) {
      return result.events
        .filter((e) => device === undefined || eventDevice(e.body) === device)
        .map((e) => `${eventDevice(e.body) ?? '-'}: ${formatEvent(e.body)}`);
    },
    events(kind) {
      return result.events.map((e) => e.body).filter((b) => b.kind === kind) as never;
    },
  };
}

/** Names of the devices in the order they were bound. */
export function bindOrder(run: TestRun): string[] {
  return run.result.events.flatMap((e) => (e.body.kind === 'probe' && e.body.result.type === 'bound' ? [e.body.node] : []));
}
