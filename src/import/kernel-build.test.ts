/** The kernel-build parsers: .config, modules.builtin.modinfo, modules.alias, System.map (SPEC section 8). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compatibleOfAlias, parseBuiltinModinfo, parseKernelConfig, parseModulesAlias, parseSystemMap } from './kernel-build.js';

const Build = suite('kernel build files');

Build('.config: CONFIG_MODULES and the version of its header', () => {
  assert.equal(parseKernelConfig('#\n# Automatically generated file; DO NOT EDIT.\n# Linux/arm64 6.1.192 Kernel Configuration\n#\nCONFIG_MODULES=y\n'), { modules: true, version: '6.1.192' });
  assert.equal(parseKernelConfig('# CONFIG_MODULES is not set\n'), { modules: false, version: null });
});

Build('of: aliases: the plain N*T*C form only, with or without a trailing C*', () => {
  assert.is(compatibleOfAlias('of:N*T*Crockchip,rk3399-cru'), 'rockchip,rk3399-cru');
  assert.is(compatibleOfAlias('of:N*T*Crockchip,rk3399-cruC*'), 'rockchip,rk3399-cru');
  assert.is(compatibleOfAlias('of:NpmicT*C*'), null);
  assert.is(compatibleOfAlias('platform:foo'), null);
});

Build('modules.builtin.modinfo: NUL-separated module.key=value records', () => {
  const text = ['clk_rk3399.alias=of:N*T*Crockchip,rk3399-cru', 'clk_rk3399.license=GPL', 'ext4.alias=fs-ext4', 'pinctrl_rockchip.alias=of:N*T*Crockchip,rk3399-pinctrlC*', ''].join('\0');
  const { builtin, modules } = parseBuiltinModinfo(text);
  assert.equal([...builtin], [
    ['rockchip,rk3399-cru', 'clk_rk3399'],
    ['rockchip,rk3399-pinctrl', 'pinctrl_rockchip'],
  ]);
  assert.equal([...modules], ['clk_rk3399', 'ext4', 'pinctrl_rockchip']);
});

Build('modules.alias: the first module per compatible', () => {
  const aliases = parseModulesAlias('# Aliases extracted from modules themselves.\nalias of:N*T*Crockchip,rk3399-dw-hdmiC* dw_hdmi_rockchip\nalias of:N*T*Crockchip,rk3399-dw-hdmi dw_hdmi_rockchip\nalias of:N*T*Carm,mali-t860 panfrost\nalias of:N*T*Carm,mali-t860C* other\nalias pci:v00008086d* e1000\n');
  assert.equal([...aliases], [
    ['rockchip,rk3399-dw-hdmi', 'dw_hdmi_rockchip'],
    ['arm,mali-t860', 'panfrost'],
  ]);
});

Build('System.map: initcall symbols in address order give level and link order; a stub gives nothing', () => {
  const map = [
    'ffff800080010000 T _text',
    'ffff800081a20008 d __initcall__kmod_probe_run_fake__396_520_prf_init_subsys4',
    'ffff800081a20000 d __initcall__kmod_clk_rk3399__281_1640_clk_rk3399_driver_init1',
    'ffff800081a20010 d __initcall__kmod_pinctrl_rockchip__400_3900_rockchip_pinctrl_drv_register3s',
    'ffff800081a20018 d __initcall__kmod_deferred__1_2_deferred_probe_initcall7',
    'ffff800081a1fff8 d __initcall__kmod_cpu__1_2_cpu_stop_initearly',
  ].join('\n');
  const initcalls = parseSystemMap(map);
  assert.equal(
    [...initcalls].map(([object, call]) => `${object} ${call.level} ${call.order} ${call.suffix}`),
    ['clk_rk3399 core 1 1', 'probe_run_fake subsys 2 4', 'pinctrl_rockchip arch 3 3s', 'deferred late 4 7'],
  );
  assert.is(parseSystemMap('The real System.map is in the linux-image-6.1.0-57-arm64-dbg package\n').size, 0);
});

Build.run();
