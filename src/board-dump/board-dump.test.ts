import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDevicesDeferred } from './parse-devices-deferred.js';
import { parseDevicesTsv } from './parse-devices-tsv.js';
import { parseDmesg } from './parse-dmesg.js';
import { readBoardDump, type NodeObservation } from './read-board-dump.js';

/** Dumps captured from real boots (`node oracle/boot.mjs`), committed under oracle/fixtures/<kernel>/<id>/. */
const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'oracle', 'fixtures');

function fixture(kernel: string, id: string) {
  const read = (name: string) => {
    const path = join(FIXTURES, kernel, id, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  return readBoardDump({ devicesTsv: read('devices.tsv'), devicesDeferred: read('devices_deferred'), dmesg: read('dmesg') });
}

/** The observation of one path, without the fields a test does not name. */
function at(nodes: NodeObservation[], path: string): NodeObservation {
  const found = nodes.find((node) => node.path === path);
  if (found === undefined) throw new Error(`no device at ${path} in the fixture`);
  return found;
}

const dmesg = suite('parseDmesg');

dmesg('reads the 6.12 wording: device prefixes, "probe with driver D failed", rejects match, pending with a reason', () => {
  const events = parseDmesg(
    [
      "[    0.003538] platform smmu: bus: 'platform': __driver_probe_device: matched device with driver arm-smmu",
      '[    0.003580] arm-smmu smmu: device is not behind an iommu',
      '[    0.003612] arm-smmu smmu: probe with driver arm-smmu failed with error -5',
      '[    0.020230] acme-temp sensor0: probe with driver acme-temp rejects match -19',
      "[    5.032112] acme-cam probe-run-hotplug:dock:cam: device is behind an iommu",
      "[    5.032200] acme-cam probe-run-hotplug:dock:cam: bus: 'platform': really_probe: bound device to driver acme-cam",
      '[   10.212138] platform i2s0: deferred probe pending: acme-i2s: clock 0',
      '[    0.027659] Run /init as init process',
      '[    0.027700] some other line',
    ].join('\n'),
  );
  assert.equal(events, [
    { kind: 'attempt', time: 0.003538, device: 'smmu', driver: 'arm-smmu' },
    { kind: 'dma', time: 0.00358, device: 'smmu', iommu: false },
    { kind: 'failed', time: 0.003612, device: 'smmu', driver: 'arm-smmu', error: -5 },
    { kind: 'rejected', time: 0.02023, device: 'sensor0', driver: 'acme-temp', error: -19 },
    { kind: 'dma', time: 5.032112, device: 'probe-run-hotplug:dock:cam', iommu: true },
    { kind: 'bound', time: 5.0322, device: 'probe-run-hotplug:dock:cam', driver: 'acme-cam' },
    { kind: 'pending', time: 10.212138, device: 'i2s0', reason: 'acme-i2s: clock 0' },
    { kind: 'init', time: 0.027659 },
  ]);
});

dmesg('reads the 6.1 wording: dd.c lines without a device prefix, "D: probe of X failed", pending without a reason', () => {
  const events = parseDmesg(
    [
      "[    0.004354] bus: 'platform': __driver_probe_device: matched device smmu with driver arm-smmu",
      '[    0.004414] arm-smmu: probe of smmu failed with error -5',
      '[    0.004500] acme-temp: probe of sensor0 rejects match -19',
      "[   10.208585] bus: 'platform': really_probe: bound device dpu to driver acme-dpu",
      '[   10.300000] platform dpu: deferred probe pending',
    ].join('\n'),
  );
  assert.equal(events, [
    { kind: 'attempt', time: 0.004354, device: 'smmu', driver: 'arm-smmu' },
    { kind: 'failed', time: 0.004414, device: 'smmu', driver: 'arm-smmu', error: -5 },
    { kind: 'rejected', time: 0.0045, device: 'sensor0', driver: 'acme-temp', error: -19 },
    { kind: 'bound', time: 10.208585, device: 'dpu', driver: 'acme-dpu' },
    { kind: 'pending', time: 10.3, device: 'dpu', reason: null },
  ]);
});

const files = suite('devices.tsv and devices_deferred');

files('devices.tsv: dashes are null, malformed lines are reported by number', () => {
  const { rows, bad } = parseDevicesTsv('platform\tdpu\t/dpu\tacme-dpu\t0\nplatform\treg-dummy\t-\treg-dummy\t-\nbroken line\n');
  assert.equal(rows, [
    { bus: 'platform', name: 'dpu', ofNode: '/dpu', driver: 'acme-dpu', iommuGroup: '0' },
    { bus: 'platform', name: 'reg-dummy', ofNode: null, driver: 'reg-dummy', iommuGroup: null },
  ]);
  assert.equal(bad, [3]);
});

files('devices_deferred: a reason after the tab, or none (IOMMU and genpd deferrals record none)', () => {
  assert.equal(parseDevicesDeferred('hdmi-phy\tplatform: supplier tcon-top not ready\ndpu\t\n'), [
    { name: 'hdmi-phy', reason: 'platform: supplier tcon-top not ready' },
    { name: 'dpu', reason: null },
  ]);
});

const real = suite('readBoardDump on real boots');

real('6.12 case 2: the master binds on its first attempt with IOMMU DMA and group 0, after its clock and its SMMU', () => {
  const dump = fixture('6.12', 'cases/case-2-iommu-probed');
  assert.equal(dump.missing, []);
  assert.equal(dump.unmapped, ['platform reg-dummy']);
  const dpu = at(dump.nodes, '/dpu');
  assert.equal({ ...dpu }, {
    path: '/dpu', device: 'dpu', bus: 'platform', state: 'bound', driver: 'acme-dpu', error: null, dma: 'iommu',
    iommuGroup: '0', attempts: 1, boundTime: -0.007218, bindOrder: 3, deferredReason: null,
  });
  assert.equal(['/cmu', '/smmu', '/dpu'].map((path) => at(dump.nodes, path).bindOrder), [1, 2, 3]);
  assert.is(at(dump.nodes, '/smmu').dma, 'direct');
  assert.is(at(dump.nodes, '/psci').state, 'no-driver');
});

real('6.12 case 3b: the SMMU binds on its third attempt, the display on its third with IOMMU DMA, both before user space', () => {
  const dump = fixture('6.12', 'cases/case-3b-iommu-defers');
  const smmu = at(dump.nodes, '/smmu');
  const dpu = at(dump.nodes, '/dpu');
  assert.equal([smmu.state, smmu.attempts, dpu.state, dpu.attempts, dpu.dma], ['bound', 3, 'bound', 3, 'iommu']);
  assert.ok((dpu.boundTime ?? 0) < 0 && (smmu.bindOrder ?? 0) < (dpu.bindOrder ?? 0));
});

real('case 3c on both kernels: the SMMU failed with -5 (each wording), the display gave up on it at the timeout', () => {
  for (const kernel of ['6.12', '6.1']) {
    const dump = fixture(kernel, 'cases/case-3c-iommu-failed');
    const smmu = at(dump.nodes, '/smmu');
    const dpu = at(dump.nodes, '/dpu');
    assert.equal([smmu.state, smmu.driver, smmu.error], ['failed', 'arm-smmu', -5], kernel);
    assert.equal([dpu.state, dpu.dma, dpu.iommuGroup], ['bound', 'direct', null], kernel);
    // Bound by the timeout work 10 s after the last driver registration, about 10.18 s after /init started.
    assert.ok(dpu.boundTime !== null && dpu.boundTime > 10 && dpu.boundTime < 10.5, `${kernel}: ${dpu.boundTime}`);
  }
});

real('6.1 case 2 reads the same as 6.12 from the other wording', () => {
  const dump = fixture('6.1', 'cases/case-2-iommu-probed');
  const dpu = at(dump.nodes, '/dpu');
  assert.equal([dpu.state, dpu.driver, dpu.dma, dpu.iommuGroup, dpu.attempts], ['bound', 'acme-dpu', 'iommu', '0', 1]);
  assert.equal(['/cmu', '/smmu', '/dpu'].map((path) => at(dump.nodes, path).bindOrder), [1, 2, 3]);
});

real('6.12 K3.6: rejected (-ENODEV, -ENXIO), failed (-EIO), and a device bound by its second matching driver after three attempts', () => {
  const dump = fixture('6.12', 'rules/k3.6-probe-results');
  assert.equal(
    ['/sensor0', '/sensor1', '/eth0', '/dsp'].map((path) => {
      const node = at(dump.nodes, path);
      return [node.state, node.driver, node.error, node.attempts];
    }),
    [
      ['rejected', 'acme-temp', -19, 1],
      ['rejected', 'acme-hall', -6, 1],
      ['failed', 'acme-eth', -5, 1],
      ['bound', 'acme-dsp2', null, 3],
    ],
  );
});

real('6.12 K4.4: pending devices carry the fw_devlink reason devices_deferred gives', () => {
  const dump = fixture('6.12', 'rules/k4.4-still-pending-at-the-end');
  assert.equal(
    ['/tcon-top', '/hdmi-phy', '/hdmi'].map((path) => [at(dump.nodes, path).state, at(dump.nodes, path).deferredReason]),
    [
      ['no-driver', null],
      ['pending', 'platform: supplier tcon-top not ready'],
      ['pending', 'platform: supplier hdmi-phy not ready'],
    ],
  );
});

real('6.12 hot-plug: devices added from the container are matched by their node path, not their name', () => {
  const dump = fixture('6.12', 'cases/iommu-on-hotplug-device');
  const cam = at(dump.nodes, '/probe-run-hotplug/dock/cam');
  assert.equal([cam.device, cam.state, cam.dma, cam.iommuGroup], ['probe-run-hotplug:dock:cam', 'bound', 'iommu', '0']);
  assert.ok((cam.boundTime ?? 0) > 4.9 && (cam.boundTime ?? 0) < 5.1, String(cam.boundTime));
});

real('6.1 K5.4: a retry after a deferred of_xlate says "behind an iommu", then fails to set it up: direct DMA', () => {
  const dump = fixture('6.1', 'rules/k5.4-xlate-defer-fwspec-kept-v6.1');
  const dpu = at(dump.nodes, '/dpu');
  assert.equal([dpu.state, dpu.dma, dpu.attempts], ['bound', 'direct', 2]);
});

real('a dump without dmesg says so and leaves attempts, DMA and times unknown', () => {
  const dump = readBoardDump({ devicesTsv: 'platform\tdpu\t/dpu\tacme-dpu\t0\n' });
  assert.equal(dump.missing, ['devices_deferred', 'dmesg']);
  assert.equal([dump.nodes[0].state, dump.nodes[0].attempts, dump.nodes[0].dma, dump.nodes[0].boundTime], ['bound', null, null, null]);
});

dmesg.run();
files.run();
real.run();
