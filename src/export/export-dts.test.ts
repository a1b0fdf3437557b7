import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Scenario } from '../model/scenario.js';
import { loadScenario } from '../load/load-scenario.js';
import { exportDts } from './export-dts.js';
import { kernelCmdline } from './kernel-cmdline.js';
import { numberNamedArgs } from './named-args.js';
import { planDeviceTree } from './plan-device-tree.js';

function load(yaml: string, id = 'small'): Scenario {
  const { scenario, diagnostics } = loadScenario(yaml, `${id}.yaml`, id);
  if (scenario === null) throw new Error(`test scenario is invalid: ${diagnostics.map((d) => d.message).join('; ')}`);
  return scenario;
}

/** Every feature of the export in one small board: early clock, named arguments, pinctrl, children, hot-plug, faults, module, timeline. */
const SMALL = `description: A small board for the export test.
kernel: { deferred_probe_timeout: 5, fw_devlink: permissive }
nodes:
  cmu: { compatible: [acme,cmu], clock-cells: 1 }
  pd_disp: { compatible: [acme,pd], power-domain-cells: 0 }
  pio: { compatible: [acme,pio], pinctrl-cells: 0 }
  smmu: { compatible: [arm,mmu-500], iommu-cells: 1, clocks: [cmu 3, cmu CLK_BUS] }
  dpu-0:
    compatible: [acme,dpu]
    iommus: [smmu 0x800]
    clocks: [cmu CLK_DPU]
    power-domains: [pd_disp]
    pinctrl: [pio]
    probe-waits-for: [smmu]
    dma-coherent: true
    children:
      dsi_0: { compatible: [acme,dsi], clocks: [cmu 9] }
  cam: { compatible: [acme,cam], hotplug: true }
  usb: { compatible: [acme,usb], status: disabled }
drivers:
  acme-cmu: { compatible: [acme,cmu], initcall: core, early: true }
  acme-pd: { compatible: [acme,pd], initcall: subsys }
  acme-pio: { compatible: [acme,pio] }
  arm-smmu: { compatible: [arm,mmu-500], build: module }
  acme-dpu: { compatible: [acme,dpu, acme,dsi] }
  acme-cam: { compatible: [acme,cam] }
faults:
  smmu: { probe: [-EPROBE_DEFER, -EPROBE_DEFER] }
  dpu-0: { xlate: -ENODEV }
  pd_disp: { power-on: -ETIMEDOUT }
timeline:
  - { at: 4, modprobe: arm-smmu }
  - { at: 20.5, add: cam }
`;

