/**
 * What a kernel build says about drivers (SPEC section 8): CONFIG_MODULES from `.config`, which
 * compatibles a built-in driver or a module matches (`modules.builtin.modinfo`, `modules.alias`),
 * and the initcall level and link order of built-in drivers (`System.map`). Pure parsers: the CLI
 * reads the files and hands their text over.
 */
import type { InitcallLevel } from '../model/scenario.js';

/** One initcall of System.map: its level and its position in link order (address order). */
export interface Initcall {
  level: InitcallLevel;
  /** Index in address order over all initcalls (the order they run). */
  order: number;
  /** The symbol's level suffix as written (`6`, `3s`, `rootfs`), for the comment. */
  suffix: string;
}

/** Everything read from a kernel build; each part null when its file was not given. */
export interface KernelBuild {
  /** `CONFIG_MODULES` (`=y` → true, `is not set` → false), null without a `.config`. */
  modules: boolean | null;
  /** The kernel version from the `.config` header (`6.1.192`), or null. */
  version: string | null;
  /** Compatible → built-in module name (`of:` aliases of `modules.builtin.modinfo`), null without that file. */
  builtin: Map<string, string> | null;
  /** Module names that `modules.builtin.modinfo` lists at all (any key), for the comments. */
  builtinModules: Set<string> | null;
  /** Compatible → loadable module name (`modules.alias`), null without that file. */
  moduleAlias: Map<string, string> | null;
  /** Module (object) name → its initcall, from `__initcall__kmod_*` symbols; null without a usable System.map. */
  initcalls: Map<string, Initcall> | null;
  /** Where each part came from (file names), for the summary comment. */
  sources: string[];
}

/** An empty build: nothing known. */
export function emptyKernelBuild(): KernelBuild {
  return { modules: null, version: null, builtin: null, builtinModules: null, moduleAlias: null, initcalls: null, sources: [] };
}

/** CONFIG_MODULES and the version from a `.config`. */
export function parseKernelConfig(text: string): { modules: boolean | null; version: string | null } {
  let modules: boolean | null = null;
  let version: string | null = null;
  for (const line of text.split('\n')) {
    if (line === 'CONFIG_MODULES=y') modules = true;
    else if (line === '# CONFIG_MODULES is not set') modules = false;
    const header = /^# Linux\/\S+ (\d+\.\d+(?:\.\d+)?)\S* Kernel Configuration/.exec(line);
    if (header && version === null) version = header[1];
  }
  return { modules, version };
}

/** The compatible an `of:` alias names when it is the plain `of:N*T*C<compatible>` form (with or without a trailing `C*`). */
export function compatibleOfAlias(alias: string): string | null {
  const match = /^of:N\*T\*C(.+?)(?:C\*)?$/.exec(alias);
  if (!match || /[*?[]/.test(match[1])) return null;
  return match[1];
}

/** `modules.builtin.modinfo`: NUL-separated `module.key=value` records; `of:` aliases map a compatible to its built-in module. */
export function parseBuiltinModinfo(text: string): { builtin: Map<string, string>; modules: Set<string> } {
  const builtin = new Map<string, string>();
  const modules = new Set<string>();
  for (const record of text.split('\0')) {
    const match = /^([^.=]+)\.([^=]+)=(.*)$/s.exec(record);
    if (!match) continue;
    const [, module, key, value] = match;
    modules.add(module);
    if (key !== 'alias') continue;
    const compatible = compatibleOfAlias(value);
    if (compatible !== null && !builtin.has(compatible)) builtin.set(compatible, module);
  }
  return { builtin, modules };
}

/** `modules.alias` lines `alias of:N*T*C<compatible>[C*] <module>`; the first module per compatible wins, as modprobe's order does. */
export function parseModulesAlias(text: string): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^alias (\S+) (\S+)$/.exec(line.trim());
    if (!match) continue;
    const compatible = compatibleOfAlias(match[1]);
    if (compatible !== null && !aliases.has(compatible)) aliases.set(compatible, match[2]);
  }
  return aliases;
}

/** The initcall level of a System.map suffix; null for levels no driver registers at (`early`, pure `0`). */
export function levelOfSuffix(suffix: string): InitcallLevel | null {
  switch (suffix) {
    case '1':
    case '1s':
      return 'core';
    case '2':
    case '2s':
      return 'postcore';
    case '3':
    case '3s':
      return 'arch';
    case '4':
    case '4s':
      return 'subsys';
    case '5':
    case '5s':
    case 'rootfs':
      return 'fs';
    case '6':
    case '6s':
      return 'device';
    case '7':
    case '7s':
      return 'late';
    default:
      return null;
  }
}

const INITCALL_SYMBOL = /^__initcall__kmod_(.+?)__\d+_\d+_\w+?(early|rootfs|[0-7]s?)$/;

/**
 * `System.map` (`address type symbol` lines): the `__initcall__kmod_<object>__<id>_<line>_<fn><level>`
 * symbols, sorted by address (the order the initcalls run), give each object's level and link order.
 * A stub System.map (Debian ships one) has none: the result is then empty.
 */
export function parseSystemMap(text: string): Map<string, Initcall> {
  const found: { address: bigint; object: string; suffix: string }[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 3 || !/^[0-9a-fA-F]+$/.test(parts[0])) continue;
    const match = INITCALL_SYMBOL.exec(parts[2]);
    if (!match) continue;
    found.push({ address: BigInt(`0x${parts[0]}`), object: match[1], suffix: match[2] });
  }
  found.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const initcalls = new Map<string, Initcall>();
  found.forEach(({ object, suffix }, order) => {
    const level = levelOfSuffix(suffix);
    // The first driver initcall of an object decides (a module_init per object is the usual case).
    if (level !== null && !initcalls.has(object)) initcalls.set(object, { level, order, suffix });
  });
  return initcalls;
}

/** A module name as System.map spells its object (`KBUILD_MODNAME`: dashes become underscores). */
export function objectName(module: string): string {
  return module.replace(/-/g, '_');
}
