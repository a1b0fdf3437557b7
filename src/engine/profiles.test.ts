/** The IOMMU cases under each profile give the differences SPEC section 3 predicts. */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PROFILE_NAMES, type ProfileName } from '../model/knobs.js';
import { runYaml, type TestRun } from '../../test/support/run-yaml.js';

const profiles = suite('profiles on the IOMMU cases');
const PROFILES: readonly ProfileName[] = PROFILE_NAMES;

function runCase(name: string, profile: ProfileName): TestRun {
  const yaml = readFileSync(new URL(`../../scenarios/cases/${name}.yaml`, import.meta.url), 'utf8');
  return runYaml(yaml, { profile });
}

/** `state dma` of the display controller under each profile. */
function outcomes(name: string): Record<ProfileName, string> {
  return Object.fromEntries(
    PROFILES.map((p) => {
      const dpu = runCase(name, p).device('dpu');
      return [p, `${dpu.state} ${dpu.dma === 'iommu' ? `iommu(${dpu.iommus.join(',')})` : (dpu.dma ?? '-')}`];
    }),
  ) as Record<ProfileName, string>;
}

profiles('case 1: no iommus gives direct DMA under every profile', () => {
  assert.equal(outcomes('case-1-no-iommu'), { 'v3.19': 'bound direct', 'v4.12': 'bound direct', 'v6.1': 'bound direct', 'v6.8': 'bound direct', 'v6.12': 'bound direct', 'v6.15': 'bound direct' });
});

profiles('case 2: an IOMMU bound before the master gives IOMMU DMA under every profile', () => {
  const all = 'bound iommu(smmu)';
  assert.equal(outcomes('case-2-iommu-probed'), { 'v3.19': all, 'v4.12': all, 'v6.1': all, 'v6.8': all, 'v6.12': all, 'v6.15': all });
});

profiles('case 3a: no driver: direct DMA everywhere, through a different rule in each generation', () => {
  assert.equal(outcomes('case-3a-no-driver-optional'), { 'v3.19': 'bound direct', 'v4.12': 'bound direct', 'v6.1': 'bound direct', 'v6.8': 'bound direct', 'v6.12': 'bound direct', 'v6.15': 'bound direct' });
  const why = (p: ProfileName) => runCase('case-3a-no-driver-optional', p).events('dma').map((e) => (e.decision.mode === 'direct' ? e.decision.why : 'iommu'));
  assert.equal(why('v3.19'), ['not-registered'], 'K5.7: decided at device add');
  assert.equal(why('v4.12'), ['not-declared'], 'K5.5: not in the IOMMU_OF_DECLARE table');
  assert.equal(why('v6.8'), ['assuming-no-driver'], 'K5.5: check_state -ENODEV');
});

profiles('case 3b: a module IOMMU loaded at 4 s: v3.19 and v4.12 never wait for it, v6.x do, v6.15 replays', () => {
  assert.equal(outcomes('case-3b-iommu-probes-later'), {
    'v3.19': 'bound direct',
    'v4.12': 'bound direct',
    'v6.1': 'bound iommu(smmu)',
    'v6.8': 'bound iommu(smmu)',
    'v6.12': 'bound iommu(smmu)',
    'v6.15': 'bound iommu(smmu)',
  });
  assert.is(runCase('case-3b-iommu-probes-later', 'v6.8').events('iommu-replay').length, 0);
  assert.is(runCase('case-3b-iommu-probes-later', 'v6.15').events('iommu-replay').length, 1);
});

profiles('case 3c: a failed built-in IOMMU: v4.12 leaves the master deferred, v6.x give up at the timeout', () => {
  assert.equal(outcomes('case-3c-iommu-failed'), {
    'v3.19': 'bound direct',
    'v4.12': 'pending -',
    'v6.1': 'bound direct',
    'v6.8': 'bound direct',
    'v6.12': 'bound direct',
    'v6.15': 'bound direct',
  });
  assert.is(runCase('case-3c-iommu-failed', 'v6.8').device('dpu').bound_time, 10);
  assert.is(runCase('case-3c-iommu-failed', 'v4.12').knobs.deferred_probe_timeout, -1, 'v4.12 has no timeout');
});

profiles('partial iommus setup: kept up to v6.8, discarded since v6.12', () => {
  const kept = PROFILES.map((p) => runCase('two-iommus-one-disabled', p).device('dpu').iommus.join(','));
  assert.equal(kept, ['', 'smmu0', 'smmu0', 'smmu0', '', '']);
});

profiles.run();
