/** Hand-built ScenarioResult objects for the TUI's screen tests. */
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { DeviceOutcome } from '../../src/model/events.js';
import { resolveKnobs } from '../../src/model/knobs.js';
import type { ScenarioResult } from '../../src/model/result.js';

/** A device row with the fields a test does not care about filled in. */
export function device(name: string, fields: Partial<DeviceOutcome> = {}): DeviceOutcome {
  return {
    name,
    state: 'bound',
    driver: null,
    dma: null,
    iommus: [],
    attempts: 1,
    bound_seq: null,
    bound_time: null,
    error: null,
    waiting_for: null,
    cause: null,
    ...fields,
  };
}

/** A result with every field filled from `fields` or a harmless default. */
export function result(id: string, fields: Partial<ScenarioResult> = {}): ScenarioResult {
  const actual = fields.actual ?? `# probe-run trace v1\n# scenario: ${id}\n`;
  return {
    id,
    file: `scenarios/${id}.yaml`,
    status: 'pass',
    diagnostics: [],
    source: `description: ${id}\nnodes: {}\ndrivers: {}\n`,
    actual,
    golden: actual,
    goldenPath: `golden/${id}.trace`,
    diff: null,
    scenario: null,
    knobs: resolveKnobs({}),
    run: { events: [], devices: [], expectFailures: [], attempts: 0, livelock: false },
    expectFailures: [],
    ...fields,
  };
}

const PASSING_TRACE = `# probe-run trace v1
# scenario: cases/case-1-no-iommu
# profile: v6.15  modules: on  fw_devlink: on  deferred_probe_timeout: 10
[    0.000000] 1 initcall core
[    0.000000] 2 uart: probe with acme-uart: bound (via add)
[    0.000000] 3 uart: dma direct (no iommus, K5.1)
# final state
uart  bound  acme-uart  direct  1
`;

/** The failing scenario's actual trace: dpu waits for smmu, which waits for its clock. */
export const FAILING_TRACE = `# probe-run trace v1
# scenario: iommu/case-3b-iommu-deferred
# profile: v6.15  modules: on  fw_devlink: on  deferred_probe_timeout: 10
[    0.000000] 1 initcall core
[    0.000000] 2 cmu: early providers clock (acme-cmu)
[    0.000000] 3 populate
[    0.000000] 4 smmu: probe with arm-smmu: defer, waiting for supplier pd_disp (K3.1)
[    0.000000] 5 smmu: added to pending list
[    0.000000] 6 initcall subsys
[    0.000000] 7 pd_disp: probe with acme-pd: bound (via register)
[    0.000000] 8 initcall device
[    0.000000] 9 dpu: probe with acme-dpu: defer, IOMMU smmu declared but not registered (K5.5)
[    0.000000] 10 deferred_probe_initcall pass 1
[    0.000000] 11 smmu: probe with arm-smmu: failed with error -EIO
[    0.000000] 12 dpu: probe with acme-dpu: defer, IOMMU smmu declared but not registered (K5.5)
[   10.000000] 13 deferred probe timeout expired
[   10.000000] 14 dpu: warn: deferred probe timeout, ignoring dependency
[   10.000000] 15 dpu: probe with acme-dpu: bound (via deferred), a line long enough to be truncated by a narrow terminal rather than wrapped onto the next row
# final state
cmu      early    acme-cmu  -       0
pd_disp  bound    acme-pd   -       1
smmu     failed   arm-smmu  -       2   -EIO
dpu      bound    acme-dpu  direct  3
`;

/** The golden the failing scenario is compared with: two lines differ from FAILING_TRACE. */
export const FAILING_GOLDEN = FAILING_TRACE.replace('failed with error -EIO', 'bound (via deferred)').replace(
  'smmu     failed   arm-smmu  -       2   -EIO',
  'smmu     bound    arm-smmu  -       2',
);

const INVALID_SOURCE = `# yaml-language-server: $schema=../../schema/scenario.schema.json
description: A reference to a label that does not exist.
nodes:
  dpu:
    compatible: [acme,dpu]
    clocks: [cmu 7]
drivers:
  acme-dpu: { compatible: [acme,dpu] }
  acme-gpu: { compatible: [acme,gpu] }
`;

