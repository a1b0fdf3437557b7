/**
 * Stand-in pipeline stages for tests of the run, the reporters and the CLI, independent of the real
 * loader and engine. A stub scenario is plain text: a line `invalid` makes it invalid, `warn` adds a
 * warning, `expect-fail` makes its expect fail, `throw` makes the engine throw; the trace is the text
 * itself under a header, so editing the text changes the trace.
 */
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { RunResult } from '../../src/model/events.js';
import { resolveKnobs } from '../../src/model/knobs.js';
import type { Scenario } from '../../src/model/scenario.js';
import type { Stages } from '../../src/run/stages.js';

function scenarioOf(id: string, source: string): Scenario {
  return {
    id,
    description: source.split('\n')[0] ?? '',
    covers: [],
    kernel: {},
    policy: { iommu_probe_failed: 'wait', iommu_xlate_failed: 'ignore' },
    nodes: [],
    drivers: [],
    faults: {},
    timeline: [],
    expect: {},
  };
}

/** The stub stages; `sources` remembers each scenario's text for the engine and formatter. */
export function stubStages(): Stages {
  const sources = new Map<string, string>();
  return {
    loadScenario(source, file, id) {
      const lines = source.split('\n');
      const diagnostics: Diagnostic[] = [];
      lines.forEach((line, index) => {
        const start = lines.slice(0, index).join('\n').length + (index > 0 ? 1 : 0);
        if (line.trim() === 'invalid') diagnostics.push({ code: 'unknown-key', severity: 'error', message: 'stub: invalid line', file, range: { start, end: start + line.length } });
        if (line.trim() === 'warn') diagnostics.push({ code: 'unmatched-driver', severity: 'warning', message: 'stub: warning line', file, range: { start, end: start + line.length } });
      });
      if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return { scenario: null, diagnostics };
      sources.set(id, source);
      return { scenario: scenarioOf(id, source), diagnostics };
    },
    formatDiagnostics(diagnostics) {
      return diagnostics.map((diagnostic) => `${diagnostic.file}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}\n`).join('');
    },
    runEngine(scenario, options) {
      const source = sources.get(scenario.id) ?? '';
      if (source.includes('throw')) throw new Error('stub engine exploded');
      const result: RunResult = {
        events: [{ seq: 1, time: 0, body: { kind: 'warn', node: 'dpu', warning: { kind: 'fwspec-kept' } } }],
        devices: [
          { name: 'dpu', state: 'bound', driver: 'acme-dpu', dma: 'iommu', iommus: ['smmu'], dma_coherent: false, attempts: 2, bound_seq: 7, bound_time: 4.5, error: null, waiting_for: null, cause: null },
          { name: 'cam', state: 'pending', driver: null, dma: null, iommus: [], dma_coherent: false, attempts: 1, bound_seq: null, bound_time: null, error: null, waiting_for: 'supplier smmu', cause: { kind: 'supplier', supplier: 'smmu', link: 'device', pinConfig: false } },
        ],
        expectFailures: source.includes('expect-fail') ? [{ node: 'dpu', field: 'dma', expected: 'iommu', actual: 'direct' }] : [],
        attempts: 3,
        livelock: false,
        stepBound: 1_000_000,
      };
      return { knobs: resolveKnobs(scenario.kernel, options.profile), result };
    },
    formatTrace(scenario, knobs) {
      return `# trace ${scenario.id} profile ${knobs.profile}\n${sources.get(scenario.id) ?? ''}`;
    },
  };
}