const SMALL_DTS = `/dts-v1/;

/*
 * probe-run scenario small
 *
 * A small board for the export test.
 */

/ {
	compatible = "linux,dummy-virt";
	model = "probe-run oracle (QEMU virt)";
	interrupt-parent = <&pr_gic>;
	#address-cells = <2>;
	#size-cells = <2>;

	psci {
		compatible = "arm,psci-1.0", "arm,psci-0.2", "arm,psci";
		method = "hvc";
		cpu_suspend = <0xc4000001>;
		cpu_off = <0x84000002>;
		cpu_on = <0xc4000003>;
		migrate = <0xc4000005>;
	};

	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x10000000>;
	};

	cpus {
		#address-cells = <1>;
		#size-cells = <0>;

		cpu@0 {
			device_type = "cpu";
			compatible = "arm,cortex-a57";
			reg = <0x0>;
		};
	};

	pr_gic: intc@8000000 {
		compatible = "arm,cortex-a15-gic";
		reg = <0x0 0x8000000 0x0 0x10000>, <0x0 0x8010000 0x0 0x10000>;
		interrupt-controller;
		#interrupt-cells = <3>;
		#address-cells = <0>;
	};

	timer {
		compatible = "arm,armv8-timer", "arm,armv7-timer";
		interrupts = <1 13 0x104>, <1 14 0x104>, <1 11 0x104>, <1 10 0x104>;
		always-on;
	};

	pr_apb_pclk: apb-pclk {
		compatible = "fixed-clock";
		#clock-cells = <0>;
		clock-frequency = <24000000>;
		clock-output-names = "clk24mhz";
	};

	pl011@9000000 {
		compatible = "arm,pl011", "arm,primecell";
		reg = <0x0 0x9000000 0x0 0x1000>;
		interrupts = <0 1 4>;
		clocks = <&pr_apb_pclk>, <&pr_apb_pclk>;
		clock-names = "uartclk", "apb_pclk";
	};

	chosen {
		stdout-path = "/pl011@9000000";
		bootargs = "console=ttyAMA0 ignore_loglevel panic=-1 dyndbg=\\"file drivers/base/dd.c +p; file drivers/of/device.c +p; func __dev_probe_failed +p\\" deferred_probe_timeout=5 fw_devlink=permissive";
	};

	/* arguments of &cmu by name: CLK_BUS=10 CLK_DPU=11 */

	cmu: cmu {
		compatible = "probe-run,early-clock", "acme,cmu";
		status = "okay";
		probe-run,label = "cmu";
		#clock-cells = <1>;
	};

	pd_disp: pd-disp {
		compatible = "acme,pd";
		status = "okay";
		probe-run,label = "pd_disp";
		#power-domain-cells = <0>;
		probe-run,power-on-results = <(-110)>; /* -ETIMEDOUT */
		probe-run,power-on-repeat;
	};

	pio: pio {
		compatible = "acme,pio";
		status = "okay";
		probe-run,label = "pio";
		#pinctrl-cells = <0>;

		pio_pins: pins {
			probe-run,pins;
		};
	};

	smmu: smmu {
		compatible = "arm,mmu-500";
		status = "okay";
		probe-run,label = "smmu";
		#iommu-cells = <1>;
		clocks = <&cmu 3>, <&cmu 10>;
		probe-run,probe-results = <(-517) (-517)>; /* -EPROBE_DEFER -EPROBE_DEFER */
	};

	dpu_0: dpu-0 {
		compatible = "acme,dpu";
		status = "okay";
		probe-run,label = "dpu-0";
		clocks = <&cmu 11>;
		iommus = <&smmu 0x800>;
		power-domains = <&pd_disp>;
		pinctrl-0 = <&pio_pins>;
		pinctrl-names = "default";
		dma-coherent;
		probe-run,waits-for = <&smmu>;
		probe-run,xlate-result = <(-19)>; /* -ENODEV */

		dsi_0: dsi-0 {
			compatible = "acme,dsi";
			status = "okay";
			probe-run,label = "dsi_0";
			clocks = <&cmu 9>;
		};
	};

	usb: usb {
		compatible = "acme,usb";
		status = "disabled";
		probe-run,label = "usb";
	};

	probe-run-hotplug {
		/* no compatible: populate skips this node and the nodes under it (timeline add creates them) */

		cam: cam {
			compatible = "acme,cam";
			status = "okay";
			probe-run,label = "cam";
		};
	};

	probe-run-drivers {
		probe-run,scenario = "small";
		probe-run,modules = "on";

		acme-cmu {
			probe-run,name = "acme-cmu";
			probe-run,match = "acme,cmu";
			probe-run,initcall = "core";
			probe-run,build = "builtin";
			probe-run,early;
		};

		acme-pd {
			probe-run,name = "acme-pd";
			probe-run,match = "acme,pd";
			probe-run,initcall = "subsys";
			probe-run,build = "builtin";
		};

		acme-pio {
			probe-run,name = "acme-pio";
			probe-run,match = "acme,pio";
			probe-run,initcall = "device";
			probe-run,build = "builtin";
		};

		arm-smmu {
			probe-run,name = "arm-smmu";
			probe-run,match = "arm,mmu-500";
			probe-run,initcall = "device";
			probe-run,build = "module";
		};

		acme-dpu {
			probe-run,name = "acme-dpu";
			probe-run,match = "acme,dpu", "acme,dsi";
			probe-run,initcall = "device";
			probe-run,build = "builtin";
		};

		acme-cam {
			probe-run,name = "acme-cam";
			probe-run,match = "acme,cam";
			probe-run,initcall = "device";
			probe-run,build = "builtin";
		};
	};

	probe-run-timeline {
		/* milliseconds after user space starts */

		step-0 {
			probe-run,at-ms = <4000>;
			probe-run,action = "modprobe";
			probe-run,driver = "arm-smmu";
		};

		step-1 {
			probe-run,at-ms = <20500>;
			probe-run,action = "add";
			probe-run,node = &cam;
		};
	};
};
`;