function rangeOf(source: string, text: string): { start: number; end: number } {
  const start = source.indexOf(text);
  if (start === -1) throw new Error(`fixture bug: ${text} not in source`);
  return { start, end: start + text.length };
}

const INVALID_DIAGNOSTICS: Diagnostic[] = [
  { code: 'unknown-label', severity: 'error', message: 'unknown label "cmu" in clocks', file: 'scenarios/errors/unknown-label.yaml', range: rangeOf(INVALID_SOURCE, 'cmu 7') },
  { code: 'unmatched-driver', severity: 'warning', message: 'driver acme-gpu matches no node', file: 'scenarios/errors/unknown-label.yaml', range: rangeOf(INVALID_SOURCE, 'acme-gpu') },
];

const INVALID_ERRORS = `scenarios/errors/unknown-label.yaml:6:15: error unknown-label: unknown label "cmu" in clocks
scenarios/errors/unknown-label.yaml:9:3: warning unmatched-driver: driver acme-gpu matches no node
`;

/** Four results, one of each status the list shows: pass, fail, new and invalid, in two folders plus one. */
export function fixtureResults(): ScenarioResult[] {
  return [
    result('cases/case-1-no-iommu', {
      actual: PASSING_TRACE,
      golden: PASSING_TRACE,
      run: {
        events: [],
        devices: [device('uart', { driver: 'acme-uart', dma: 'direct', bound_seq: 2, bound_time: 0 })],
        expectFailures: [],
        attempts: 1,
        livelock: false,
      },
    }),
    result('iommu/case-3b-iommu-deferred', {
      status: 'fail',
      actual: FAILING_TRACE,
      golden: FAILING_GOLDEN,
      diff: '(unused by the TUI)',
      run: {
        events: [],
        devices: [
          device('cmu', { state: 'early', driver: 'acme-cmu', attempts: 0 }),
          device('pd_disp', { driver: 'acme-pd', bound_seq: 7, bound_time: 0 }),
          device('smmu', {
            state: 'failed',
            driver: 'arm-smmu',
            attempts: 2,
            error: '-EIO',
            cause: { kind: 'injected', error: -5 },
          }),
          device('dpu', {
            driver: 'acme-dpu',
            dma: 'direct',
            attempts: 3,
            bound_seq: 15,
            bound_time: 10,
            cause: { kind: 'iommu-absent', iommu: 'smmu' },
          }),
          device('dsi0', {
            state: 'pending',
            driver: 'acme-dsi',
            attempts: 4,
            waiting_for: 'supplier dpu_pd',
            cause: { kind: 'supplier', supplier: 'dpu_pd' },
          }),
          device('dpu_pd', {
            state: 'pending',
            driver: 'acme-pd',
            attempts: 2,
            waiting_for: 'clocks provider smmu',
            cause: { kind: 'provider', reference: 'clocks', provider: 'smmu' },
          }),
        ],
        expectFailures: [],
        attempts: 12,
        livelock: false,
      },
    }),
    result('iommu/case-3c-new', { status: 'new', golden: null, actual: '# probe-run trace v1\n# scenario: iommu/case-3c-new\n[    0.000000] 1 gpu: probe with acme-gpu: rejected -ENODEV\n' }),
    result('errors/unknown-label', {
      status: 'invalid',
      source: INVALID_SOURCE,
      diagnostics: INVALID_DIAGNOSTICS,
      actual: INVALID_ERRORS,
      golden: INVALID_ERRORS,
      goldenPath: 'golden/errors/unknown-label.errors.txt',
      knobs: null,
      run: null,
    }),
  ];
}

/** `count` passing results spread over three folders, for windowing and filtering tests. */
export function manyResults(count: number): ScenarioResult[] {
  return Array.from({ length: count }, (_, index) => {
    const folder = ['alpha', 'beta', 'gamma'][index % 3];
    return result(`${folder}/scenario-${String(index).padStart(3, '0')}`, index === 7 ? { status: 'fail', golden: 'old\n' } : {});
  });
}
