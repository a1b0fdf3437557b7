/** One test per kernel rule of SPEC section 2, named after the rule. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bindOrder, runYaml } from '../../test/support/run-yaml.js';

const K = suite('engine rules');

const clockConsumer = (level = 'device') => `
description: a clock controller and one consumer
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1 }
  uart: { compatible: [acme,uart], clocks: [cmu 3] }
drivers:
  acme-uart: { compatible: [acme,uart], initcall: subsys }
  acme-cmu: { compatible: [acme,cmu], initcall: ${level} }
`;

K('K1.1 drivers register by initcall level, then in drivers: order', () => {
  const run = runYaml(`
description: levels
nodes:
  a: { compatible: [x,a] }
  b: { compatible: [x,b] }
  c: { compatible: [x,c] }
drivers:
  drv-c: { compatible: [x,c], initcall: late }
  drv-b: { compatible: [x,b] }
  drv-a: { compatible: [x,a], initcall: core }
  drv-b2: { compatible: [x,none] }
`);
  const registered = run.events('driver-register').map((e) => e.driver);
  assert.equal(registered, ['drv-a', 'drv-b', 'drv-b2', 'drv-c']);
  assert.equal(bindOrder(run), ['a', 'b', 'c']);
});

K('K1.2 devices are added at arch_initcall_sync in source order; earlier drivers meet them there', () => {
  const run = runYaml(`
description: populate
nodes:
  b: { compatible: [x,b] }
  a: { compatible: [x,a] }
drivers:
  drv-a: { compatible: [x,a], initcall: core }
  drv-b: { compatible: [x,b], initcall: arch }
`);
  const lines = run.lines();
  const populate = lines.indexOf('-: arch_initcall_sync: of_platform_default_populate_init [K1.2]');
  assert.ok(populate > lines.indexOf('-: driver drv-b registered'));
  assert.equal(lines.slice(populate + 1, populate + 5), ['b: device added', 'b: probe drv-b: bound', 'a: device added', 'a: probe drv-a: bound']);
  assert.equal(bindOrder(run), ['b', 'a']);
});

K('K1.3 an early driver registers its providers at time 0 and its node gets no device', () => {
  const run = runYaml(`
description: early
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1 }
  uart: { compatible: [acme,uart], clocks: [cmu 3] }
drivers:
  acme-cmu: { compatible: [acme,cmu], initcall: core, early: true }
  acme-uart: { compatible: [acme,uart], initcall: core }
`);
  assert.equal(run.lines()[0], 'cmu: early provider via acme-cmu: clock registered, no device [K1.3]');
  assert.equal(run.device('cmu').state, 'early');
  assert.equal(run.device('uart').state, 'bound');
  assert.equal(run.device('uart').attempts, 1);
  assert.ok(!run.lines().includes('cmu: device added'));
});

K('K1.4 the timeline starts after deferred_probe_initcall, at its seconds', () => {
  const run = runYaml(`
description: timeline after late
nodes:
  a: { compatible: [x,a] }
drivers:
  drv-a: { compatible: [x,a], build: module }
timeline:
  - { at: 2.5, modprobe: drv-a }
`);
  const userSpace = run.result.events.findIndex((e) => e.body.kind === 'user-space');
  const modprobe = run.result.events.findIndex((e) => e.body.kind === 'timeline');
  assert.ok(userSpace < modprobe);
  assert.is(run.result.events[modprobe].time, 2_500_000);
  assert.is(run.device('a').bound_time, 2.5);
});

K('K1.5 work queued by a trigger runs after the registration that caused it has attached all its devices', () => {
  const run = runYaml(`
description: a registration attaches all its devices before deferred work runs
nodes:
  p1: { compatible: [x,p], clock-cells: 0 }
  c: { compatible: [x,c], clocks: [p1] }
  p2: { compatible: [x,p], clock-cells: 0 }
drivers:
  drv-c: { compatible: [x,c] }
  drv-p: { compatible: [x,p], build: module }
timeline:
  - { at: 1, modprobe: drv-p }
`);
  assert.equal(bindOrder(run), ['p1', 'p2', 'c']);
});

K('K2.1 the first registered matching driver is tried; the compatible order never ranks drivers', () => {
  const run = runYaml(`
description: first registered wins
nodes:
  a: { compatible: [x,specific, x,generic] }
drivers:
  drv-generic: { compatible: [x,generic], initcall: core }
  drv-specific: { compatible: [x,specific], initcall: device }
  drv-also-generic: { compatible: [x,generic], initcall: core }
`);
  // drv-generic registers first and meets the device at populate: it binds (registration order).
  assert.is(run.device('a').driver, 'drv-generic');
  const later = runYaml(`
description: at populate both are registered; the first registered still wins
nodes:
  a: { compatible: [x,specific, x,generic] }
drivers:
  drv-generic: { compatible: [x,generic], initcall: core }
  drv-specific: { compatible: [x,specific], initcall: arch }
`);
  assert.is(later.device('a').driver, 'drv-generic');
  assert.equal(later.lines('a'), ['a: device added', 'a: probe drv-generic: bound']);
});

K('K2.2 a disabled node gets no device and references to it behave as K5.2/K8.3', () => {
  const run = runYaml(`
description: disabled
nodes:
  usb: { compatible: [acme,usb], status: disabled }
  smmu: { compatible: [arm,smmu], iommu-cells: 1, status: disabled }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1] }
drivers:
  acme-usb: { compatible: [acme,usb] }
  acme-dpu: { compatible: [acme,dpu] }
`);
  assert.is(run.device('usb').state, 'disabled');
  assert.is(run.device('dpu').state, 'bound');
  assert.is(run.device('dpu').dma, 'direct');
});

K('K2.3 probing is attempted on device add, driver registration, deferred processing and bind', () => {
  const run = runYaml(`
description: every trigger of a probe
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  a: { compatible: [x,a], clocks: [cmu] }
  hp: { compatible: [x,hp], hotplug: true }
drivers:
  drv-a: { compatible: [x,a], initcall: core }
  drv-hp: { compatible: [x,hp], initcall: core }
  acme-cmu: { compatible: [acme,cmu], build: module }
timeline:
  - { at: 1, add: hp }
  - { at: 2, unbind: hp }
  - { at: 3, bind: hp }
  - { at: 4, modprobe: acme-cmu }
`);
  const vias = run.events('probe').map((p) => `${p.node}:${p.via}`);
  assert.equal(vias.slice(0, 1), ['a:add']);
  assert.ok(vias.includes('a:deferred'));
  assert.ok(vias.includes('hp:add'));
  assert.ok(vias.includes('hp:bind'));
  assert.ok(vias.includes('cmu:register'));
  assert.is(run.device('a').state, 'bound');
});

K('K2.4 after a probe() deferral the next matching driver is tried; after a core step deferral it is not', () => {
  const run = runYaml(`
description: two drivers
nodes:
  a: { compatible: [x,a] }
drivers:
  drv-first: { compatible: [x,a], initcall: core }
  drv-second: { compatible: [x,a], initcall: core }
faults:
  a: { probe: [-EPROBE_DEFER] }
`);
  assert.equal(run.events('probe').map((p) => `${p.driver}:${p.result.type}`).slice(0, 2), ['drv-first:defer', 'drv-second:bound']);
  assert.is(run.device('a').driver, 'drv-second');
  const core = runYaml(`
description: core step
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  a: { compatible: [x,a], clocks: [cmu] }
drivers:
  drv-first: { compatible: [x,a], initcall: core }
  drv-second: { compatible: [x,a], initcall: core }
`);
  const first = core.result.events.flatMap((e) => (e.time === 0 && e.body.kind === 'probe' && e.body.node === 'a' ? [e.body] : []));
  assert.is(first[0].driver, 'drv-first');
  assert.is(first[0].result.type, 'defer');
  assert.is(first.filter((p) => p.driver === 'drv-second').length, 0, 'a K3.1 deferral tries no other driver');
  // After the timeout relaxes the link (K8.5), the clock check inside probe() defers: now drv-second is tried.
  assert.equal(core.events('probe').slice(-2).map((p) => p.driver), ['drv-first', 'drv-second']);
});

K('K3.1 a blocking device link to an unbound supplier defers with "supplier X not ready"', () => {
  const run = runYaml(clockConsumer());
  const first = run.events('probe').find((p) => p.node === 'uart');
  assert.equal(first?.result, { type: 'defer', cause: { kind: 'supplier', supplier: 'cmu', link: 'device', pinConfig: false } });
  assert.ok(run.lines('uart').includes('uart: probe acme-uart: deferred: supplier cmu not ready [K3.1] -> pending'));
});

K('K3.2 DMA configuration comes after the link check and before power domains', () => {
  const run = runYaml(`
description: order of steps
nodes:
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
  pd: { compatible: [acme,pd], power-domain-cells: 0 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1], power-domains: [pd] }
drivers:
  acme-dpu: { compatible: [acme,dpu], initcall: core }
  acme-pd: { compatible: [acme,pd], initcall: subsys }
  arm-smmu: { compatible: [arm,smmu], initcall: device }
kernel: { fw_devlink: off }
`);
  const dpu = run.events('probe').filter((p) => p.node === 'dpu').map((p) => (p.result.type === 'defer' ? p.result.cause.kind : p.result.type));
  assert.equal(dpu, ['iommu-absent', 'bound']);
});

K('K3.3 power domain attach comes before the driver probe() and its clocks', () => {
  const run = runYaml(`
description: pd before clocks
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  pd: { compatible: [acme,pd], power-domain-cells: 0 }
  dev: { compatible: [acme,dev], power-domains: [pd], clocks: [cmu] }
drivers:
  acme-dev: { compatible: [acme,dev], initcall: core }
  acme-pd: { compatible: [acme,pd], build: module }
  acme-cmu: { compatible: [acme,cmu], build: module }
kernel: { fw_devlink: off }
`);
  assert.equal(run.device('dev').cause, { kind: 'power-domain-absent', domain: 'pd' });
});

K('K3.4 probe() checks clocks, then probe-waits-for, then injected results', () => {
  const run = runYaml(`
description: inside probe
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  other: { compatible: [acme,other] }
  dev: { compatible: [acme,dev], clocks: [cmu], probe-waits-for: [other] }
drivers:
  acme-cmu: { compatible: [acme,cmu], initcall: core }
  acme-dev: { compatible: [acme,dev], initcall: core }
  acme-other: { compatible: [acme,other], initcall: subsys }
faults:
  dev: { probe: [-EPROBE_DEFER, ok] }
kernel: { fw_devlink: off }
`);
  const causes = run.events('probe').filter((p) => p.node === 'dev').map((p) => (p.result.type === 'defer' ? p.result.cause.kind : p.result.type));
  assert.equal(causes, ['waits-for', 'injected', 'bound']);
});

K('K3.5 inside probe() the providers register and the children are added and probed; then the device binds and the trigger fires', () => {
  const run = runYaml(`
description: bind side effects
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0, children: { sub: { compatible: [acme,sub] } } }
  uart: { compatible: [acme,uart], clocks: [cmu] }
drivers:
  acme-uart: { compatible: [acme,uart], initcall: core }
  acme-sub: { compatible: [acme,sub], initcall: core }
  acme-cmu: { compatible: [acme,cmu], build: module }
timeline:
  - { at: 1, modprobe: acme-cmu }
`);
  const modprobe = run.lines().indexOf('-: driver acme-cmu registered (module) [K10.1]');
  assert.equal(run.lines().slice(modprobe + 2, modprobe + 7), [
    'cmu: registered provider(s): clock [K3.5]',
    'sub: device added',
    'sub: probe acme-sub: bound',
    '-: deferred trigger: 1 pending -> active [K4.2]',
    'cmu: probe acme-cmu: bound',
  ]);
  assert.ok(run.device('sub').bound_seq! < run.device('cmu').bound_seq!);
  assert.is(run.device('uart').state, 'bound');
});

K('K3.6 -ENODEV is a silent rejection, other errors fail; neither goes on the deferred list', () => {
  const run = runYaml(`
description: errors
nodes:
  a: { compatible: [x,a] }
  b: { compatible: [x,b] }
  c: { compatible: [x,c] }
drivers:
  drv-a: { compatible: [x,a] }
  drv-b: { compatible: [x,b] }
  drv-c: { compatible: [x,c] }
faults:
  a: { probe: [-ENODEV] }
  b: { probe: [-EIO] }
`);
  assert.is(run.device('a').state, 'rejected');
  assert.is(run.device('b').state, 'failed');
  assert.is(run.device('b').error, '-EIO');
  assert.is(run.device('a').attempts, 1);
  assert.is(run.device('b').attempts, 1);
  assert.ok(run.lines('b').includes('b: probe drv-b: failed: "probe with driver drv-b failed with error -5" (-EIO): probe() returned -EIO (injected) [K3.6]'));
  const old = runYaml(`
description: errors, 6.8 wording
kernel: { profile: v6.8 }
nodes:
  b: { compatible: [x,b] }
drivers:
  drv-b: { compatible: [x,b] }
faults:
  b: { probe: [-EIO] }
`);
  assert.ok(old.lines('b').includes('b: probe drv-b: failed: "drv-b: probe of b failed with error -5" (-EIO): probe() returned -EIO (injected) [K3.6]'));
});

K('K4.1 deferred devices are retried in FIFO order, one attempt each', () => {
  const run = runYaml(`
description: fifo
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  c1: { compatible: [x,c1], clocks: [cmu] }
  c2: { compatible: [x,c2], clocks: [cmu] }
drivers:
  drv-c2: { compatible: [x,c2], initcall: subsys }
  drv-c1: { compatible: [x,c1], initcall: fs }
  acme-cmu: { compatible: [acme,cmu], initcall: device }
`);
  // c2 deferred first (subsys before fs), so it is retried first.
  assert.equal(bindOrder(run), ['cmu', 'c2', 'c1']);
  assert.is(run.device('c1').attempts, 2);
});

K('K4.2 before deferred_probe_initcall the trigger does nothing', () => {
  const run = runYaml(clockConsumer('fs'));
  const lines = run.lines();
  assert.ok(lines.includes('-: deferred trigger ignored before late_initcall (1 pending) [K4.2]'));
  const uartBound = lines.indexOf('uart: probe acme-uart (deferred retry): bound');
  assert.ok(uartBound > lines.indexOf('-: late_initcall: deferred_probe_initcall, pass 1 [K4.3]'));
});

K('K4.3 deferred_probe_initcall runs two passes with initcalls_done between them, then arms the timeout', () => {
  const run = runYaml(clockConsumer());
  const kinds = run.result.events.map((e) => e.body.kind);
  const order = ['deferred-initcall', 'initcalls-done', 'deferred-initcall', 'timeout-armed', 'user-space'];
  assert.equal(kinds.filter((k) => order.includes(k)), order);
  assert.is(run.events('timeout-armed')[0].expires, 10_000_000);
});

K('K4.4 a device still pending at the end is reported pending; the timeout line takes the form of the kernel version', () => {
  const neverYaml = (profile: string) => `
description: never
kernel: { profile: ${profile} }
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  uart: { compatible: [acme,uart], clocks: [cmu] }
drivers:
  acme-uart: { compatible: [acme,uart] }
  acme-cmu: { compatible: [acme,cmu], build: module }
`;
  const run = runYaml(neverYaml('v6.12'));
  assert.is(run.device('uart').state, 'pending');
  assert.is(run.device('uart').waiting_for, 'cmu');
  // drivers-done relaxed the link (cmu never matched a driver); the clock lookup in probe() still defers.
  assert.ok(run.lines('uart').includes('uart: warning: deferred probe pending: clock provider cmu not registered [K9.3]'));
  assert.ok(runYaml(neverYaml('v6.8')).lines('uart').includes('uart: deferred probe pending: clock provider cmu not registered [K9.3]'));
  assert.ok(runYaml(neverYaml('v6.1')).lines('uart').includes('uart: deferred probe pending [K9.3]'));
  // v4.12 has no timeout: nothing prints the line, the final table still says pending.
  const old = runYaml(neverYaml('v4.12'));
  assert.is(old.events('deferred-pending').length, 0);
  assert.is(old.device('uart').state, 'pending');
});

const iommuBoard = (extra: string, smmuDriver = '{ compatible: [arm,smmu] }') => `
description: iommu case
nodes:
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 0x800] }
drivers:
  acme-dpu: { compatible: [acme,dpu], initcall: subsys }
  arm-smmu: ${smmuDriver}
${extra}`;

K('K5.1 no iommus: direct DMA and no deferral', () => {
  const run = runYaml(clockConsumer('core'));
  assert.is(run.device('uart').dma, 'direct');
  assert.is(run.device('uart').attempts, 1);
});

K('K5.2 an iommus entry on a disabled IOMMU gives direct DMA without deferral', () => {
  const run = runYaml(iommuBoard('').replace('iommu-cells: 1 }', 'iommu-cells: 1, status: disabled }'));
  assert.is(run.device('dpu').dma, 'direct');
  assert.is(run.device('dpu').attempts, 1);
  assert.ok(run.lines('dpu').includes('dpu: dma direct: IOMMU smmu disabled, no IOMMU [K5.2]'));
});

K('K5.3 case 2: a registered IOMMU translates the master, which gets IOMMU DMA', () => {
  const run = runYaml(iommuBoard('', '{ compatible: [arm,smmu], initcall: core }'));
  assert.is(run.device('dpu').dma, 'iommu');
  assert.equal(run.device('dpu').iommus, ['smmu']);
});

K('K5.4 the first failing entry ends the loop; the partial setup is kept up to v6.8 and discarded since v6.12', () => {
  const yaml = `
description: two iommus, second disabled
nodes:
  smmu0: { compatible: [arm,smmu], iommu-cells: 1 }
  smmu1: { compatible: [arm,smmu], iommu-cells: 1, status: disabled }
  dpu: { compatible: [acme,dpu], iommus: [smmu0 1, smmu1 2] }
drivers:
  arm-smmu: { compatible: [arm,smmu], initcall: core }
  acme-dpu: { compatible: [acme,dpu] }
`;
  const discarded = runYaml(yaml, { profile: 'v6.12' });
  assert.equal([discarded.device('dpu').dma, discarded.device('dpu').iommus], ['direct', []]);
  for (const profile of ['v4.12', 'v6.1', 'v6.8'] as const) {
    const kept = runYaml(yaml, { profile });
    assert.equal([kept.device('dpu').dma, kept.device('dpu').iommus], ['direct', ['smmu0']], profile);
  }
  const xlate = runYaml(iommuBoard('faults:\n  dpu: { xlate: -EINVAL }', '{ compatible: [arm,smmu], initcall: core }'));
  assert.is(xlate.device('dpu').dma, 'direct');
  assert.is(xlate.device('dpu').state, 'bound');
  // v6.12+: a deferred of_xlate frees the fwspec and the retry translates (and defers) again.
  const deferred = runYaml(iommuBoard('faults:\n  dpu: { xlate: -EPROBE_DEFER }', '{ compatible: [arm,smmu], initcall: core }'));
  assert.is(deferred.device('dpu').state, 'pending');
  // v6.1, v6.8: the fwspec stays; the retry takes the early exit and binds with direct DMA.
  const kept = runYaml(iommuBoard('kernel: { profile: v6.1 }\nfaults:\n  dpu: { xlate: -EPROBE_DEFER }', '{ compatible: [arm,smmu], initcall: core }'));
  assert.equal([kept.device('dpu').state, kept.device('dpu').dma, kept.device('dpu').attempts], ['bound', 'direct', 2]);
  assert.ok(kept.lines('dpu').includes('dpu: warning: Failed to set up IOMMU for device dpu; retaining platform DMA ops [K5.4]'));
});

K('K5.3/K5.4 one IOMMU instance per device; another IOMMU driver\'s entry is -EINVAL; a later unregistered entry is -EINVAL up to v6.8, a deferral since v6.12', () => {
  const yaml = (profile: string, second: string) => `
description: several iommus entries
kernel: { profile: ${profile} }
nodes:
  smmu0: { compatible: [arm,smmu], iommu-cells: 1 }
  smmu1: { compatible: [arm,smmu], iommu-cells: 1 }
  dart: { compatible: [apple,dart], iommu-cells: 1 }
  late: { compatible: [arm,smmu-late], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu0 1, ${second} 2] }
drivers:
  arm-smmu: { compatible: [arm,smmu], initcall: core }
  apple-dart: { compatible: [apple,dart], initcall: core }
  late-smmu: { compatible: [arm,smmu-late], build: module }
  acme-dpu: { compatible: [acme,dpu] }
`;
  const same = runYaml(yaml('v6.15', 'smmu1'));
  assert.equal([same.device('dpu').dma, same.device('dpu').iommus], ['iommu', ['smmu0']]);
  const other = runYaml(yaml('v6.15', 'dart'));
  assert.equal([other.device('dpu').state, other.device('dpu').dma], ['bound', 'direct']);
  assert.ok(other.lines('dpu').some((line) => line.includes("IOMMU dart has another driver than the first entry's: -EINVAL")));
  const einval = runYaml(yaml('v6.8', 'late'));
  assert.equal([einval.device('dpu').state, einval.device('dpu').dma, einval.device('dpu').attempts], ['bound', 'direct', 1]);
  const defers = runYaml(yaml('v6.12', 'late'));
  assert.is(defers.device('dpu').attempts > 1, true);
  assert.is(defers.lines('dpu')[1], 'dpu: probe acme-dpu: deferred: IOMMU late not registered [K5.5] -> pending');
});

K('K5.5 case 3 under check_state: 3a without modules gets direct DMA with a warning, 3b waits, the timeout ends the wait', () => {
  const noModules = runYaml(iommuBoard('kernel: { modules: false }', '{ compatible: [arm,smmu], build: absent }'));
  assert.is(noModules.device('dpu').dma, 'direct');
  assert.ok(noModules.lines('dpu').includes('dpu: warning: ignoring dependency for device, assuming no driver [K5.5]'));
  const late = runYaml(iommuBoard('timeline:\n  - { at: 5, modprobe: arm-smmu }', '{ compatible: [arm,smmu], build: module }'));
  assert.is(late.device('dpu').dma, 'iommu');
  const tooLate = runYaml(iommuBoard('timeline:\n  - { at: 12, modprobe: arm-smmu }', '{ compatible: [arm,smmu], build: module }'));
  assert.is(tooLate.device('dpu').dma, 'direct');
  assert.ok(tooLate.lines('dpu').includes('dpu: warning: deferred probe timeout, ignoring dependency [K5.5]'));
  const v412 = runYaml(iommuBoard('', '{ compatible: [arm,smmu], build: absent }'), { profile: 'v4.12' });
  assert.ok(v412.lines('dpu').includes('dpu: dma direct: no driver declared for IOMMU smmu [K5.5]'));
  const v412late = runYaml(iommuBoard('faults:\n  smmu: { probe: [-EIO] }', '{ compatible: [arm,smmu], initcall: late }'), { profile: 'v4.12' });
  assert.is(v412late.device('dpu').state, 'pending', 'v4.12: still deferred when user space starts, nothing retries it');
});

K('K5.6 policy iommu_probe_failed: wait defers, ignore gives direct DMA, fail fails with the IOMMU error', () => {
  const board = (policy: string) =>
    iommuBoard(`faults:\n  smmu: { probe: [-EIO] }\npolicy: { iommu_probe_failed: ${policy} }\nkernel: { deferred_probe_timeout: -1 }`, '{ compatible: [arm,smmu], initcall: core }');
  assert.is(runYaml(board('wait')).device('dpu').state, 'pending');
  const ignore = runYaml(board('ignore'));
  assert.equal([ignore.device('dpu').state, ignore.device('dpu').dma], ['bound', 'direct']);
  const fail = runYaml(board('fail'));
  assert.equal([fail.device('dpu').state, fail.device('dpu').error], ['failed', '-EIO']);
  const xlateFail = runYaml(
    iommuBoard('faults:\n  dpu: { xlate: -ENODEV }\npolicy: { iommu_xlate_failed: fail }', '{ compatible: [arm,smmu], initcall: core }'),
  );
  assert.is(xlateFail.device('dpu').state, 'rejected');
});

K('K5.7 v3.19 configures DMA at device add and never defers', () => {
  const run = runYaml(iommuBoard('', '{ compatible: [arm,smmu], initcall: subsys }'), { profile: 'v3.19' });
  assert.is(run.device('dpu').dma, 'direct', 'the IOMMU registered after the device was added');
  assert.is(run.device('dpu').attempts, 1);
  const early = runYaml(iommuBoard('', '{ compatible: [arm,smmu], initcall: core }'), { profile: 'v3.19' });
  assert.is(early.device('dpu').dma, 'iommu');
});

K('K5.8 v6.15 replays DMA setup for unbound devices when their IOMMU registers; v6.8 does not', () => {
  const yaml = `
description: replay
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1], clocks: [cmu] }
drivers:
  arm-smmu: { compatible: [arm,smmu], initcall: subsys }
  acme-dpu: { compatible: [acme,dpu], initcall: core }
  acme-cmu: { compatible: [acme,cmu], build: absent }
kernel: { deferred_probe_timeout: -1 }
`;
  const v615 = runYaml(yaml, { profile: 'v6.15' });
  assert.equal([v615.device('dpu').state, v615.device('dpu').dma], ['pending', 'iommu']);
  assert.is(v615.events('iommu-replay').length, 1);
  const v68 = runYaml(yaml, { profile: 'v6.8' });
  assert.equal([v68.device('dpu').state, v68.device('dpu').dma], ['pending', null]);
});

K('K6.1 v6.x: a power-on failure detaches and defers, and power-on is tried again at every attempt', () => {
  const yaml = (profile: string, fault: string) => `
description: power on fails
kernel: { profile: ${profile}, modules: false }
nodes:
  pd: { compatible: [acme,pd], power-domain-cells: 0 }
  dev: { compatible: [acme,dev], power-domains: [pd] }
drivers:
  acme-pd: { compatible: [acme,pd], initcall: core }
  acme-dev: { compatible: [acme,dev] }
faults:
  pd: { power-on: ${fault} }
`;
  const run = runYaml(yaml('v6.12', '-ETIMEDOUT'));
  assert.equal([run.device('dev').state, run.device('dev').attempts], ['pending', 3]);
  assert.is(run.lines('dev').filter((l) => l === 'dev: power domain pd: power on failed -ETIMEDOUT: detached, -EPROBE_DEFER [K6.1]').length, 3);
  // A list gives successive results, then success.
  const list = runYaml(yaml('v6.12', '[-EIO, -ETIMEDOUT]'));
  assert.equal([list.device('dev').state, list.device('dev').attempts], ['bound', 3]);
  assert.ok(list.lines('dev').includes('dev: power domain pd: attached, powered on [K6.1]'));
  // v4.12: the failed attempt defers and leaves the device attached; the retry probes with the domain off.
  const once = runYaml(yaml('v4.12', '-ETIMEDOUT'));
  assert.equal([once.device('dev').state, once.device('dev').attempts], ['bound', 2]);
  assert.ok(once.lines('dev').includes('dev: power domain pd: already attached (-EEXIST, ignored), probing with the domain off [K6.1]'));
  // v3.19: the power-on result is ignored.
  const ignored = runYaml(yaml('v3.19', '-ETIMEDOUT'));
  assert.equal([ignored.device('dev').state, ignored.device('dev').attempts], ['bound', 1]);
});

K('K6.2 a missing power domain: check_state rejects without modules, fails -110 after the timeout, v4.12 waits', () => {
  const board = (kernel: string) => `
description: missing pd
nodes:
  pd: { compatible: [acme,pd], power-domain-cells: 0 }
  dev: { compatible: [acme,dev], power-domains: [pd] }
drivers:
  acme-dev: { compatible: [acme,dev] }
kernel: ${kernel}
`;
  assert.is(runYaml(board('{ modules: false, fw_devlink: off }')).device('dev').state, 'rejected');
  const timeout = runYaml(board('{ fw_devlink: off }'));
  assert.equal([timeout.device('dev').state, timeout.device('dev').error], ['failed', '-ETIMEDOUT']);
  assert.is(runYaml(board('{ profile: v4.12 }')).device('dev').state, 'pending');
});

K('K7.1 a missing clock provider defers forever: no timeout rescues it', () => {
  const run = runYaml(`
description: clock never
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  dev: { compatible: [acme,dev], clocks: [cmu] }
drivers:
  acme-dev: { compatible: [acme,dev] }
kernel: { modules: false, deferred_probe_timeout: 5 }
`);
  assert.is(run.device('dev').state, 'pending');
  assert.equal(run.device('dev').cause, { kind: 'provider', reference: 'clocks', provider: 'cmu' });
});

K('K7.2 resets, phys, interconnects and supplies behave like clocks', () => {
  for (const [kind, cells] of [['resets', 'reset-cells'], ['phys', 'phy-cells'], ['interconnects', 'interconnect-cells'], ['supplies', 'regulator-cells']]) {
    const run = runYaml(`
description: ${kind}
nodes:
  prov: { compatible: [acme,prov], ${cells}: 0 }
  dev: { compatible: [acme,dev], ${kind}: [prov] }
drivers:
  acme-dev: { compatible: [acme,dev] }
kernel: { fw_devlink: off }
`);
    assert.is(run.device('dev').state, 'pending', kind);
    assert.equal(run.device('dev').cause, { kind: 'provider', reference: kind, provider: 'prov' }, kind);
  }
});

K('K7.3 a missing pin controller: v6.x defers for ever with modules and goes on without pins at once without them; v4.12 always defers', () => {
  const yaml = (kernel: string) => `
description: pinctrl
nodes:
  pio: { compatible: [acme,pio], pinctrl-cells: 0 }
  dev: { compatible: [acme,dev], pinctrl: [pio] }
drivers:
  acme-dev: { compatible: [acme,dev] }
kernel: { fw_devlink: off${kernel} }
`;
  const modules = runYaml(yaml(''));
  assert.equal([modules.device('dev').state, modules.device('dev').waiting_for], ['pending', 'pio']);
  const noModules = runYaml(yaml(', modules: false'));
  assert.equal([noModules.device('dev').state, noModules.device('dev').attempts], ['bound', 1]);
  assert.ok(noModules.lines('dev').includes('dev: pin controller pio not registered, no modules: -ENODEV ignored, no pin setup [K7.3]'));
  assert.is(runYaml(yaml(', modules: false, profile: v4.12')).device('dev').state, 'pending');
  // v4.19–v5.19 asked check_state: the timeout let the device go on.
  const driverDeferredProbeCheckState = runYaml(yaml(', pinctrl_missing: check-state'));
  assert.equal([driverDeferredProbeCheckState.device('dev').state, driverDeferredProbeCheckState.device('dev').bound_time], ['bound', 10]);
});

K('K7.3/K8.3 with fw_devlink on, a pinctrl reference waits on a firmware link until the controller binds, even without modules', () => {
  const run = runYaml(`
description: pinctrl link
kernel: { modules: false }
nodes:
  pio: { compatible: [acme,pio], pinctrl-cells: 0 }
  dev: { compatible: [acme,dev], pinctrl: [pio] }
drivers:
  acme-dev: { compatible: [acme,dev] }
`);
  assert.equal([run.device('dev').state, run.device('dev').waiting_for], ['pending', 'pio']);
  assert.ok(run.lines('dev').includes('dev: probe acme-dev: deferred: wait for supplier pio (pin configuration) [K8.3] -> pending'));
  assert.is(run.events('link-relaxed').length, 0);
});

K('K8.1 fw_devlink links clocks and power domains but not iommus or probe-waits-for unless strict', () => {
  const yaml = `
description: links
nodes:
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1] }
drivers:
  acme-dpu: { compatible: [acme,dpu], initcall: core }
  arm-smmu: { compatible: [arm,smmu], initcall: subsys }
`;
  const plain = runYaml(yaml);
  assert.is(plain.device('dpu').cause, null);
  assert.equal(plain.events('probe')[0].result, { type: 'defer', cause: { kind: 'iommu-absent', iommu: 'smmu' } });
  const strict = runYaml(yaml.replace('description: links', 'description: links\nkernel: { fw_devlink_strict: true }'));
  assert.equal(strict.events('probe')[0].result, { type: 'defer', cause: { kind: 'supplier', supplier: 'smmu', link: 'device', pinConfig: false } });
});

K('K8.2 permissive links never block; off makes none', () => {
  for (const mode of ['permissive', 'off']) {
    const run = runYaml(clockConsumer().replace('description: a clock controller and one consumer', `description: m\nkernel: { fw_devlink: ${mode} }`));
    assert.equal(run.events('probe')[0].result, { type: 'defer', cause: { kind: 'provider', reference: 'clocks', provider: 'cmu' } }, mode);
  }
});

K('K8.3 no link to a disabled node or an early provider; a child links to its parent; a not-yet-created child holds a firmware link ("wait for supplier")', () => {
  const run = runYaml(`
description: link exceptions
nodes:
  bus: { compatible: [acme,bus], clock-cells: 0, children: { ctrl: { compatible: [acme,ctrl], clock-cells: 0, clocks: [bus] } } }
  dev: { compatible: [acme,dev], clocks: [ctrl] }
drivers:
  acme-dev: { compatible: [acme,dev], initcall: core }
  acme-ctrl: { compatible: [acme,ctrl], initcall: core }
  acme-bus: { compatible: [acme,bus], initcall: subsys }
`);
  assert.equal(run.events('probe')[0], { kind: 'probe', node: 'dev', driver: 'acme-dev', via: 'add', result: { type: 'defer', cause: { kind: 'supplier', supplier: 'ctrl', link: 'fwnode', pinConfig: false } }, listed: 'pending' });
  assert.ok(run.lines('dev').includes('dev: probe acme-dev: deferred: wait for supplier ctrl [K8.3] -> pending'));
  // The child's link to its parent is made (6.1, 6.12): added inside the parent's probe, it defers until the parent binds.
  assert.ok(run.lines('ctrl').includes('ctrl: probe acme-ctrl: deferred: supplier bus not ready [K3.1] -> pending'));
  assert.is(run.device('ctrl').attempts, 2);
  assert.is(run.device('dev').state, 'bound');
});

K('K8.4 (v6.1) a cycle is found when its later member is added; its links stop blocking and the trace names it there', () => {
  const run = runYaml(`
description: cycle
kernel: { profile: v6.1, modules: false }
nodes:
  a: { compatible: [x,a], pinctrl-cells: 0, clocks: [b] }
  b: { compatible: [x,b], clock-cells: 0, pinctrl: [a] }
drivers:
  drv-a: { compatible: [x,a] }
  drv-b: { compatible: [x,b] }
`);
  assert.equal(run.events('devlink-cycle'), [{ kind: 'devlink-cycle', nodes: ['a', 'b'] }]);
  const lines = run.lines();
  assert.is(lines.indexOf('-: fw_devlink: fixed dependency cycle(s) a b [K8.4]'), lines.indexOf('b: device added') + 1);
  // Without blocking links, b's pinctrl step finds no pin controller and, with modules off, goes on without pins (K7.3).
  assert.equal(bindOrder(run), ['b', 'a']);
});

K('K8.5 drivers-done relaxes links to suppliers that never matched a driver, not to those that failed', () => {
  const run = runYaml(`
description: drivers done
nodes:
  nodrv: { compatible: [acme,nodrv], phy-cells: 0 }
  broken: { compatible: [acme,broken], phy-cells: 0 }
  d1: { compatible: [acme,d1], phys: [nodrv] }
  d2: { compatible: [acme,d2], phys: [broken] }
drivers:
  acme-broken: { compatible: [acme,broken] }
  acme-d1: { compatible: [acme,d1] }
  acme-d2: { compatible: [acme,d2] }
faults:
  broken: { probe: [-EIO] }
kernel: { modules: false }
`);
  assert.equal(run.events('link-relaxed'), [{ kind: 'link-relaxed', node: 'd1', supplier: 'nodrv', why: 'drivers-done' }]);
  assert.equal(run.device('d1').cause, { kind: 'provider', reference: 'phys', provider: 'nodrv' });
  assert.equal(run.device('d2').cause, { kind: 'supplier', supplier: 'broken', link: 'device', pinConfig: false });
});

K('K8.5 after drivers-done a device added with no driver unblocks its consumers at once but queues no retry', () => {
  const run = runYaml(`
description: driverless supplier added late
kernel: { modules: false }
nodes:
  phy: { compatible: [acme,phy], phy-cells: 0, hotplug: true }
  cam: { compatible: [acme,cam], phys: [phy] }
  dock: { compatible: [acme,dock], hotplug: true }
drivers:
  acme-cam: { compatible: [acme,cam] }
  acme-dock: { compatible: [acme,dock] }
timeline:
  - { at: 1, add: phy }
  - { at: 2, add: dock }
`);
  // A firmware link to a device that does not exist yet is never relaxed by drivers-done (K8.3).
  assert.ok(run.lines('cam').includes('cam: probe acme-cam: deferred: wait for supplier phy [K8.3] -> pending'));
  const relaxed = run.result.events.find((e) => e.body.kind === 'link-relaxed');
  assert.equal(relaxed?.body, { kind: 'link-relaxed', node: 'cam', supplier: 'phy', why: 'no-driver-added' });
  assert.is(relaxed?.time, 1_000_000);
  // No retry at 1 s; the dock's bind at 2 s fires the trigger and cam's retry meets the phy step.
  const retries = run.result.events.filter((e) => e.body.kind === 'probe' && e.body.node === 'cam' && e.body.via === 'deferred');
  assert.ok(retries.every((e) => e.time !== 1_000_000));
  assert.equal(run.device('cam').cause, { kind: 'provider', reference: 'phys', provider: 'phy' });
});

K('K9.1 the timeout defaults to 10 s with modules, 0 without; -1 never expires', () => {
  assert.is(runYaml(clockConsumer()).knobs.deferred_probe_timeout, 10);
  assert.is(runYaml(clockConsumer().replace('description: a', 'kernel: { modules: false }\ndescription: a')).knobs.deferred_probe_timeout, 0);
  assert.is(runYaml(clockConsumer(), { profile: 'v4.12' }).knobs.deferred_probe_timeout, -1);
  const never = runYaml(iommuBoard('kernel: { deferred_probe_timeout: -1 }', '{ compatible: [arm,smmu], build: module }'));
  assert.is(never.device('dpu').state, 'pending');
  assert.is(never.events('timeout-armed').length, 0);
});

K('K9.2 every driver registration while the timeout is armed pushes it to now + timeout', () => {
  const run = runYaml(`
description: extend
nodes:
  a: { compatible: [x,a] }
  smmu: { compatible: [arm,smmu], iommu-cells: 1 }
  dpu: { compatible: [acme,dpu], iommus: [smmu 1] }
drivers:
  drv-a: { compatible: [x,a], build: module }
  acme-dpu: { compatible: [acme,dpu] }
  arm-smmu: { compatible: [arm,smmu], build: module }
timeline:
  - { at: 8, modprobe: drv-a }
  - { at: 17, modprobe: arm-smmu }
`);
  assert.equal(run.events('timeout-extended').map((e) => e.expires), [18_000_000, 27_000_000]);
  assert.is(run.device('dpu').dma, 'iommu');
});

K('K9.3 at expiry: drivers-done, trigger, process, then the still-pending devices are reported', () => {
  const run = runYaml(iommuBoard('', '{ compatible: [arm,smmu], build: module }'));
  const kinds = run.result.events.map((e) => e.body.kind).filter((k) => ['timeout-expired', 'drivers-done', 'trigger', 'probe', 'deferred-pending'].includes(k));
  assert.equal(kinds.slice(-4), ['timeout-expired', 'drivers-done', 'trigger', 'probe']);
  assert.equal([run.device('dpu').state, run.device('dpu').dma, run.device('dpu').bound_time], ['bound', 'direct', 10]);
});

K('K10.1 modprobe registers a module driver; an absent driver never registers', () => {
  const run = runYaml(`
description: modules
nodes:
  a: { compatible: [x,a] }
  b: { compatible: [x,b] }
drivers:
  drv-a: { compatible: [x,a], build: module }
  drv-b: { compatible: [x,b], build: absent }
timeline:
  - { at: 3, modprobe: drv-a }
`);
  assert.equal([run.device('a').state, run.device('a').bound_time], ['bound', 3]);
  assert.is(run.device('b').state, 'no-driver');
});

K('K10.2 add creates a hotplug device, remove deletes it, unbind and bind detach and retry', () => {
  const run = runYaml(`
description: hotplug
nodes:
  cam: { compatible: [acme,cam], hotplug: true }
  a: { compatible: [x,a] }
drivers:
  acme-cam: { compatible: [acme,cam] }
  drv-a: { compatible: [x,a] }
timeline:
  - { at: 1, add: cam }
  - { at: 2, remove: cam }
  - { at: 3, unbind: a }
`);
  assert.is(run.device('cam').state, 'not-created');
  assert.equal(bindOrder(run), ['a', 'cam']);
  assert.is(run.device('a').state, 'unbound');
  assert.ok(run.lines('cam').includes('cam: device deleted [K10.2]'));
});

K('K10.3 unbinding a supplier unbinds its linked consumers first; they wait for it again', () => {
  const run = runYaml(`
description: unbind supplier
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 0 }
  uart: { compatible: [acme,uart], clocks: [cmu] }
  spi: { compatible: [acme,spi], probe-waits-for: [cmu] }
drivers:
  acme-cmu: { compatible: [acme,cmu] }
  acme-uart: { compatible: [acme,uart] }
  acme-spi: { compatible: [acme,spi] }
timeline:
  - { at: 1, unbind: cmu }
  - { at: 2, bind: cmu }
`);
  const at1 = run.result.events.filter((e) => e.time === 1_000_000).map((e) => e.body.kind);
  assert.equal(at1, ['timeline', 'unbind', 'warn', 'unbind', 'providers']);
  assert.equal(run.events('unbind').map((u) => `${u.node}<-${u.consumerOf}`), ['uart<-cmu', 'cmu<-null']);
  assert.is(run.device('uart').state, 'bound', 'uart rebinds after cmu is bound again');
  assert.is(run.device('uart').attempts, 2);
});

K('K11.1 ties follow file order: the same input always gives the same trace', () => {
  const yaml = iommuBoard('timeline:\n  - { at: 10, modprobe: arm-smmu }', '{ compatible: [arm,smmu], build: module }');
  const first = runYaml(yaml);
  assert.is(runYaml(yaml).trace, first.trace);
  // The timeout due at 10 s fires before the timeline entry at 10 s.
  const kinds = first.result.events.filter((e) => e.time === 10_000_000).map((e) => e.body.kind);
  assert.is(kinds[0], 'timeout-expired');
});

K('K11.2 the step bound turns a run that would go on into a livelock diagnostic', () => {
  const run = runYaml(clockConsumer('fs'), { stepBound: 2 });
  assert.ok(run.result.livelock);
  assert.equal(run.events('livelock')[0], { kind: 'livelock', attempts: 2, nodes: ['uart'] });
});

K.run();
