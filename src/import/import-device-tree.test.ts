/** The import mapping rules on hand-built trees (SPEC section 8): populate, references, labels, early providers, drivers. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildFdt, cells, strings, type BuildNode } from '../../test/support/fdt-builder.js';
import { runEngine } from '../engine/run-engine.js';
import { loadScenario } from '../load/load-scenario.js';
import type { NodeSpec, Scenario } from '../model/scenario.js';
import { parseFdt } from '../fdt/parse-fdt.js';
import { importDeviceTree, profileForVersion, type ImportResult } from './import-device-tree.js';
import { emptyKernelBuild, type KernelBuild } from './kernel-build.js';

type Props = Record<string, Uint8Array>;
const n = (name: string, props: Props = {}, children: BuildNode[] = []): BuildNode => ({ name, properties: Object.entries(props).map(([k, value]) => ({ name: k, value })), children });
const compat = (...c: string[]) => strings(...c);
const empty = new Uint8Array(0);

function imported(root: BuildNode, kernel: KernelBuild | null = null): { result: ImportResult; scenario: Scenario; node: (path: string) => NodeSpec } {
  const parsed = parseFdt(buildFdt(root).bytes);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const result = importDeviceTree(parsed.tree, { source: 'test.dtb', kernel });
  const loaded = loadScenario(result.yaml, 'imported.yaml', 'imported');
  if (loaded.scenario === null || loaded.diagnostics.length > 0) throw new Error(`${loaded.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}\n${result.yaml}`);
  const scenario = loaded.scenario;
  return {
    result,
    scenario,
    node: (path) => {
      const found = scenario.nodes.find((x) => x.path === path);
      if (found === undefined) throw new Error(`no node ${path} in\n${result.yaml}`);
      return found;
    },
  };
}
const paths = (s: Scenario) => s.nodes.map((x) => x.path);
const refs = (node: NodeSpec) => node.references.map((r) => `${r.kind}:${[r.label, ...r.args].join(' ')}`);

const Populate = suite('import: populate (drivers/of/platform.c)');

Populate('root children with a compatible become devices; nodes without one, /chosen, /aliases, /cpus and /memory do not', () => {
  const { scenario } = imported(
    n('', { compatible: compat('acme,board') }, [
      n('chosen', { 'stdout-path': strings('serial0') }),
      n('aliases', { serial0: strings('/uart@1000') }),
      n('cpus', {}, [n('cpu@0', { compatible: compat('arm,cortex-a53') })]),
      n('memory@0', { device_type: strings('memory') }),
      n('uart@1000', { compatible: compat('acme,uart') }),
      n('opp-table', { compatible: compat('operating-points-v2') }),
      n('thermal-zones', {}),
    ]),
  );
  assert.equal(paths(scenario), ['/uart@1000']);
});

Populate('a simple-bus gets a device and its children are devices at populate, as top-level nodes; a device node only has children', () => {
  const { scenario, node } = imported(
    n('', {}, [
      n('soc', { compatible: compat('simple-bus') }, [
        n('i2c@2000', { compatible: compat('acme,i2c') }, [n('pmic@34', { compatible: compat('acme,pmic') }, [n('regulators', {})])]),
        n('syscon@3000', { compatible: compat('acme,grf', 'syscon', 'simple-mfd') }, [n('phy@10', { compatible: compat('acme,phy') })]),
      ]),
    ]),
  );
  assert.equal(paths(scenario), ['/soc', '/soc/i2c@2000', '/soc/i2c@2000/pmic@34', '/soc/syscon@3000', '/soc/syscon@3000/phy@10']);
  assert.is(node('/soc/i2c@2000/pmic@34').parent, node('/soc/i2c@2000').label, 'pmic is a child created by the i2c driver');
  assert.is(node('/soc/syscon@3000/phy@10').parent, null, 'simple-mfd children are populated with the bus');
});

Populate('status other than okay disables the node, and everything a disabled bus would have created', () => {
  const { scenario, node } = imported(
    n('', {}, [
      n('a', { compatible: compat('acme,a'), status: strings('disabled') }),
      n('b', { compatible: compat('acme,b'), status: strings('ok') }),
      n('bus', { compatible: compat('simple-bus'), status: strings('fail') }, [n('c', { compatible: compat('acme,c') })]),
    ]),
  );
  assert.equal(
    scenario.nodes.map((x) => `${x.path} ${x.status}`),
    ['/a disabled', '/b okay', '/bus disabled', '/bus/c disabled'],
  );
  assert.ok(node('/a'));
});

Populate('reserved-memory nodes of reserved_mem_matches come first, then /firmware children, then the root', () => {
  const { scenario } = imported(
    n('', {}, [
      n('uart', { compatible: compat('acme,uart') }),
      n('firmware', {}, [n('scmi', { compatible: compat('arm,scmi') }), n('optee', { compatible: compat('linaro,optee-tz') })]),
      n('reserved-memory', {}, [n('ramoops@0', { compatible: compat('ramoops') }), n('cma', { compatible: compat('shared-dma-pool') })]),
    ]),
  );
  assert.equal(paths(scenario), ['/reserved-memory/ramoops@0', '/firmware/scmi', '/firmware/optee', '/uart']);
});

const Early = suite('import: early providers (K1.3)');

Early('a GIC and a fixed-clock under a plain /clocks node are early drivers; interrupts to the GIC make no link', () => {
  const { scenario, node, result } = imported(
    n('', { 'interrupt-parent': cells(1) }, [
      n('clocks', {}, [n('osc', { compatible: compat('fixed-clock'), '#clock-cells': cells(0), phandle: cells(2) })]),
      n('gic@100', { compatible: compat('arm,gic-400'), '#interrupt-cells': cells(3), 'interrupt-controller': empty, phandle: cells(1) }),
      n('uart@1000', { compatible: compat('acme,uart'), clocks: cells(2), interrupts: cells(0, 5, 4) }),
    ]),
  );
  assert.equal(paths(scenario), ['/clocks/osc', '/gic@100', '/uart@1000']);
  assert.equal(
    scenario.drivers.filter((d) => d.early).map((d) => d.name),
    ['fixed-clock', 'arm,gic-400'],
  );
  assert.equal(refs(node('/uart@1000')), ['clocks:osc', 'interrupts:gic_100 0 5 4']);
  assert.is(result.summary.early, 2);
  const { result: run } = runEngine(scenario);
  assert.equal(
    run.devices.map((d) => `${d.name} ${d.state}`),
    ['osc early', 'gic_100 early', 'uart_1000 bound'],
  );
});

const References = suite('import: references (of_supplier_bindings)');

function board(): BuildNode {
  return n('', { '#address-cells': cells(1) }, [
    n('gic', { compatible: compat('arm,gic-400'), '#interrupt-cells': cells(3), phandle: cells(1) }),
    n('soc', { compatible: compat('simple-bus'), 'interrupt-parent': cells(1) }, [
      n('cru', { compatible: compat('acme,cru'), '#clock-cells': cells(1), '#reset-cells': cells(1), phandle: cells(2) }),
      n('pio', { compatible: compat('acme,pio'), '#gpio-cells': cells(2), '#interrupt-cells': cells(2), 'interrupt-controller': empty, phandle: cells(3) }, [
        n('uart0-pins', { pins: strings('PA1'), phandle: cells(4) }),
        n('hog', { 'gpio-hog': empty, gpios: cells(3, 1, 0) }),
      ]),
      n('i2c', { compatible: compat('acme,i2c'), 'pinctrl-0': cells(4), 'pinctrl-names': strings('default') }, [
        n('pmic@34', { compatible: compat('acme,pmic'), 'interrupts-extended': cells(3, 7, 8) }, [n('regulators', {}, [n('dcdc1', { 'regulator-name': strings('vcc'), phandle: cells(5) })])]),
      ]),
      n('mmc', {
        compatible: compat('acme,mmc'),
        clocks: cells(2, 10, 2, 11),
        resets: cells(2, 3),
        'vmmc-supply': cells(5),
        'cd-gpios': cells(3, 5, 1),
        'pinctrl-0': cells(4),
        interrupts: cells(0, 30, 4),
        'post-init-providers': cells(2),
        'bogus-supply': cells(99),
      }),
    ]),
  ]);
}

References('kinds, argument counts from #cells, pin configuration and regulator nodes standing for their device', () => {
  const { node, result } = imported(board());
  assert.equal(refs(node('/soc/mmc')), ['clocks:cru 10', 'clocks:cru 11', 'pinctrl:pio', 'resets:cru 3', 'gpios:pio 5 1', 'interrupts:gic 0 30 4', 'supplies:pmic_34', 'post-init-providers:cru']);
  assert.equal(node('/soc/pio').cells, { gpio: 2, interrupt: 2, pinctrl: 0 });
  assert.equal(node('/soc/i2c/pmic@34').cells, { regulator: 0 });
  assert.equal(refs(node('/soc/i2c/pmic@34')), ['interrupts:pio 7 8']);
  assert.match(result.yaml, /supplies: \[pmic_34\]  # vmmc-supply → \/soc\/i2c\/pmic@34\/regulators\/dcdc1: stands for \/soc\/i2c\/pmic@34/);
  assert.match(result.yaml, /# dropped: bogus-supply: phandle 99 names no node/);
  assert.match(result.yaml, /interrupts: \[gic 0 30 4\]  # interrupt parent \/gic inherited/);
  assert.is(result.summary.dropped, 1);
});

References('remote-endpoint links the devices owning the ports, both ways (a cycle fw_devlink fixes)', () => {
  const { node, scenario } = imported(
    n('', {}, [
      n('vop', { compatible: compat('acme,vop') }, [n('port', {}, [n('endpoint', { 'remote-endpoint': cells(2), phandle: cells(1) })])]),
      n('hdmi', { compatible: compat('acme,hdmi') }, [n('ports', {}, [n('port@0', {}, [n('endpoint', { 'remote-endpoint': cells(1), phandle: cells(2) })])])]),
    ]),
  );
  assert.equal(refs(node('/vop')), ['remote-endpoint:hdmi']);
  assert.equal(refs(node('/hdmi')), ['remote-endpoint:vop']);
  const { result } = runEngine(scenario);
  assert.equal(
    result.devices.map((d) => d.state),
    ['bound', 'bound'],
  );
});

const Labels = suite('import: labels');

Labels('__symbols__ labels first, else the node name made valid and unique', () => {
  const { scenario } = imported(
    n('', {}, [
      n('serial@1000', { compatible: compat('acme,uart') }),
      n('bus@0', { compatible: compat('simple-bus') }, [n('serial@1000', { compatible: compat('acme,uart') }), n('1wire', { compatible: compat('acme,w1') }), n('on', { compatible: compat('acme,on') })]),
      n('__symbols__', { uart_b: strings('/bus@0/serial@1000'), 'bad#label': strings('/serial@1000') }),
    ]),
  );
  assert.equal(
    scenario.nodes.map((x) => x.label),
    ['serial_1000', 'bus_0', 'uart_b', 'n_1wire', 'on_'],
  );
});

const Drivers = suite('import: drivers');

Drivers('without a kernel build every most specific compatible gets a guessed built-in driver, said in a comment', () => {
  const { scenario, result } = imported(n('', {}, [n('a', { compatible: compat('acme,a', 'acme,generic') }), n('b', { compatible: compat('acme,b', 'acme,generic') })]));
  assert.equal(
    scenario.drivers.map((d) => `${d.name} ${d.build} ${d.initcall}`),
    ['acme,a builtin device', 'acme,b builtin device'],
  );
  assert.match(result.yaml, /"acme,a": \{ compatible: \["acme,a"\] \}  # guessed: no --kernel/);
  assert.match(result.yaml, /^# Drivers: 0 built in, 0 modules, 2 guessed, 0 early/m);
});

Drivers('with a kernel build: built in from modules.builtin.modinfo, modules from modules.alias (loaded at 1 s), levels and link order from System.map', () => {
  const kernel: KernelBuild = {
    ...emptyKernelBuild(),
    modules: true,
    version: '6.12.30',
    builtin: new Map([
      ['acme,cru', 'clk_acme'],
      ['acme,pio', 'pinctrl_acme'],
    ]),
    moduleAlias: new Map([['acme,gpu', 'acme-gpu']]),
    initcalls: new Map([
      ['pinctrl_acme', { level: 'arch', order: 5, suffix: '3' }],
      ['clk_acme', { level: 'core', order: 2, suffix: '1' }],
    ]),
    sources: ['config', 'modules.builtin.modinfo', 'modules.alias', 'System.map'],
  };
  const { scenario, result } = imported(
    n('', {}, [n('gpu', { compatible: compat('acme,gpu') }), n('pio', { compatible: compat('acme,pio') }), n('cru', { compatible: compat('acme,cru') }), n('npu', { compatible: compat('acme,npu') })]),
    kernel,
  );
  assert.equal(
    scenario.drivers.map((d) => `${d.name} ${d.build} ${d.initcall}`),
    ['clk_acme builtin core', 'pinctrl_acme builtin arch', 'acme-gpu module device', 'acme,npu builtin device'],
  );
  assert.equal(scenario.kernel, { profile: 'v6.12', modules: true });
  assert.equal(
    scenario.timeline.map((t) => `${t.at} ${t.action} ${t.target}`),
    ['1 modprobe acme-gpu'],
  );
  assert.match(result.yaml, /"acme,npu".*# guessed: no alias in the kernel build/);
});

Drivers('the profile follows the kernel version', () => {
  assert.equal(
    ['6.1.192', '6.12.3', '6.10.1', '6.16.0', '5.10.0', '4.19.0', '3.19.8', null].map((v) => profileForVersion(v).profile),
    ['v6.1', 'v6.12', 'v6.8', 'v6.15', 'v4.12', 'v4.12', 'v3.19', 'v6.12'],
  );
});

Populate.run();
Early.run();
References.run();
Labels.run();
Drivers.run();
