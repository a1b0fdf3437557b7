import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { editDistance, nearestKey } from './nearest-key.js';

const Nearest = suite('nearestKey');

Nearest('edit distance counts a swap of neighbours as one edit', () => {
  assert.is(editDistance('iommu', 'iommus'), 1);
  assert.is(editDistance('clcoks', 'clocks'), 1);
  assert.is(editDistance('', 'abc'), 3);
});

Nearest('suggests typos and case or _/- confusions', () => {
  const keys = ['compatible', 'status', 'clocks', 'iommus', 'power-domains', 'probe-waits-for', 'dma-coherent'];
  assert.is(nearestKey('iommu', keys), 'iommus');
  assert.is(nearestKey('compatable', keys), 'compatible');
  assert.is(nearestKey('dma_coherent', keys), 'dma-coherent');
  assert.is(nearestKey('Status', keys), 'status');
  assert.is(nearestKey('probe-wait-for', keys), 'probe-waits-for');
});

Nearest('does not suggest far-off keys', () => {
  assert.is(nearestKey('foo', ['compatible', 'status']), null);
  assert.is(nearestKey('smmu', ['cmu']), null);
  assert.is(nearestKey('x', []), null);
});

Nearest.run();