const test = suite('exportDts');

test('a small scenario becomes this DTS, byte for byte', () => {
  assert.fixture(exportDts(load(SMALL)), SMALL_DTS);
});

test('the same scenario exports the same text every time', () => {
  assert.is(exportDts(load(SMALL)), exportDts(load(SMALL)));
});

test('labels that map onto one name get distinct node names and dtc labels in file order', () => {
  const plan = planDeviceTree(load(`description: clashing names
nodes:
  a_b: { compatible: [x,a] }
  a-b: { compatible: [x,a] }
  timer: { compatible: [x,t] }
  _x: { compatible: [x,u] }
`));
  assert.equal(
    [...plan.nodes.values()].map((node) => `${node.label} ${node.dtsLabel} ${node.path}`),
    ['a_b a_b /a-b', 'a-b a_b_1 /a-b-1', 'timer timer /timer-1', '_x _x /n-x'],
  );
});

test('hot-pluggable nodes sit in a container without compatible, children under their parent', () => {
  const plan = planDeviceTree(load(SMALL));
  assert.is(plan.nodes.get('cam')?.path, '/probe-run-hotplug/cam');
  assert.is(plan.nodes.get('dsi_0')?.path, '/dpu-0/dsi-0');
  assert.ok(exportDts(load(SMALL)).includes('\tprobe-run-hotplug {\n\t\t/* no compatible'));
});

test('named arguments are numbered per provider after its largest numeric argument, in order of first use', () => {
  const numbers = numberNamedArgs(load(SMALL));
  assert.equal([...(numbers.get('cmu') ?? [])], [['CLK_BUS', 10], ['CLK_DPU', 11]]);
  assert.is(numbers.has('smmu'), false);
});

test('the command line carries only the knobs the scenario sets', () => {
  const plain = kernelCmdline(load('description: nothing set\n'));
  assert.not.match(plain, /deferred_probe_timeout|fw_devlink/);
  assert.match(kernelCmdline(load(SMALL)), / deferred_probe_timeout=5 fw_devlink=permissive$/);
  assert.match(kernelCmdline(load('description: strict\nkernel: { fw_devlink_strict: true }\n')), / fw_devlink.strict=1$/);
});

test('a one-way remote-endpoint becomes a graph link both ways (dtc wants it; each side one endpoint)', () => {
  const text = exportDts(load(`description: graph
nodes:
  dsi: { compatible: [acme,dsi], remote-endpoint: [bridge] }
  bridge: { compatible: [acme,bridge] }
`));
  assert.ok(text.includes('\t\tport {\n\t\t\tdsi_ep_bridge: endpoint {\n\t\t\t\tremote-endpoint = <&bridge_ep_dsi>;\n\t\t\t};\n\t\t};\n'), text);
  assert.ok(text.includes('\t\t\tbridge_ep_dsi: endpoint {\n\t\t\t\tremote-endpoint = <&dsi_ep_bridge>;\n'));
});

test('interrupt, gpio and msi providers carry the properties that make them one', () => {
  const text = exportDts(load(`description: markers
nodes:
  pdc: { compatible: [acme,pdc], interrupt-cells: 2 }
  pio: { compatible: [acme,pio], gpio-cells: 2 }
  its: { compatible: [acme,its], msi-cells: 1 }
  dev: { compatible: [acme,dev], interrupts: [pdc 1 4], gpios: [pio 3 0], msi-parent: [its 7] }
`));
  assert.ok(text.includes('\t\tinterrupt-controller;\n\t\t#address-cells = <0>;\n\t\t#interrupt-cells = <2>;\n'), text);
  assert.ok(text.includes('\t\tgpio-controller;\n\t\t#gpio-cells = <2>;\n'));
  assert.ok(text.includes('\t\tmsi-controller;\n\t\t#msi-cells = <1>;\n'));
  assert.ok(text.includes('\t\tinterrupts-extended = <&pdc 1 4>;\n'));
});

test('a description cannot end the header comment early', () => {
  const text = exportDts(load('description: "a */ b"\n'));
  assert.ok(text.includes(' * a * / b\n */'), text.slice(0, 200));
});

test.run();
