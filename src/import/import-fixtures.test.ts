/**
 * The real fixture DTBs (test/fixtures/dtb) import with no diagnostic, load, and run to the end; the
 * committed scenarios/imported/ files are exactly what import writes today (so their goldens test
 * the importer too). Test code may read files; the importer does not.
 */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runEngine } from '../engine/run-engine.js';
import { parseFdt } from '../fdt/parse-fdt.js';
import { loadScenario } from '../load/load-scenario.js';
import { importDeviceTree } from './import-device-tree.js';
import { emptyKernelBuild, parseBuiltinModinfo, parseKernelConfig, parseModulesAlias, parseSystemMap, type KernelBuild } from './kernel-build.js';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const KERNEL = 'test/fixtures/kernel/debian-6.1.0-57-arm64';

/** The fixture kernel build as the CLI reads it (same sources line, same parsers). */
function fixtureKernel(): KernelBuild {
  const build = emptyKernelBuild();
  Object.assign(build, parseKernelConfig(read(`${KERNEL}/config`)));
  const { builtin, modules } = parseBuiltinModinfo(read(`${KERNEL}/modules.builtin.modinfo`));
  build.builtin = builtin;
  build.builtinModules = modules;
  build.moduleAlias = parseModulesAlias(read(`${KERNEL}/modules.alias`));
  const initcalls = parseSystemMap(read(`${KERNEL}/System.map`));
  build.initcalls = initcalls.size > 0 ? initcalls : null;
  build.sources = [
    `${KERNEL}/config`,
    `${KERNEL}/modules.builtin.modinfo (${builtin.size} of: aliases)`,
    `${KERNEL}/modules.alias (${build.moduleAlias.size} of: aliases)`,
    `${KERNEL}/System.map (${initcalls.size} initcalls: a stub)`,
  ];
  return build;
}

const FIXTURES: { dtb: string; kernel: boolean }[] = [
  { dtb: 'corstone1000-mps3', kernel: false },
  { dtb: 'imx8mm-evk', kernel: true },
  { dtb: 'sun50i-a64-pinebook', kernel: true },
  { dtb: 'zynqmp-sm-k26-revA', kernel: false },
];

const Fixtures = suite('import: real fixture DTBs');

for (const { dtb, kernel } of FIXTURES) {
  Fixtures(`${dtb}.dtb imports, loads without a diagnostic, runs to the end, and equals scenarios/imported/${dtb}.yaml`, () => {
    const parsed = parseFdt(new Uint8Array(readFileSync(new URL(`../../test/fixtures/dtb/${dtb}.dtb`, import.meta.url))));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const result = importDeviceTree(parsed.tree, { source: `${dtb}.dtb`, kernel: kernel ? fixtureKernel() : null });
    assert.equal(result.warnings, []);
    const loaded = loadScenario(result.yaml, `${dtb}.yaml`, `imported/${dtb}`);
    assert.equal(
      loaded.diagnostics.map((d) => `${d.code} ${d.message}`),
      [],
    );
    if (loaded.scenario === null) throw new Error('no scenario');
    const { result: run } = runEngine(loaded.scenario);
    assert.not.ok(run.livelock);
    assert.is(run.devices.length, result.summary.nodes);
    assert.ok(result.summary.devices > 0);
    assert.is(result.yaml, read(`scenarios/imported/${dtb}.yaml`), `re-import with: npx probe-run import test/fixtures/dtb/${dtb}.dtb${kernel ? ` --kernel ${KERNEL}` : ''} -o scenarios/imported/${dtb}.yaml`);
  });
}

Fixtures.run();
