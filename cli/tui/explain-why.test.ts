import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Cause } from '../../src/model/events.js';
import { causeTarget, describeCauseWithRule as describeCause } from '../../src/trace/describe.js';
import { compactWhy, deviceSummary } from './explain-why.js';
import { device } from '../../test/support/tui-fixtures.js';

const why = suite('compactWhy');

why('follows each cause to the node it names until a device without one', () => {
  const devices = [
    device('dpu', { state: 'pending', attempts: 3, waiting_for: 'supplier smmu', cause: { kind: 'supplier', supplier: 'smmu', link: 'device', pinConfig: false } }),
    device('smmu', { state: 'pending', attempts: 2, cause: { kind: 'provider', reference: 'clocks', provider: 'cmu' } }),
    device('cmu', { state: 'no-driver', attempts: 0 }),
  ];
  assert.equal(compactWhy(devices, 'dpu'), [
    'dpu  pending · 3 attempts · waiting for supplier smmu',
    '└─ supplier smmu not ready [K3.1]',
    '   smmu  pending · 2 attempts',
    '   └─ clock provider cmu not registered [K7.1]',
    '      cmu  no-driver',
  ]);
});

why('stops at a cycle and at a node missing from the table', () => {
  const cycle = [
    device('a', { state: 'pending', cause: { kind: 'waits-for', node: 'b' } }),
    device('b', { state: 'pending', cause: { kind: 'waits-for', node: 'a' } }),
  ];
  assert.equal(compactWhy(cycle, 'a').at(-1), '      a  pending (shown above: a cycle)');
  const missing = [device('a', { state: 'pending', cause: { kind: 'pinctrl', provider: 'pio' } })];
  assert.equal(compactWhy(missing, 'a').at(-1), '   pio  (no device in the final-state table)');
});

why('a bound device tells what it last waited for and goes no further', () => {
  const devices = [device('dpu', { attempts: 2, cause: { kind: 'iommu-absent', iommu: 'smmu' } }), device('smmu', { state: 'pending' })];
  assert.equal(compactWhy(devices, 'dpu'), [
    'dpu  bound · 2 attempts',
    '└─ deferred before binding: IOMMU smmu not registered [K5.5]',
  ]);
});

why('every cause kind has words and a target', () => {
  const causes: Cause[] = [
    { kind: 'supplier', supplier: 'x', link: 'device', pinConfig: false },
    { kind: 'pinctrl', provider: 'x' },
    { kind: 'iommu-absent', iommu: 'x' },
    { kind: 'xlate', iommu: 'x', error: -19 },
    { kind: 'iommu-failed', iommu: 'x', error: -5 },
    { kind: 'power-domain-absent', domain: 'x' },
    { kind: 'power-on', domain: 'x', error: -110 },
    { kind: 'provider', reference: 'resets', provider: 'x' },
    { kind: 'waits-for', node: 'x' },
  ];
  for (const cause of causes) {
    assert.ok(describeCause(cause).includes('x'), cause.kind);
    assert.is(causeTarget(cause), 'x', cause.kind);
  }
  assert.is(describeCause({ kind: 'injected', error: -517 }), 'probe() returned -EPROBE_DEFER (injected) [K3.4]');
  assert.is(causeTarget({ kind: 'injected', error: -517 }), null);
  assert.is(describeCause({ kind: 'xlate', iommu: 'smmu', error: -19 }), 'of_xlate by smmu returned -ENODEV [K5.4]');
});

why('deviceSummary: state with error, driver, DMA with instances, attempts, bind order', () => {
  assert.is(
    deviceSummary(device('dpu', { driver: 'acme-dpu', dma: 'iommu', iommus: ['smmu0', 'smmu1'], attempts: 1, bound_seq: 12, bound_time: 4 })),
    'bound · acme-dpu · dma iommu(smmu0,smmu1) · 1 attempt · bound at #12 (4s)',
  );
  assert.is(deviceSummary(device('gpu', { state: 'failed', error: '-EIO', attempts: 0 })), 'failed -EIO');
});

why.run();
