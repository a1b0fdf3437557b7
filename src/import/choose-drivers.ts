/**
 * Drivers for an imported tree (SPEC section 8): from a kernel build when one is given (built in or
 * module by compatible, initcall level and link order from System.map), otherwise one built-in
 * `device`-level driver per most specific compatible. Early providers come from the early table.
 * Every choice carries the comment that explains it.
 */
import { INITCALL_LEVELS, type BuildKind, type InitcallLevel } from '../model/scenario.js';
import { EARLY_PROVIDERS, earlyCompatible } from './early-providers.js';
import { objectName, type KernelBuild } from './kernel-build.js';

/** How a driver was found, for the summary. */
export type DriverOrigin = 'builtin' | 'module' | 'guessed' | 'early';

/** One driver of the scenario to be. */
export interface ImportedDriver {
  name: string;
  compatible: string[];
  initcall: InitcallLevel;
  early: boolean;
  build: BuildKind;
  origin: DriverOrigin;
  /** The comment on its line. */
  note: string;
  /** Position in System.map's initcall order, or null when unknown. */
  order: number | null;
  /** First appearance among the nodes, to keep a stable order where nothing else decides. */
  firstSeen: number;
}

/** The node's driver decision, for the node's own comment. */
export interface NodeDriverChoice {
  driver: string | null;
  note: string;
}

/** Picks the drivers for nodes given by their compatible lists, in node order. */
export function chooseDrivers(nodes: readonly { compatible: readonly string[] }[], kernel: KernelBuild | null): { drivers: ImportedDriver[]; perNode: NodeDriverChoice[] } {
  const byName = new Map<string, ImportedDriver>();
  const perNode: NodeDriverChoice[] = [];
  const add = (name: string, compatible: string, make: () => Omit<ImportedDriver, 'compatible' | 'firstSeen' | 'name'>, seen: number): ImportedDriver => {
    let driver = byName.get(name);
    if (driver === undefined) {
      driver = { name, compatible: [], firstSeen: seen, ...make() };
      byName.set(name, driver);
    }
    if (!driver.compatible.includes(compatible)) driver.compatible.push(compatible);
    return driver;
  };
  nodes.forEach((node, seen) => {
    if (node.compatible.length === 0) {
      perNode.push({ driver: null, note: 'no compatible' });
      return;
    }
    const early = earlyCompatible(node.compatible);
    if (early !== null) {
      const entry = EARLY_PROVIDERS[early];
      add(early, early, () => ({ initcall: 'core', early: true, build: 'builtin', origin: 'early', note: `${entry.macro} in ${entry.source} (early-provider table)`, order: null }), seen);
      perNode.push({ driver: early, note: `early provider: ${EARLY_PROVIDERS[early].macro}` });
      return;
    }
    if (kernel === null) {
      const compatible = node.compatible[0];
      add(compatible, compatible, () => ({ initcall: 'device', early: false, build: 'builtin', origin: 'guessed', note: 'guessed: no --kernel, a built-in device-level driver', order: null }), seen);
      perNode.push({ driver: compatible, note: 'driver guessed' });
      return;
    }
    for (const compatible of node.compatible) {
      const builtin = kernel.builtin?.get(compatible);
      const module = builtin === undefined ? kernel.moduleAlias?.get(compatible) : undefined;
      const name = builtin ?? module;
      if (name === undefined) continue;
      const initcall = kernel.initcalls?.get(objectName(name)) ?? null;
      const driver = add(
        name,
        compatible,
        () => ({
          initcall: initcall?.level ?? 'device',
          early: false,
          build: builtin !== undefined ? 'builtin' : 'module',
          origin: builtin !== undefined ? 'builtin' : 'module',
          note:
            builtin !== undefined
              ? `built in (modules.builtin.modinfo)${initcall ? `, initcall level ${initcall.suffix} (System.map)` : ', level guessed: device'}`
              : 'module (modules.alias)',
          order: initcall?.order ?? null,
        }),
        seen,
      );
      perNode.push({ driver: driver.name, note: `${compatible} → ${driver.build === 'module' ? 'module' : 'built-in'} ${driver.name}` });
      return;
    }
    // No alias anywhere: a built-in driver without an of: alias (6.1's modules.builtin.modinfo has
    // none) or no driver at all; import assumes built in and says so.
    const compatible = node.compatible[0];
    add(compatible, compatible, () => ({ initcall: 'device', early: false, build: 'builtin', origin: 'guessed', note: 'guessed: no alias in the kernel build; built in without an of: alias, or no driver at all', order: null }), seen);
    perNode.push({ driver: compatible, note: 'no alias in the build: built in or no driver (assumed built in)' });
  });
  const level = (d: ImportedDriver) => INITCALL_LEVELS.indexOf(d.initcall);
  // Link order within a level: System.map's address order where known, then first appearance.
  const drivers = [...byName.values()].sort(
    (a, b) => level(a) - level(b) || (a.order === null ? 1 : 0) - (b.order === null ? 1 : 0) || (a.order ?? 0) - (b.order ?? 0) || a.firstSeen - b.firstSeen,
  );
  return { drivers, perNode };
}
