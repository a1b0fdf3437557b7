/** Finished results of every status, for the reporter tests. */
import { compareGolden } from '../../src/golden/compare-golden.js';
import type { ScenarioResult } from '../../src/model/result.js';
import type { RunReport } from '../../src/report/run-report.js';

const device = {
  name: 'dpu',
  state: 'bound' as const,
  driver: 'acme-dpu',
  dma: 'iommu' as const,
  iommus: ['smmu'],
  dma_coherent: false,
  attempts: 2,
  bound_seq: 7,
  bound_time: 4.5,
  error: null,
  waiting_for: null,
  cause: null,
};

/** A result with defaults for a passing scenario `a/pass`. */
export function result(over: Partial<ScenarioResult>): ScenarioResult {
  return {
    id: 'a/pass',
    file: 'scenarios/a/pass.yaml',
    status: 'pass',
    diagnostics: [],
    source: 'description: x\n',
    actual: 'trace\n',
    golden: 'trace\n',
    goldenPath: 'golden/a/pass.trace',
    diff: null,
    scenario: null,
    knobs: null,
    run: {
      events: [{ seq: 1, time: 0, body: { kind: 'warn', node: 'dpu', warning: { kind: 'check-state', answer: 'timeout', dependency: 'iommu', provider: 'smmu' } } }],
      devices: [device],
      expectFailures: [],
      attempts: 2,
      livelock: false,
      stepBound: 1_000_000,
    },
    expectFailures: [],
    ...over,
  };
}

/** One result of each status, an obsolete golden, and the hints a run gives. */
export function mixedReport(): RunReport {
  return {
    mode: 'run',
    results: [
      result({}),
      result({
        id: 'a/fail',
        file: 'scenarios/a/fail.yaml',
        status: 'fail',
        golden: 'old\n',
        actual: 'new <&>\n',
        goldenPath: 'golden/a/fail.trace',
        diff: compareGolden('old\n', 'new <&>\n', 'golden/a/fail.trace', '.probe-run/actual/a/fail.trace'),
        expectFailures: [{ node: 'dpu', field: 'dma', expected: 'iommu', actual: 'direct' }],
      }),
      result({ id: 'b/new', file: 'scenarios/b/new.yaml', status: 'new', golden: null, goldenPath: 'golden/b/new.trace', actual: '# new trace\n' }),
      result({
        id: 'invalid/typo',
        file: 'scenarios/invalid/typo.yaml',
        status: 'invalid',
        run: null,
        source: 'nodes:\n  dpu:\n    iommu: [smmu]\n',
        diagnostics: [{ code: 'unknown-key', severity: 'error', message: 'unknown key "iommu"; did you mean "iommus"?', file: 'scenarios/invalid/typo.yaml', range: { start: 18, end: 23 } }],
        actual: 'scenarios/invalid/typo.yaml:3:5: error unknown-key: unknown key "iommu"\n',
        golden: null,
        goldenPath: 'golden/invalid/typo.errors.txt',
      }),
      result({ id: 'c/boom', file: 'scenarios/c/boom.yaml', status: 'error', run: null, actual: 'internal error (a bug in probe-run): Error: \u001b[31mboom\n', golden: null, goldenPath: 'golden/c/boom.trace' }),
    ],
    obsolete: ['golden/gone.trace'],
    written: [],
    refused: [],
    // A failed expect gets no accept command (accepting cannot fix it); a new scenario does.
    hints: {
      'a/fail': { actualPath: '.probe-run/actual/a/fail.trace', acceptCommand: null },
      'b/new': { actualPath: '.probe-run/actual/b/new.trace', acceptCommand: 'npx probe-run --update-golden scenarios/b/new.yaml' },
    },
    acceptAllCommand: 'npx probe-run --update-golden',
  };
}
