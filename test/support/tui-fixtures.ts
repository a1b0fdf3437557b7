/** Hand-built ScenarioResult objects for the TUI's screen tests. */
import { compareGolden } from '../../src/golden/compare-golden.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { DeviceOutcome, TraceEvent } from '../../src/model/events.js';
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
    dma_coherent: false,
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
  const actual = fields.actual ?? `# probe-run trace v2\n# scenario: ${id}\n`;
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
    run: { events: [], devices: [], expectFailures: [], attempts: 0, livelock: false, stepBound: 1_000_000 },
    expectFailures: [],
    ...fields,
  };
}

const HEADER = (id: string) => `# probe-run trace v2
# scenario: ${id}
# kernel: profile=v6.15 modules=on fw_devlink=on fw_devlink_strict=off deferred_probe_timeout=10
# policy: iommu_probe_failed=wait iommu_xlate_failed=ignore
`;

const PASSING_TRACE = `${HEADER('cases/case-1-no-iommu')}
[    0.000000] uart: probe acme-uart: bound
[    0.000000] uart: dma direct: no iommus [K5.1]

final state:
uart: bound driver=acme-uart dma=direct attempts=1
`;

/** The failing scenario's events: dpu defers on its IOMMU, smmu fails, the timeout lets dpu bind. */
const FAILING_EVENTS: TraceEvent[] = [
  { seq: 1, time: 0, body: { kind: 'early-provider', node: 'cmu', driver: 'acme-cmu', providers: ['clock'], device: false } },
  { seq: 2, time: 0, body: { kind: 'populate' } },
  { seq: 3, time: 0, body: { kind: 'probe', node: 'smmu', driver: 'arm-smmu', via: 'add', result: { type: 'defer', cause: { kind: 'supplier', supplier: 'pd_disp', link: 'device', pinConfig: false } }, listed: 'pending' } },
  { seq: 4, time: 0, body: { kind: 'probe', node: 'pd_disp', driver: 'acme-pd', via: 'register', result: { type: 'bound' }, listed: null } },
  { seq: 5, time: 0, body: { kind: 'probe', node: 'dpu', driver: 'acme-dpu', via: 'register', result: { type: 'defer', cause: { kind: 'iommu-absent', iommu: 'smmu' } }, listed: 'pending' } },
  { seq: 6, time: 0, body: { kind: 'deferred-initcall', pass: 1 } },
  { seq: 7, time: 0, body: { kind: 'probe', node: 'smmu', driver: 'arm-smmu', via: 'deferred', result: { type: 'failed', error: -5, cause: { kind: 'injected', error: -5 } }, listed: 'already-listed' } },
  { seq: 8, time: 0, body: { kind: 'probe', node: 'dpu', driver: 'acme-dpu', via: 'deferred', result: { type: 'defer', cause: { kind: 'iommu-absent', iommu: 'smmu' } }, listed: 'already-listed' } },
  { seq: 9, time: 10_000_000, body: { kind: 'timeout-expired' } },
  { seq: 10, time: 10_000_000, body: { kind: 'warn', node: 'dpu', warning: { kind: 'check-state', answer: 'timeout', dependency: 'iommu', provider: 'smmu' } } },
  { seq: 11, time: 10_000_000, body: { kind: 'probe', node: 'dpu', driver: 'acme-dpu', via: 'deferred', result: { type: 'bound' }, listed: 'already-listed' } },
  { seq: 12, time: 10_000_000, body: { kind: 'deferred-pending', node: 'dsi0', cause: { kind: 'supplier', supplier: 'dpu_pd', link: 'device', pinConfig: false }, level: 'info' } },
];

/** The failing scenario's actual trace, in the trace formatter's layout. */
export const FAILING_TRACE = `${HEADER('iommu/case-3b-iommu-deferred')}
[    0.000000] cmu: early provider via acme-cmu: clock registered, no device [K1.3]
[    0.000000] - arch_initcall_sync: of_platform_default_populate_init [K1.2]
[    0.000000] smmu: probe arm-smmu: deferred: supplier pd_disp not ready [K3.1] -> pending
[    0.000000] pd_disp: probe acme-pd: bound
[    0.000000] dpu: probe acme-dpu: deferred: IOMMU smmu declared but not registered [K5.5] -> pending
[    0.000000] - late_initcall: deferred_probe_initcall, pass 1 [K4.3]
[    0.000000] smmu: probe arm-smmu (deferred retry): failed: "probe with driver arm-smmu failed with error -5" (-EIO): probe() returned -EIO [K3.6]
[    0.000000] dpu: probe acme-dpu (deferred retry): deferred: IOMMU smmu declared but not registered [K5.5]
[   10.000000] - deferred probe timeout expired [K9.3]
[   10.000000] dpu: warning: deferred probe timeout, ignoring dependency [K5.5]
[   10.000000] dpu: probe acme-dpu (deferred retry): bound, and a line long enough to be truncated by a narrow terminal rather than wrapped onto the next row
[   10.000000] dsi0: deferred probe pending: supplier dpu_pd not ready [K9.3]

final state:
cmu: early driver=acme-cmu dma=- attempts=0
pd_disp: bound driver=acme-pd dma=- attempts=1
smmu: failed -5 driver=arm-smmu dma=- attempts=2 note=probe() returned -EIO [K3.4]
dpu: bound driver=acme-dpu dma=direct attempts=3
dsi0: pending driver=acme-dsi dma=- attempts=4 note=waiting: supplier dpu_pd [K3.1]
dpu_pd: pending driver=acme-pd dma=- attempts=2 note=waiting: clocks provider smmu [K7.1]
`;

/** The golden the failing scenario is compared with: two lines differ from FAILING_TRACE. */
export const FAILING_GOLDEN = FAILING_TRACE.replace('failed: "probe with driver arm-smmu failed with error -5" (-EIO): probe() returned -EIO [K3.6]', 'bound').replace(
  'smmu: failed -5 driver=arm-smmu dma=- attempts=2 note=probe() returned -EIO [K3.4]',
  'smmu: bound driver=arm-smmu dma=- attempts=2',
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
        stepBound: 1_000_000,
      },
    }),
    result('iommu/case-3b-iommu-deferred', {
      status: 'fail',
      actual: FAILING_TRACE,
      golden: FAILING_GOLDEN,
      diff: compareGolden(FAILING_GOLDEN, FAILING_TRACE, 'golden/iommu/case-3b-iommu-deferred.trace', '.probe-run/actual/iommu/case-3b-iommu-deferred.trace'),
      run: {
        events: FAILING_EVENTS,
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
            cause: { kind: 'supplier', supplier: 'dpu_pd', link: 'device', pinConfig: false },
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
        stepBound: 1_000_000,
      },
    }),
    result('iommu/case-3c-new', { status: 'new', golden: null, actual: `${HEADER('iommu/case-3c-new')}\n[    0.000000] gpu: probe acme-gpu: rejects match -ENODEV: probe() returned -ENODEV [K3.6]\n` }),
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
